package io.pushrelay.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.message.ChannelType;
import io.pushrelay.message.GroupPage;
import io.pushrelay.message.Json;
import io.pushrelay.message.PushMessage;
import io.pushrelay.message.RejectedRequest;
import io.pushrelay.message.Target;
import io.pushrelay.message.WorkBatch;
import io.pushrelay.provider.adm.AdmFields;
import io.pushrelay.provider.alexa.AlexaFields;
import io.pushrelay.provider.fcm.FcmFields;
import org.junit.jupiter.api.Test;

/** Each provider's own fields: read by its plug-in from its block, flat in the JSON of work messages, read back. */
class ChannelFieldsTest {

    private static final String REQUEST = "{\"Addresses\":{\"a\":{\"ChannelType\":\"ADM\"}},\"MessageConfiguration\":{"
            + "\"DefaultMessage\":{\"Title\":\"t\",\"Priority\":\"normal\"},"
            + "\"ADMMessage\":{\"ConsolidationKey\":\"ck\",\"ExpiresAfter\":120},"
            + "\"GCMMessage\":{\"Priority\":\"HIGH\",\"TimeToLive\":60,\"CollapseKey\":\"c\",\"ExpiresAfter\":\"never\"},"
            + "\"AlexaMessage\":{\"Type\":\"Announcement\",\"Locale\":\"de-DE\"}}}";

    private final Map<ChannelType, PushMessage> messages = parse(REQUEST).messages();

    @Test
    void eachPluginReadsItsOwnFieldsOverTheDefaultsAndIgnoresOtherProviders() {
        assertThat(AdmFields.of(messages.get(ChannelType.ADM))).isEqualTo(new AdmFields("ck", 120L, "normal"));
        assertThat(FcmFields.of(messages.get(ChannelType.GCM))).isEqualTo(new FcmFields("c", "high", 60L, null));
        assertThat(AlexaFields.of(messages.get(ChannelType.ALEXA))).isEqualTo(new AlexaFields("Announcement", "de-DE", null));
        assertThat(messages.get(ChannelType.GCM).channelFields()).doesNotContainKey("ExpiresAfter");
        assertThat(messages.get(ChannelType.ADM).title()).isEqualTo("t");
    }

    @Test
    void aBadValueInAProvidersBlockIsRejectedWithItsRule() {
        assertThatThrownBy(() -> parse(REQUEST.replace("\"TimeToLive\":60", "\"TimeToLive\":-1")))
                .hasMessage("MessageConfiguration.GCMMessage.TimeToLive must be between 0 and 2419200 seconds");
        assertThatThrownBy(() -> parse(REQUEST.replace("\"Locale\":\"de-DE\"", "\"Locale\":\"german\"")))
                .hasMessage("MessageConfiguration.AlexaMessage.Locale must look like en-US");
    }

    @Test
    void aWorkMessageCarriesTheFieldsFlatAndReadsBackTheSame() {
        PushMessage adm = messages.get(ChannelType.ADM);
        WorkBatch batch = new WorkBatch("r1", ChannelType.ADM, adm, List.of(Target.of(ChannelType.ADM, "a")), true);
        String json = Json.write(batch);
        JsonNode message = Json.tree(json).get("Message");
        assertThat(message.get("ExpiresAfter").asLong()).isEqualTo(120);
        assertThat(message.get("ConsolidationKey").asText()).isEqualTo("ck");
        assertThat(message.has("channelFields")).isFalse();
        assertThat(Json.read(json, WorkBatch.class)).isEqualTo(batch);
    }

    @Test
    void aGroupPageKeepsEachChannelsMessage() {
        GroupPage page = new GroupPage("r1", "g", messages, null, 0, 0, 0, false);
        GroupPage back = Json.read(Json.write(page), GroupPage.class);
        assertThat(back.messages()).isEqualTo(messages);
    }

    private static SendRequest parse(String body) {
        try {
            return new RequestParser().parse(body, null, null, "ID:1");
        } catch (RejectedRequest e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
