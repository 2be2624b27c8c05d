package io.pushrelay.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * One simulated provider endpoint. The sandbox applies scripted faults first (a scripted 429 wins over anything);
 * otherwise the simulator checks the request as the real provider would and answers in the provider's own shapes.
 */
abstract class Simulator {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    final String provider;
    final SandboxState state;

    Simulator(String provider, SandboxState state) {
        this.provider = provider;
        this.state = state;
        state.serves(provider);
    }

    /** The registration ID, token or unit a call is for; faults can be scripted per address. */
    abstract String addressOf(SimRequest request);

    abstract Reply process(SimRequest request);

    /** How many notifications a request carries once accepted; none for token endpoints. */
    int notifications(SimRequest request) {
        return 0;
    }

    /** An error answer in the provider's shape; reason null means the provider's usual reason for the status. */
    abstract Reply error(int status, String reason, String message);

    final Reply answer(SimRequest request, Fault fault) {
        if (fault == null || !fault.fails()) {
            return process(request);
        }
        Reply reply = fault.html() ? Reply.html(fault.status()) : error(fault.status(), fault.reason(), null);
        return fault.retryAfter() == null ? reply : reply.header("Retry-After", fault.retryAfter());
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static String write(Object node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
