package io.pushrelay.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import io.pushrelay.campaign.Campaign;
import io.pushrelay.message.RejectedRequest;
import org.junit.jupiter.api.Test;

/** The console's own reads: dead-letter filters as a selector, CSV fields, campaigns' next fire times. */
class ConsoleViewsTest {

    @Test
    void deadLetterFiltersBecomeTheReplaysSelectorAndATimeRange() throws Exception {
        assertThat(ConsoleDeadLetters.selector(null, null, null, null, null)).isNull();
        assertThat(ConsoleDeadLetters.selector("gcm", "UNAVAILABLE", "r'1", "2026-12-01T09:00:00Z", ""))
                .isEqualTo("ChannelType = 'GCM' AND Reason = 'UNAVAILABLE' AND RequestId = 'r''1' AND JMSTimestamp >= "
                        + Instant.parse("2026-12-01T09:00:00Z").toEpochMilli());
        assertThatThrownBy(() -> ConsoleDeadLetters.selector("SMS", null, null, null, null)).isInstanceOf(RejectedRequest.class);
        assertThatThrownBy(() -> ConsoleDeadLetters.selector(null, null, null, "yesterday", null))
                .isInstanceOf(RejectedRequest.class).hasMessageContaining("ISO-8601");
    }

    @Test
    void csvFieldsWithCommasQuotesOrLineBreaksAreQuoted() {
        assertThat(ConsoleDeadLetters.csvField("plain")).isEqualTo("plain");
        assertThat(ConsoleDeadLetters.csvField("a,b")).isEqualTo("\"a,b\"");
        assertThat(ConsoleDeadLetters.csvField("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ConsoleDeadLetters.csvField("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    @Test
    void nextFireTimesFollowTheCronInItsTimeZoneWithinTheWindowAndNoneWhileDisabled() {
        Instant now = Instant.parse("2026-12-07T12:00:00Z");
        Campaign berlin = campaign("0 0 9 * * ?", "Europe/Berlin", null, null, true);
        assertThat(ConsoleCampaigns.nextFireTimes(berlin, now)).containsExactly(Instant.parse("2026-12-08T08:00:00Z"),
                Instant.parse("2026-12-09T08:00:00Z"), Instant.parse("2026-12-10T08:00:00Z"));
        Campaign later = campaign("0 0 9 * * ?", null, "2027-01-01T00:00:00Z", "2027-01-02T12:00:00Z", true);
        assertThat(ConsoleCampaigns.nextFireTimes(later, now)).containsExactly(Instant.parse("2027-01-01T09:00:00Z"),
                Instant.parse("2027-01-02T09:00:00Z"));
        assertThat(ConsoleCampaigns.nextFireTimes(campaign("0 0 9 * * ?", null, null, null, false), now)).isEmpty();
    }

    private static Campaign campaign(String cron, String zone, String start, String end, boolean enabled) {
        return new Campaign("c", new Campaign.Schedule(cron, zone, start, end), new Campaign.Target("g", null), null, enabled);
    }
}
