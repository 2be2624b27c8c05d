package io.pushrelay.provider.alexa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.pushrelay.message.ChannelType;
import io.pushrelay.message.Json;
import io.pushrelay.message.Target;
import io.pushrelay.message.WorkBatch;
import io.pushrelay.provider.ProviderCall;
import io.pushrelay.support.Messages;
import org.junit.jupiter.api.Test;

class AlexaPayloadBuilderTest {

    @Test
    void deviceNotificationSpeaksTitleThenBodyMatchingTheGoldenJson() {
        var notification = AlexaPayloadBuilder.notification(Messages.builder().title("Pool party")
                .body("Happy hour is starting now in the pool area!").build(), "en-US");
        assertThat(AlexaPayloadBuilder.request(List.of("amzn1.alexa.unit.did.U1"), notification)).isEqualTo(
                "{\"recipients\":[{\"type\":\"Unit\",\"id\":\"amzn1.alexa.unit.did.U1\"}],\"notification\":{\"variants\":"
                        + "[{\"type\":\"DeviceNotification\",\"content\":{\"variants\":[{\"type\":\"SpokenText\",\"values\":"
                        + "[{\"locale\":\"en-US\",\"text\":\"Pool party. Happy hour is starting now in the pool area!\"}]}]}}]}}");
    }

    @Test
    void announcementAndLocaleComeFromAlexaMessage() {
        String json = Json.write(AlexaPayloadBuilder.notification(Messages.builder().body("Hallo").alexaType("Announcement")
                .locale("de-DE").build(), "en-US"));
        assertThat(json).contains("\"type\":\"Announcement\"").contains("\"locale\":\"de-DE\"").contains("\"text\":\"Hallo\"");
    }

    @Test
    void bodyWithoutTitleIsSpokenAlone() {
        assertThat(AlexaPayloadBuilder.spokenText(null, "Only body")).isEqualTo("Only body");
        assertThat(AlexaPayloadBuilder.spokenText("Only title", null)).isEqualTo("Only title");
    }

    @Test
    void moreThan100RecipientsAreSplitIntoCallsOfAtMost100() {
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            targets.add(Target.of(ChannelType.ALEXA, "amzn1.alexa.unit.did.U" + i));
        }
        AlexaProvider provider = new AlexaProvider("http://x/alexa", "en-US", Clock.systemUTC());
        List<ProviderCall> calls = provider.plan(new WorkBatch("r", ChannelType.ALEXA, Messages.builder().body("b").build(),
                targets, false));
        assertThat(calls).extracting(c -> c.targets().size()).containsExactly(100, 100, 50);
        assertThat(calls.get(0).url()).isEqualTo("http://x/alexa/v3/notifications");
        assertThat(Json.tree(calls.get(2).body()).get("recipients")).hasSize(50);
    }
}
