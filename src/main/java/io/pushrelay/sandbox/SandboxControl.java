package io.pushrelay.sandbox;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The sandbox's control API, for black-box tests and for operators trying failure handling by hand:
 * {@code GET|DELETE /_sandbox/calls[?provider=adm]}, {@code GET /_sandbox/counts}, {@code POST|DELETE /_sandbox/faults} (a {@link Fault} as JSON),
 * {@code POST /_sandbox/unregistered {"provider","address"}}, {@code POST /_sandbox/rotations {"address","newAddress"}},
 * {@code POST /_sandbox/tokens/expire}, {@code POST /_sandbox/tokens/lifetime {"client","seconds"}},
 * {@code POST /_sandbox/reset}.
 */
final class SandboxControl {

    private final SandboxState state;

    SandboxControl(SandboxState state) {
        this.state = state;
    }

    void register(Router router) {
        router.get("/_sandbox/calls").handler(ctx -> json(ctx, state.calls(ctx.request().getParam("provider"))));
        router.delete("/_sandbox/calls").handler(ctx -> done(ctx, state::clearCalls));
        router.get("/_sandbox/counts").handler(ctx -> json(ctx, java.util.Map.of("adm", state.callCount("adm"),
                "fcm", state.callCount("fcm"), "alexa", state.callCount("alexa"), "lwa", state.callCount("lwa"),
                "google", state.callCount("google"))));
        router.post("/_sandbox/faults").handler(ctx -> {
            Fault fault = read(ctx, Fault.class);
            if (fault != null) {
                done(ctx, () -> state.addFault(fault));
            }
        });
        router.delete("/_sandbox/faults").handler(ctx -> done(ctx, state::clearFaults));
        router.post("/_sandbox/unregistered").handler(ctx -> {
            JsonNode body = read(ctx, JsonNode.class);
            if (body != null) {
                done(ctx, () -> state.unregister(body.path("provider").asText(), body.path("address").asText()));
            }
        });
        router.post("/_sandbox/rotations").handler(ctx -> {
            JsonNode body = read(ctx, JsonNode.class);
            if (body != null) {
                done(ctx, () -> state.rotate(body.path("address").asText(), body.path("newAddress").asText()));
            }
        });
        router.post("/_sandbox/tokens/expire").handler(ctx -> done(ctx, state::expireAllTokens));
        router.post("/_sandbox/tokens/lifetime").handler(ctx -> {
            JsonNode body = read(ctx, JsonNode.class);
            if (body != null) {
                done(ctx, () -> state.setTokenLifetime(body.path("client").asText(),
                        Duration.ofSeconds(body.path("seconds").asLong())));
            }
        });
        router.post("/_sandbox/reset").handler(ctx -> done(ctx, state::reset));
    }

    private static <T> T read(RoutingContext ctx, Class<T> type) {
        try {
            return Simulator.JSON.readValue(ctx.body().asString(), type);
        } catch (Exception e) {
            ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                    .end("{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
            return null;
        }
    }

    private static void done(RoutingContext ctx, Runnable action) {
        action.run();
        ctx.response().setStatusCode(204).end();
    }

    private static void json(RoutingContext ctx, Object value) {
        ctx.response().putHeader("Content-Type", "application/json").end(Simulator.write(value));
    }
}
