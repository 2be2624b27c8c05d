package io.pushrelay.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.pushrelay.support.TestGateway;
import org.junit.jupiter.api.Test;

/**
 * The banner's rows (the INFO line at start, which a gateway process logs; OperatorFileTest reads it there): the
 * effective configuration, with no secret in it.
 */
class StartupSummaryTest {

    @Test
    void theBannerSaysHowEachPartRuns() throws Exception {
        try (TestGateway gateway = TestGateway.start(Map.of("pushrelay.adm.rate-limit", "50",
                "pushrelay.fcm.enabled", "false", "pushrelay.alexa.retry.max-attempts", "3",
                "pushrelay.db.password", "s3cret-db", "pushrelay.alexa.client-secret", "s3cret-alexa"))) {
            assertThat(StartupSummary.configuration(gateway.context()))
                    .contains("database:  jdbc:h2:file:")
                    .contains("providers: adm on, fcm off, alexa on, through the sandbox at")
                    .containsPattern("adm: +16 consumers, batches of 100, 64 connections, 50 calls/s, circuit after 20 "
                            + "failures for 30s, up to 8 attempts 1s\\.\\.10m apart")
                    .containsPattern("alexa: +8 consumers, batches of 100, 32 connections, no rate limit, .* up to 3 attempts")
                    .doesNotContain("fcm: ")
                    .contains("intake:    4 consumers, batches of up to 100 requests, group pages of 5000")
                    .contains("observe:   queue depths every 5s, dead letters summed up every 60s")
                    .doesNotContain("s3cret");
        }
    }

    @Test
    void aPasswordInAUrlIsMasked() {
        assertThat(StartupSummary.masked("jdbc:postgresql://db:5432/push?user=relay&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/push?user=relay&password=***&ssl=true");
        assertThat(StartupSummary.masked("tcp://relay:s3cret@broker:61616")).isEqualTo("tcp://relay:***@broker:61616");
        assertThat(StartupSummary.masked("jdbc:h2:file:./data/pushrelay")).isEqualTo("jdbc:h2:file:./data/pushrelay");
    }
}
