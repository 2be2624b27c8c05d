package io.pushrelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.support.GatewayTest;
import org.junit.jupiter.api.Test;

/** Campaigns on one gateway (H2, Quartz in memory): operations, firing on the cron, run history, and the rules. */
class CampaignTest extends GatewayTest {

    String campaign(String id, String cron, String target, boolean enabled, String window) {
        return "{\"operation\":\"upsert\",\"CampaignId\":\"" + id + "\",\"Schedule\":{\"Cron\":\"" + cron + "\",\"TimeZone\":"
                + "\"Europe/Berlin\"" + window + "},\"Target\":" + target + ",\"MessageConfiguration\":{\"DefaultPushNotificationMessage\":"
                + "{\"Title\":\"Daily\",\"Body\":\"digest\"}},\"Enabled\":" + enabled + "}";
    }

    JsonNode get(String id) throws Exception {
        return ask("push.campaigns", "{\"operation\":\"get\",\"CampaignId\":\"" + id + "\"}");
    }

    String user() throws Exception {
        String user = "u" + unique();
        ask("push.endpoints", "{\"operation\":\"upsert\",\"EndpointId\":\"" + user + "-e\",\"ChannelType\":\"GCM\",\"Address\":\"fcm"
                + unique() + ":APA91b\",\"User\":{\"UserId\":\"" + user + "\"}}");
        return user;
    }

    @Test
    void aCampaignFiresOnItsCronAndKeepsItsRunHistory() throws Exception {
        String id = "c" + unique();
        String user = user();
        JsonNode stored = ask("push.campaigns", campaign(id, "* * * * * ?", "{\"UserIds\":[\"" + user + "\"]}", true, ""));
        assertThat(stored.get("CampaignId").asText()).isEqualTo(id);
        await().atMost(WAIT).until(() -> get(id).get("Runs").size() >= 2
                && get(id).get("Runs").get(1).path("Counts").path("SUCCESSFUL").asInt() == 1);
        JsonNode run = get(id).get("Runs").get(1);
        assertThat(run.get("RequestId").asText()).isEqualTo("campaign:" + id + ":" + run.get("ScheduledFireTime").asText());
        assertThat(run.get("ScheduledFireTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(forRequest("push.results", run.get("RequestId").asText(), 1)).hasSize(1);
        ask("push.campaigns", "{\"operation\":\"delete\",\"CampaignId\":\"" + id + "\"}");
        assertThat(get(id).get("Reason").asText()).isEqualTo("UnknownCampaign");
    }

    @Test
    void disabledOrOutOfWindowCampaignsDoNotFireButRunNowDoes() throws Exception {
        String clock = "clock" + unique();
        String disabled = "off" + unique();
        String later = "later" + unique();
        String user = user();
        String target = "{\"UserIds\":[\"" + user + "\"]}";
        ask("push.campaigns", campaign(disabled, "* * * * * ?", target, false, ""));
        ask("push.campaigns", campaign(later, "* * * * * ?", target, true, ",\"StartTime\":\"" + Instant.now().plusSeconds(3600) + "\""));
        ask("push.campaigns", campaign(clock, "* * * * * ?", target, true, ""));
        await().atMost(WAIT).until(() -> get(clock).get("Runs").size() >= 3);
        assertThat(get(disabled).get("Runs")).isEmpty();
        assertThat(get(later).get("Runs")).isEmpty();
        JsonNode now = ask("push.campaigns", "{\"operation\":\"run-now\",\"CampaignId\":\"" + disabled + "\"}");
        assertThat(now.get("RequestId").asText()).startsWith("campaign:" + disabled + ":");
        await().atMost(WAIT).until(() -> get(disabled).get("Runs").size() == 1);
        assertThat(ask("push.campaigns", "{\"operation\":\"list\"}").get("Item").findValuesAsText("CampaignId"))
                .contains(clock, disabled, later);
        ask("push.campaigns", "{\"operation\":\"delete\",\"CampaignId\":\"" + clock + "\"}");
    }

    @Test
    void badSchedulesAreRejectedWithTheReason() throws Exception {
        assertThat(ask("push.campaigns", campaign("bad" + unique(), "every morning", "{\"GroupName\":\"g\"}", true, ""))
                .get("Reason").asText()).isEqualTo("InvalidCron");
        assertThat(ask("push.campaigns", campaign("bad" + unique(), "0 0 9 * * ?", "{\"GroupName\":\"g\"}", true, "")
                .replace("Europe/Berlin", "Mars/Olympus")).get("Reason").asText()).isEqualTo("InvalidTimeZone");
        assertThat(ask("push.campaigns", campaign("bad" + unique(), "0 0 9 * * ?", "{}", true, "")).get("Reason").asText())
                .isEqualTo("InvalidField");
        assertThat(jms.receive("push.invalid", "Reason = 'InvalidCron'", 1, Duration.ofSeconds(5))).hasSize(1);
    }

    @Test
    void aUnixCronIsRejectedWithQuartzsFormatAsTheHint() throws Exception {
        JsonNode fiveFields = ask("push.campaigns", campaign("unix" + unique(), "0 9 * * *", "{\"UserIds\":[\"u\"]}", true, ""));
        assertThat(fiveFields.get("Reason").asText()).isEqualTo("InvalidCron");
        assertThat(fiveFields.get("ReasonText").asText()).contains("5 fields", "Quartz", "seconds first", "'0 0 9 * * ?'");
        JsonNode unparsable = ask("push.campaigns", campaign("unix" + unique(), "0 0 9 * * MON", "{\"UserIds\":[\"u\"]}", true, ""));
        assertThat(unparsable.get("ReasonText").asText()).contains("does not parse", "'?'", "'0 0 9 * * ?'");
    }

    @Test
    void aCampaignForAGroupThatDoesNotExistIsRejectedAtUpsert() throws Exception {
        String missing = "nobody" + unique();
        String id = "orphan" + unique();
        JsonNode rejected = ask("push.campaigns", campaign(id, "0 0 9 * * ?", "{\"GroupName\":\"" + missing + "\"}", true, ""));
        assertThat(rejected.get("Reason").asText()).isEqualTo("UnknownGroup");
        assertThat(rejected.get("ReasonText").asText()).contains(missing);
        assertThat(get(id).get("Reason").asText()).isEqualTo("UnknownCampaign");
        assertThat(jms.receive("push.invalid", "Reason = 'UnknownGroup'", 1, WAIT)).hasSize(1);

        String group = "g" + unique();
        ask("push.groups", "{\"operation\":\"create\",\"group_name\":\"" + group
                + "\",\"registration_ids\":[\"amzn1.adm-registration.v3." + unique() + "\"]}");
        JsonNode stored = ask("push.campaigns", campaign(id, "0 0 9 * * ?", "{\"GroupName\":\"" + group + "\"}", true, ""));
        assertThat(stored.get("CampaignId").asText()).isEqualTo(id);
    }
}
