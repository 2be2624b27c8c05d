package io.pushrelay.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.pushrelay.auth.AccessToken;
import io.pushrelay.auth.TokenRefreshProcessor;
import io.pushrelay.http.HttpAnswer;
import io.pushrelay.http.HttpTransport;
import io.pushrelay.message.ChannelType;
import io.pushrelay.message.Json;
import io.pushrelay.message.DeadLetter;
import io.pushrelay.message.Target;
import io.pushrelay.message.WorkBatch;
import io.pushrelay.message.WorkMessage;
import io.pushrelay.provider.adm.AdmProvider;
import io.pushrelay.support.Messages;
import io.pushrelay.support.TestDatabases.TestDatabase;
import io.pushrelay.support.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One batch through BatchDelivery, with the HTTP side replaced: what is published, and what is not called twice. */
class BatchDeliveryTest {

    final TestDatabase db = TestDatabases.h2();
    final AtomicInteger calls = new AtomicInteger();
    final Clock clock = Clock.systemUTC();
    final DeliveryLedger ledger = new DeliveryLedger(db.dataSource());

    BatchDeliveryTest() {
        ledger.start();
    }

    @AfterEach
    void close() {
        ledger.stop();
        db.close();
    }

    BatchDelivery delivery(HttpTransport http) {
        TokenRefreshProcessor tokens = new TokenRefreshProcessor("adm",
                () -> new AccessToken("Atc|t", Instant.now().plusSeconds(3600)), Duration.ofSeconds(60), Duration.ofSeconds(1), clock);
        return new BatchDelivery(new AdmProvider("http://adm", clock), http, tokens,
                new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofMinutes(1)), new ProviderGuard(0, 100, Duration.ofSeconds(1),
                Duration.ofSeconds(1)), ledger, clock, BatchDelivery.InFlightAtCrash.RESEND);
    }

    String work(String... addresses) {
        return Json.write(WorkMessage.of(new WorkBatch("r1", ChannelType.ADM, Messages.builder().body("b").build(),
                java.util.Arrays.stream(addresses).map(a -> Target.of(ChannelType.ADM, a)).toList(), false)));
    }

    static WorkBatch batchOf(String work) {
        return Json.read(work, WorkMessage.class).batches().get(0);
    }

    HttpTransport answering(int status, String body) {
        return (url, headers, requestBody) -> {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(new HttpAnswer(status, Map.of("Content-Type", "application/json"), body, null));
        };
    }

    /** What the routes publish of a delivery, by queue (deliver.camel.yaml, publish.camel.yaml's report route). */
    static List<?> on(Delivered out, String queue) {
        return switch (queue) {
            case "push.results" -> out.report().results();
            case "push.dead-letters" -> out.report().deadLetters();
            case "push.registry-feedback" -> out.report().feedback();
            case "push.outcomes" -> out.report().firstOutcomes();
            case "push.work.adm" -> out.retries();
            default -> throw new IllegalArgumentException(queue);
        };
    }

    static long count(Delivered out, String queue) {
        return on(out, queue).size();
    }

    /** The bodies of the messages published, as the routes write them. */
    static List<String> bodies(Delivered out) {
        return java.util.stream.Stream.of("push.results", "push.dead-letters", "push.registry-feedback", "push.outcomes")
                .flatMap(q -> on(out, q).stream()).map(Json::write).toList();
    }

    @Test
    void aRedeliveredBatchRepublishesItsOutcomesWithoutCallingAgain() {
        BatchDelivery delivery = delivery(answering(200, "{\"registrationID\":\"x\"}"));
        String work = work("amzn1.adm-registration.v3.aaaaaaaaaa", "amzn1.adm-registration.v3.bbbbbbbbbb");
        Delivered first = delivery.deliver(work);
        assertThat(calls).hasValue(2);
        assertThat(count(first, "push.results")).isEqualTo(2);
        Delivered again = delivery.deliver(work);
        assertThat(calls).as("no second call").hasValue(2);
        assertThat(bodies(again)).as("the results, and the new tokens for the registry")
                .containsExactlyInAnyOrderElementsOf(bodies(first));
    }

    @Test
    void aPermanentFailureIsRepublishedWithItsDeadLetter() {
        BatchDelivery delivery = delivery(answering(400, "{\"reason\":\"Unregistered\"}"));
        String work = work("amzn1.adm-registration.v3.cccccccccc");
        Delivered first = delivery.deliver(work);
        assertThat(count(first, "push.dead-letters")).isEqualTo(1);
        assertThat(count(first, "push.registry-feedback")).isEqualTo(1);
        Delivered again = delivery.deliver(work);
        assertThat(calls).hasValue(1);
        assertThat(count(again, "push.results")).isEqualTo(1);
        assertThat(count(again, "push.dead-letters")).isEqualTo(1);
        // the Reason property of the dead letter is its reason (publish.camel.yaml)
        assertThat(again.report().deadLetters().get(0).reason()).isEqualTo("Unregistered");
    }

    @Test
    void aReplayIsANewAttemptChain() {
        BatchDelivery delivery = delivery(answering(200, "{\"registrationID\":\"x\"}"));
        String work = work("amzn1.adm-registration.v3.dddddddddd");
        delivery.deliver(work);
        delivery.deliver(Json.write(WorkMessage.of(batchOf(work).inChain("replay:dl-1"))));
        assertThat(calls).hasValue(2);
    }

    @Test
    void transientFailuresAreScheduledOnTheBrokerNotWaitedFor() {
        BatchDelivery delivery = delivery((url, headers, body) -> {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(new HttpAnswer(503, Map.of("Retry-After", "30"), "", null));
        });
        Delivered out = delivery.deliver(work("amzn1.adm-registration.v3.eeeeeeeeee"));
        Delivered.Retry retry = out.retries().get(0);
        // the retry's _AMQ_SCHED_DELIVERY (deliver.camel.yaml)
        long at = retry.dueAt();
        assertThat(at - System.currentTimeMillis()).isBetween(28_000L, 31_000L);
        assertThat(count(out, "push.results")).isZero();
        assertThat(Json.read(Json.write(retry.work()), WorkMessage.class).batches().get(0).targets().get(0).attempts()).isEqualTo(1);
    }

    @Test
    void aCallInFlightAtACrashIsSentAgainAndCountedInAttempts() {
        String work = work("amzn1.adm-registration.v3.ffffffffff");
        WorkBatch batch = batchOf(work);
        ledger.started(batch, batch.targets(), Instant.now()).join();
        Delivered out = delivery(answering(200, "{}")).deliver(work);
        assertThat(calls).hasValue(1);
        String result = Json.write(out.report().results().get(0));
        assertThat(Json.tree(result).get("Attempts").asInt()).as("the lost call and this one").isEqualTo(2);
        assertThat(count(out, "push.dead-letters")).isZero();
    }

    @Test
    void aCallInFlightAtACrashCanBeDeadLetteredInsteadOfSentTwice() {
        String work = work("amzn1.adm-registration.v3.gggggggggg");
        WorkBatch batch = batchOf(work);
        ledger.started(batch, batch.targets(), Instant.now()).join();
        BatchDelivery delivery = new BatchDelivery(new AdmProvider("http://adm", clock), answering(200, "{}"),
                new TokenRefreshProcessor("adm", () -> new AccessToken("Atc|t", Instant.now().plusSeconds(3600)),
                        Duration.ofSeconds(60), Duration.ofSeconds(1), clock),
                new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofMinutes(1)), new ProviderGuard(0, 100,
                Duration.ofSeconds(1), Duration.ofSeconds(1)), ledger, clock,
                BatchDelivery.InFlightAtCrash.DEAD_LETTER);
        Delivered out = delivery.deliver(work);
        Delivered again = delivery.deliver(work);
        assertThat(calls).as("never sent twice").hasValue(0);
        for (Delivered o : List.of(out, again)) {
            // the dead letter's Reason and Retryable properties are its reason and retryable (publish.camel.yaml)
            DeadLetter letter = o.report().deadLetters().get(0);
            assertThat(letter.reason()).isEqualTo("InFlightAtCrash");
            assertThat(letter.retryable()).isTrue();
            String result = Json.write(o.report().results().get(0));
            assertThat(Json.tree(result).get("DeliveryStatus").asText()).isEqualTo("UNKNOWN_FAILURE");
        }
    }

    @Test
    void aTransientFailureLeavesNoMarkSoItsRetryIsNoCrashCase() {
        BatchDelivery delivery = delivery((url, headers, body) -> {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(new HttpAnswer(503, Map.of(), "", null));
        });
        String work = work("amzn1.adm-registration.v3.hhhhhhhhhh");
        delivery.deliver(work);
        assertThat(ledger.find(batchOf(work)).inFlight()).isEmpty();
    }
}
