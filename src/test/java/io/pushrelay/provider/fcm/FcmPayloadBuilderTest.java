package io.pushrelay.provider.fcm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.pushrelay.support.Messages;
import org.junit.jupiter.api.Test;

class FcmPayloadBuilderTest {

    @Test
    void fullMessageMatchesTheGoldenJson() {
        String json = FcmPayloadBuilder.request(Messages.builder().title("Pool party").body("Happy hour!")
                .data(Map.of("campaign", "summer")).collapseKey("happy-hour").priority("high").timeToLive(3600L)
                .restrictedPackageName("com.example.app").imageUrl("https://example.com/i.png").build(), "tok-1");
        assertThat(json).isEqualTo("{\"message\":{\"token\":\"tok-1\",\"notification\":{\"title\":\"Pool party\","
                + "\"body\":\"Happy hour!\",\"image\":\"https://example.com/i.png\"},\"data\":{\"campaign\":\"summer\"},"
                + "\"android\":{\"collapse_key\":\"happy-hour\",\"priority\":\"HIGH\",\"ttl\":\"3600s\","
                + "\"restricted_package_name\":\"com.example.app\"}}}");
    }

    @Test
    void priorityInAnyCaseBecomesTheEnum() {
        assertThat(FcmPayloadBuilder.request(Messages.builder().body("b").priority("NoRmAl").build(), "t"))
                .contains("\"priority\":\"NORMAL\"");
    }

    @Test
    void silentDataMessageHasNoNotificationAndNoAndroidBlockWhenNothingIsSet() {
        assertThat(FcmPayloadBuilder.request(Messages.builder().title("t").body("b").silentPush(true)
                .data(Map.of("k", "v")).build(), "t"))
                .isEqualTo("{\"message\":{\"token\":\"t\",\"data\":{\"k\":\"v\"}}}");
    }

    @Test
    void rawContentIsTheMessageObjectWithTheTokenSet() {
        assertThat(FcmPayloadBuilder.request(Messages.builder()
                .rawContent("{\"message\":{\"data\":{\"raw\":\"1\"},\"token\":\"placeholder\"}}").build(), "real"))
                .isEqualTo("{\"message\":{\"data\":{\"raw\":\"1\"},\"token\":\"real\"}}");
    }

    @Test
    void payloadBytesCountKeysValuesAndNotificationText() {
        var message = FcmPayloadBuilder.message(Messages.builder().title("ab").body("cde").data(Map.of("k", "vv")).build(), "t");
        assertThat(FcmPayloadBuilder.payloadBytes(message)).isEqualTo(2 + 3 + 1 + 2);
    }
}
