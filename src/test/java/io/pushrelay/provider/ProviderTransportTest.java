package io.pushrelay.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.message.ChannelType;
import io.pushrelay.message.Json;
import io.pushrelay.message.Target;
import io.pushrelay.message.WorkBatch;
import io.pushrelay.message.WorkMessage;
import io.pushrelay.sandbox.Fault;
import io.pushrelay.sandbox.ProviderSandbox;
import io.pushrelay.sandbox.RecordedCall;
import io.pushrelay.support.GatewayTest;
import io.pushrelay.support.Messages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How provider calls travel, seen from the sandbox's side of real HTTP on loopback. */
class ProviderTransportTest extends GatewayTest {

    static final String FCM_TOKEN = "fJx3bK9QTc2Zy8mN1pW4vE:APA91bGHXQBB9Kd2yZeXl7Rq0wUuT5ePjx3";
    static final String ADM_ID = "amzn1.adm-registration.v3.Y29tLmV4YW1wbGUuZGV2aWNlLjAwMQ";
    static final String UNIT = "amzn1.alexa.unit.did.AHXYEXAMPLEUNIT001";
    static final String MESSAGE = "{\"DefaultPushNotificationMessage\":{\"Title\":\"t\",\"Body\":\"b\"}}";

    /** The non-blocking client, HTTP/2 to FCM on 8 connections of up to 100 streams (not the default yet). */
    @Override
    protected Map<String, String> overrides() {
        return Map.of("pushrelay.provider.non-blocking", "true", "pushrelay.fcm.max-connections", "8");
    }

    @BeforeEach
    void reset() {
        sandbox.state().reset();
    }

    static String request(String requestId, int targets, String prefix, String channel) {
        return request(requestId, addresses(targets, prefix, channel));
    }

    static String request(String requestId, String addresses) {
        return "{\"RequestId\":\"" + requestId + "\",\"Addresses\":{" + addresses + "},\"MessageConfiguration\":" + MESSAGE + "}";
    }

    static String addresses(int count, String prefix, String channel) {
        return IntStream.range(0, count).mapToObj(i -> "\"" + prefix + unique() + "\":{\"ChannelType\":\"" + channel + "\"}")
                .collect(Collectors.joining(","));
    }

    List<JsonNode> results(String requestId, int count) throws Exception {
        return forRequest("push.results", requestId, count);
    }

    @Test
    void fcmCallsAreStreamsOfFewHttp2ConnectionsAndAdmAndAlexaCallsHttp11() throws Exception {
        // slow enough that the calls of a request overlap
        sandbox.fault(Fault.slow("fcm", 100, -1));
        List<String> ids = List.of(unique(), unique(), unique());
        for (String id : ids) {
            jms.send("push.requests", request(id, 100, FCM_TOKEN, "GCM"), Map.of());
        }
        String amazon = unique();
        jms.send("push.requests", request(amazon, addresses(20, ADM_ID, "ADM") + "," + addresses(1, UNIT, "ALEXA")), Map.of());
        for (String id : ids) {
            assertThat(results(id, 100)).hasSize(100);
        }
        assertThat(results(amazon, 21)).hasSize(21);

        List<RecordedCall> fcm = sandbox.calls("fcm");
        assertThat(fcm).hasSize(300).allMatch(c -> c.httpVersion().equals("HTTP/2"));
        Set<String> connections = fcm.stream().map(RecordedCall::connection).collect(Collectors.toSet());
        assertThat(connections).as("a few connections").hasSizeBetween(1, 4);
        assertThat(mostAtOnce(fcm)).as("concurrent streams on one connection").isGreaterThan(20)
                .isLessThanOrEqualTo(ProviderSandbox.MAX_CONCURRENT_STREAMS);
        for (String provider : List.of("adm", "alexa")) {
            assertThat(sandbox.calls(provider)).isNotEmpty().allMatch(c -> c.httpVersion().equals("HTTP/1.1"));
        }
    }

    /** The most calls one connection had open at once. */
    static int mostAtOnce(List<RecordedCall> calls) {
        int most = 0;
        for (RecordedCall call : calls) {
            int open = (int) calls.stream().filter(c -> c.connection().equals(call.connection())
                    && !c.receivedAt().isAfter(call.receivedAt()) && c.answeredAt().isAfter(call.receivedAt())).count();
            most = Math.max(most, open);
        }
        return most;
    }

    @Test
    void threadsDoNotGrowWithTheCallsInFlight() throws Exception {
        // slow enough that 300 calls overlap even on a busy machine
        sandbox.fault(Fault.slow("fcm", 1_000, -1));
        String warmUp = unique();
        jms.send("push.requests", request(warmUp, 5, FCM_TOKEN, "GCM"), Map.of());
        assertThat(results(warmUp, 5)).hasSize(5);
        int before = ManagementFactory.getThreadMXBean().getThreadCount();

        List<String> ids = IntStream.range(0, 5).mapToObj(i -> unique()).toList();
        for (String id : ids) {
            jms.send("push.requests", request(id, 100, FCM_TOKEN, "GCM"), Map.of());
        }
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> sandbox.state().inFlight("fcm") >= 300);
        int during = ManagementFactory.getThreadMXBean().getThreadCount();
        for (String id : ids) {
            assertThat(results(id, 100)).hasSize(100);
        }
        assertThat(during - before).as("threads added while %d calls were in flight", 300).isLessThan(10);
    }

    @Test
    void oneWorkMessageDeliversTheBatchesOfTwoRequestsEachUnderItsRequestId() throws Exception {
        String first = unique();
        String second = unique();
        WorkMessage work = new WorkMessage("fcm", List.of(batch(first, 2), batch(second, 3)));
        jms.send("push.work.fcm", Json.write(work), Map.of());
        for (Map.Entry<String, Integer> expected : Map.of(first, 2, second, 3).entrySet()) {
            List<JsonNode> results = results(expected.getKey(), expected.getValue());
            assertThat(results).hasSize(expected.getValue())
                    .allMatch(r -> r.get("RequestId").asText().equals(expected.getKey()))
                    .allMatch(r -> r.get("DeliveryStatus").asText().equals("SUCCESSFUL"));
        }
        assertThat(sandbox.calls("fcm")).hasSize(5);
    }

    static WorkBatch batch(String requestId, int targets) {
        return new WorkBatch(requestId, ChannelType.GCM, Messages.builder().title("t").body("b").build(),
                IntStream.range(0, targets).mapToObj(i -> Target.of(ChannelType.GCM, FCM_TOKEN + unique())).toList(), false);
    }
}
