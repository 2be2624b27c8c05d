package io.pushrelay.sandbox;

import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The sandbox's control API, for black-box tests and for operators trying failure handling by hand (each documented
 * in docs/reference.md, "The provider sandbox"): {@code GET|DELETE /_sandbox/calls[?provider=adm]},
 * {@code GET /_sandbox/counts}, {@code GET|POST|DELETE /_sandbox/faults} (a {@link Fault} as JSON),
 * {@code POST /_sandbox/unregistered {"provider","address"}}, {@code POST /_sandbox/rotations {"address","newAddress"}},
 * {@code POST /_sandbox/tokens/expire}, {@code POST /_sandbox/tokens/lifetime {"client","seconds"}},
 * {@code POST /_sandbox/reset}. A body the sandbox cannot act on is a 400 with {@code {"error": "<why>"}}.
 */
final class SandboxControl {

    private final SandboxState state;

    SandboxControl(SandboxState state) {
        this.state = state;
    }

    void register(Router router) {
        router.get("/_sandbox/calls").handler(ctx -> json(ctx, state.calls(ctx.request().getParam("provider"))));
        router.delete("/_sandbox/calls").handler(ctx -> done(ctx, state::clearCalls));
        router.get("/_sandbox/counts").handler(ctx -> json(ctx, Map.of("adm", state.callCount("adm"),
                "fcm", state.callCount("fcm"), "alexa", state.callCount("alexa"), "lwa", state.callCount("lwa"),
                "google", state.callCount("google"))));
        router.get("/_sandbox/faults").handler(ctx -> json(ctx, state.faults()));
        router.post("/_sandbox/faults").handler(ctx -> act(ctx, Fault.class, fault -> {
            String unknown = unknownProvider(fault.provider());
            return unknown != null ? unknown : fault.problem();
        }, state::addFault));
        router.delete("/_sandbox/faults").handler(ctx -> done(ctx, state::clearFaults));
        router.post("/_sandbox/unregistered").handler(ctx -> act(ctx, JsonNode.class, body -> {
            String unknown = unknownProvider(body.path("provider").asText(null));
            return unknown != null ? unknown : required(body, "address");
        }, body -> state.unregister(body.path("provider").asText(), body.path("address").asText())));
        router.post("/_sandbox/rotations").handler(ctx -> act(ctx, JsonNode.class,
                body -> required(body, "address", "newAddress"),
                body -> state.rotate(body.path("address").asText(), body.path("newAddress").asText())));
        router.post("/_sandbox/tokens/expire").handler(ctx -> done(ctx, state::expireAllTokens));
        router.post("/_sandbox/tokens/lifetime").handler(ctx -> act(ctx, JsonNode.class, body -> {
            String missing = required(body, "client");
            return missing != null || body.path("seconds").asLong() > 0 ? missing : "seconds must be a positive number";
        }, body -> state.setTokenLifetime(body.path("client").asText(), Duration.ofSeconds(body.path("seconds").asLong()))));
        router.post("/_sandbox/reset").handler(ctx -> done(ctx, state::reset));
    }

    /** Reads the body as {@code type}, and does {@code action} unless the body or {@code problem} says why not (400). */
    private static <T> void act(RoutingContext ctx, Class<T> type, Function<T, String> problem, Consumer<T> action) {
        T body;
        try {
            body = Simulator.JSON.readValue(ctx.body().asString(), type);
        } catch (Exception e) {
            badRequest(ctx, "the body is not the JSON this control takes: " + e.getMessage().lines().findFirst().orElse(""));
            return;
        }
        String why = body == null ? "the body is empty" : problem.apply(body);
        if (why != null) {
            badRequest(ctx, why);
        } else {
            done(ctx, () -> action.accept(body));
        }
    }

    /** Why {@code provider} cannot be named (the sandbox simulates no such provider); null when it can. */
    private String unknownProvider(String provider) {
        return provider != null && state.providers().contains(provider) ? null
                : "provider must be one of " + String.join(", ", new TreeSet<>(state.providers())) + ", not " + provider;
    }

    /** The first of {@code fields} the body lacks (or has blank), as the reason; null when all are there. */
    private static String required(JsonNode body, String... fields) {
        for (String field : fields) {
            if (body.path(field).asText().isBlank()) {
                return field + " is required";
            }
        }
        return null;
    }

    private static void badRequest(RoutingContext ctx, String why) {
        ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                .end(Simulator.write(Map.of("error", why)));
    }

    private static void done(RoutingContext ctx, Runnable action) {
        action.run();
        ctx.response().setStatusCode(204).end();
    }

    private static void json(RoutingContext ctx, Object value) {
        ctx.response().putHeader("Content-Type", "application/json").end(Simulator.write(value));
    }
}
