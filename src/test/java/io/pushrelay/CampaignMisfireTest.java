package io.pushrelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.pushrelay.support.FreePort;
import io.pushrelay.support.GatewayProcess;
import io.pushrelay.support.TestDatabases;
import io.pushrelay.support.TestDatabases.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A fire time passes while no gateway runs (PostgreSQL, so Quartz remembers the schedule). With
 * {@code fire-once-now} the gateway fires once as soon as it is back; with {@code skip} it waits for the next time.
 */
class CampaignMisfireTest {

    static final int EVERY = 20;

    @ParameterizedTest
    @ValueSource(strings = {"fire-once-now", "skip"})
    void aMissedFireTimeFollowsTheMisfirePolicy(String policy) throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            String campaign = "m" + UUID.randomUUID().toString().substring(0, 8);
            Path dir = Files.createDirectories(Path.of("misfire-" + campaign));
            Files.writeString(dir.resolve("c.json"), "{\"CampaignId\":\"" + campaign + "\",\"Schedule\":{\"Cron\":\"0/" + EVERY
                    + " * * * * ?\",\"TimeZone\":\"UTC\"},\"Target\":{\"UserIds\":[\"nobody\"]},\"MessageConfiguration\":"
                    + "{\"DefaultPushNotificationMessage\":{\"Body\":\"b\"}}}");
            Map<String, String> settings = new HashMap<>();
            settings.put("pushrelay.db.url", db.url());
            settings.put("pushrelay.db.user", db.user());
            settings.put("pushrelay.data.dir", dir.resolve("data").toString());
            settings.put("pushrelay.broker.url", "tcp://127.0.0.1:" + FreePort.find());
            settings.put("pushrelay.http.port", String.valueOf(FreePort.find()));
            settings.put("pushrelay.campaign.dir", dir.toAbsolutePath().toString());
            settings.put("pushrelay.campaign.misfire", policy);
            settings.put("pushrelay.campaign.misfire-threshold", "1s");
            settings.put("pushrelay.campaign.cluster-checkin-interval", "1s");
            try (GatewayProcess first = GatewayProcess.start(settings, List.of("-Xmx384m"))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> first.log().contains("Loaded campaign " + campaign));
            }
            // the gateway is down across the next fire time, and past the misfire threshold
            Instant down = Instant.now();
            Instant missed = Instant.ofEpochSecond((down.getEpochSecond() / EVERY + 1) * EVERY);
            await().atMost(Duration.ofSeconds(EVERY + 5)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Instant.now().isAfter(missed.plusSeconds(2)));
            try (GatewayProcess second = GatewayProcess.start(settings, List.of("-Xmx384m"))) {
                Instant nextOnSchedule = missed.plusSeconds(EVERY);
                await().atMost(Duration.ofSeconds(EVERY + 10)).until(() -> second.log().contains("fires as campaign:" + campaign));
                String line = second.log().lines().filter(l -> l.contains("fires as campaign:" + campaign)).findFirst().orElseThrow();
                Instant fired = Instant.parse(line.substring(line.lastIndexOf(campaign + ":") + campaign.length() + 1));
                boolean onSchedule = fired.getEpochSecond() % EVERY == 0;
                if (policy.equals("skip")) {
                    assertThat(onSchedule).as("skipped the missed time, fired on schedule at " + fired).isTrue();
                    assertThat(fired).isEqualTo(nextOnSchedule);
                } else {
                    assertThat(fired).as("fired at start, before the next time on schedule").isBefore(nextOnSchedule);
                    assertThat(second.log().lines().filter(l -> l.contains("fires as campaign:" + campaign)).count())
                            .isLessThanOrEqualTo(2);
                }
            }
        }
    }
}
