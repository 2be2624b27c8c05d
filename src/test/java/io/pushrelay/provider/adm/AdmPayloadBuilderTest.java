package io.pushrelay.provider.adm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import io.pushrelay.message.PushMessage;
import io.pushrelay.message.Target;
import io.pushrelay.support.Messages;
import org.junit.jupiter.api.Test;

class AdmPayloadBuilderTest {

    @Test
    void fullMessageMatchesTheGoldenJson() {
        PushMessage message = Messages.builder().title("Pool party").body("Happy hour!")
                .data(Map.of("campaign", "summer")).consolidationKey("happy-hour").expiresAfter(3600L).build();
        assertThat(AdmPayloadBuilder.build(message)).isEqualTo("{\"data\":{\"campaign\":\"summer\"},"
                + "\"notification\":{\"title\":\"Pool party\",\"body\":\"Happy hour!\"},\"consolidationKey\":\"happy-hour\","
                + "\"expiresAfter\":3600,\"md5\":\"" + AdmPayloadBuilder.md5(Map.of("campaign", "summer")) + "\"}");
    }

    @Test
    void expiresAfterIsAlwaysSentWithTheWeekDefault() {
        assertThat(AdmPayloadBuilder.build(Messages.builder().body("b").build())).contains("\"expiresAfter\":604800");
    }

    @Test
    void silentPushSendsNoNotification() {
        String json = AdmPayloadBuilder.build(Messages.builder().title("t").body("b").silentPush(true)
                .data(Map.of("k", "v")).build());
        assertThat(json).doesNotContain("notification").contains("\"data\":{\"k\":\"v\"}");
    }

    @Test
    void md5FollowsAdmsDocumentedVectors() {
        assertThat(AdmPayloadBuilder.md5(Map.of())).isEqualTo("1B2M2Y8AsgTpgAmY7PhCfg==");
        assertThat(AdmPayloadBuilder.md5(Map.of("message", "your message"))).isEqualTo("qzF+HgArKZjJrpfcTbiFxg==");
        Map<String, String> two = new LinkedHashMap<>();
        two.put("key2", "value2");
        two.put("key1", "value1");
        assertThat(AdmPayloadBuilder.md5(two)).isEqualTo("mysMS9RLodXKUzD3uiNpYw==");
    }

    @Test
    void contextGoesIntoDataUnderPinpointAndOverridesApplyPerTarget() {
        PushMessage message = Messages.builder().title("Hello {{Name}}").body("b").substitutions(Map.of("Name", "you"))
                .context(Map.of("trace", "t1")).build();
        Target target = Target.of(io.pushrelay.message.ChannelType.ADM, "id")
                .withOverrides(null, "Body for {{Name}}", Map.of("Name", "Ada"), null, null);
        String json = AdmPayloadBuilder.build(message.forTarget(target));
        assertThat(json).contains("\"title\":\"Hello Ada\"").contains("\"body\":\"Body for Ada\"")
                .contains("\"pinpoint.trace\":\"t1\"");
    }

    @Test
    void rawContentIsSentAsItIsWithExpiresAfterAdded() {
        String json = AdmPayloadBuilder.build(Messages.builder().rawContent("{\"data\":{\"raw\":\"1\"}}").build());
        assertThat(json).isEqualTo("{\"data\":{\"raw\":\"1\"},\"expiresAfter\":604800}");
    }
}
