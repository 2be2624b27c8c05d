package io.pushrelay.observability;

import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * UP while a probe of a resource the gateway cannot work without (the broker, the database) succeeds. A readiness
 * check only: without either resource nothing can be accepted or delivered, but the process still works (and
 * reconnects), so liveness stays UP and nothing restarts it for an outage of the broker or the database.
 */
final class ResourceHealthCheck extends AbstractHealthCheck {

    private final Callable<Boolean> probe;
    private final String description;

    ResourceHealthCheck(String id, String description, Callable<Boolean> probe) {
        super("pushrelay", id);
        this.description = description;
        this.probe = probe;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("resource", description);
        try {
            if (Boolean.TRUE.equals(probe.call())) {
                builder.up();
            } else {
                builder.down().message(description + " does not answer");
            }
        } catch (Exception e) {
            builder.down().error(e).message(description + ": " + e.getMessage());
        }
    }
}
