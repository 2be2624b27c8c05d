package io.pushrelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.Message;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.deadletter.DeadLetterReplay;
import io.pushrelay.broker.Envelope;
import io.pushrelay.sandbox.Fault;
import io.pushrelay.support.JmsClient;
import io.pushrelay.support.GatewayTest;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replay page by page: more dead letters than one page takes, each replayed once, the Limit across pages, and a page
 * whose transaction rolls back puts the letters it took back on push.dead-letters.
 */
class ReplayPagesTest extends GatewayTest {

    /** Pages of the replay-page route still to fail, after taking their letters and sending their attempts. */
    private final AtomicInteger pagesToFail = new AtomicInteger();
    private final AtomicInteger pagesFailed = new AtomicInteger();
    /** What a page fails with: transient, or a fault that would recur (which must not park a page). */
    private final java.util.concurrent.atomic.AtomicReference<Exception> pageFault = new java.util.concurrent.atomic.AtomicReference<>();

    @Override
    protected Map<String, String> overrides() {
        return Map.of("pushrelay.retry.initial-delay", "100ms", "pushrelay.retry.max-attempts", "1",
                "pushrelay.broker.redelivery-delay", "100ms");
    }

    @BeforeAll
    void failPagesOnDemand() throws Exception {
        AdviceWith.adviceWith(gateway.context(), "replay-page", route -> route.weaveById("replay-page-then").before()
                .process(exchange -> {
                    if (pagesToFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        pagesFailed.incrementAndGet();
                        // the transaction rolls back and the broker delivers the page again
                        throw pageFault.get();
                    }
                }));
    }

    /** {@code count} dead letters of one request for one FCM token: copies of a real one, each with an id of its own. */
    String deadLetters(String token, int count) throws Exception {
        sandbox.fault(Fault.status("fcm", 503, -1).forAddress(token));
        String rid = unique();
        jms.send("push.requests", "{\"RequestId\":\"" + rid + "\",\"Addresses\":{\"" + token + "\":{\"ChannelType\":\"GCM\"}},"
                + "\"MessageConfiguration\":{\"DefaultPushNotificationMessage\":{\"Body\":\"b\"}}}", Map.of());
        Message letter = jms.receive("push.dead-letters", "RequestId = '" + rid + "'", 1, WAIT).get(0);
        String id = letter.getStringProperty("DeadLetterId");
        String body = JmsClient.text(letter);
        for (int i = 0; i < count; i++) {
            String copyId = id + "-" + i;
            jms.send("push.dead-letters", body.replace(id, copyId), Map.of("DeadLetterId", copyId, "RequestId", rid,
                    "ChannelType", "GCM", "Reason", letter.getStringProperty("Reason"), "Retryable", "true"));
        }
        sandbox.state().clearFaults();
        return rid;
    }

    long delivered(String token) {
        return sandbox.calls("fcm").stream().filter(c -> token.equals(c.address()) && c.status() < 300).count();
    }

    @Test
    void moreLettersThanAPageAreEachReplayedOnceAndTheLimitHoldsAcrossPages() throws Exception {
        String token = "fcm" + unique() + ":APA91b";
        String rid = deadLetters(token, 130);
        JsonNode dry = ask("push.replay", "{\"RequestId\":\"" + rid + "\",\"DryRun\":true}");
        assertThat(dry.get("Matched").asInt()).isEqualTo(130);
        assertThat(dry.get("Replayed").asInt()).isEqualTo(130);

        JsonNode done = ask("push.replay", "{\"RequestId\":\"" + rid + "\",\"Limit\":120}");
        assertThat(done.get("Matched").asInt()).isEqualTo(120);
        assertThat(done.get("Replayed").asInt()).isEqualTo(120);
        assertThat(done.get("Skipped").asInt()).isZero();
        await().atMost(WAIT).until(() -> delivered(token) == 120);
        JsonNode rest = ask("push.replay", "{\"RequestId\":\"" + rid + "\"}");
        assertThat(rest.get("Matched").asInt()).isEqualTo(10);
        assertThat(rest.get("Replayed").asInt()).isEqualTo(10);
        await().atMost(WAIT).until(() -> delivered(token) == 130);
        assertThat(ask("push.replay", "{\"RequestId\":\"" + rid + "\",\"DryRun\":true}").get("Matched").asInt()).isZero();
        assertThat(delivered(token)).isEqualTo(130);
    }

    @Test
    void aPageThatRollsBackPutsItsLettersBackAndEachIsReplayedOnce() throws Exception {
        pageFault.set(new SQLTransientConnectionException("the database went away", "08001"));
        aFailedPageLosesNoLetter();
    }

    @Test
    void aPageThatFailsWithALastingFaultIsNotParkedAndLosesNoLetter() throws Exception {
        pageFault.set(new IllegalStateException("a bug after the letters were taken"));
        aFailedPageLosesNoLetter();
    }

    private void aFailedPageLosesNoLetter() throws Exception {
        String token = "fcm" + unique() + ":APA91b";
        String rid = deadLetters(token, 70);
        pagesFailed.set(0);
        pagesToFail.set(1);
        JsonNode first = ask("push.replay", "{\"RequestId\":\"" + rid + "\"}");
        assertThat(pagesFailed.get()).isEqualTo(1);
        // the letters the failed page took are back on the queue (those still in the broker's redelivery delay when
        // the page came again are replayed by the next command): none is lost, none is sent twice
        AtomicInteger replayed = new AtomicInteger(first.get("Replayed").asInt());
        await().atMost(WAIT).until(() -> {
            replayed.addAndGet(ask("push.replay", "{\"RequestId\":\"" + rid + "\"}").get("Replayed").asInt());
            return replayed.get() == 70;
        });
        await().atMost(WAIT).until(() -> delivered(token) == 70);
        assertThat(ask("push.replay", "{\"RequestId\":\"" + rid + "\",\"DryRun\":true}").get("Matched").asInt()).isZero();
        assertThat(delivered(token)).isEqualTo(70);
    }

    @Test
    void aPageIsTakenOnlyInsideTheConsumingRoutesTransaction() throws Exception {
        DeadLetterReplay replay = gateway.context().getRegistry().lookupByNameAndType("deadLetterReplay", DeadLetterReplay.class);
        Envelope page = new Envelope(null, null, null, null, null,
                "{\"Command\":{},\"Left\":0,\"Matched\":0,\"Replayed\":0,\"SkippedBecause\":{},\"ReplayedIds\":[],\"Last\":false}", null);
        assertThatThrownBy(() -> replay.page(page)).isInstanceOf(IllegalStateException.class);
    }
}
