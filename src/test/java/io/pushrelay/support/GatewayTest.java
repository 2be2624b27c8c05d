package io.pushrelay.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.jms.Message;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.message.Json;
import io.pushrelay.sandbox.ProviderSandbox;
import io.pushrelay.sandbox.RecordedCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class that drives one real gateway (started once for the class) through its queues, with the sandbox behind
 * it. Tests use addresses and RequestIds of their own, so that what another test left in flight never mixes in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class GatewayTest {

    protected static final Duration WAIT = Duration.ofSeconds(20);

    protected TestGateway gateway;
    protected ProviderSandbox sandbox;
    protected JmsClient jms;

    /** Settings of this class's gateway, over the test defaults. */
    protected Map<String, String> overrides() {
        return Map.of();
    }

    @BeforeAll
    void startGateway() throws Exception {
        gateway = TestGateway.start(overrides());
        sandbox = gateway.sandbox();
        jms = gateway.jms();
    }

    @AfterAll
    void stopGateway() throws Exception {
        gateway.close();
    }

    protected static String unique() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** Request-reply on a queue; fails the test when no reply comes. */
    protected JsonNode ask(String queue, String body) throws Exception {
        Message reply = jms.request(queue, body, WAIT);
        assertThat(reply).as("a reply from " + queue).isNotNull();
        return Json.tree(JmsClient.text(reply));
    }

    /** The calls a provider received for one address. */
    protected List<RecordedCall> calls(String provider, String address) {
        return sandbox.calls(provider).stream().filter(c -> address.equals(c.address())).toList();
    }

    /** The messages on a queue for one request, waiting for up to {@code count} of them. */
    protected List<JsonNode> forRequest(String queue, String requestId, int count) throws Exception {
        return jms.receive(queue, "RequestId = '" + requestId + "'", count, WAIT).stream().map(m -> {
            try {
                return Json.tree(JmsClient.text(m));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
