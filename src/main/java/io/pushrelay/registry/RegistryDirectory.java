package io.pushrelay.registry;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pushrelay.message.DeliveryStatus;
import io.pushrelay.message.EndpointResult;
import io.pushrelay.message.RejectedRequest;
import io.pushrelay.message.Target;
import io.pushrelay.reply.ReplyShapes;
import io.pushrelay.request.SendRequest;

/**
 * Resolves requests against the registry. Users fan out to their ACTIVE endpoints (opted-out ones are settled as
 * OPT_OUT, a second endpoint with an address already in the request as DUPLICATE, a user without endpoints as one
 * PERMANENT_FAILURE under the endpoint ID "", as Pinpoint answers it); endpoint IDs are looked up; a group is counted
 * and its opted-out members settled, its other members are left to the fan-out stage, page by page; addresses and
 * Alexa recipients are taken as they are.
 */
public final class RegistryDirectory implements TargetDirectory {

    private final EndpointRegistry endpoints;
    private final GroupRegistry groups;
    private final Clock clock;

    public RegistryDirectory(EndpointRegistry endpoints, GroupRegistry groups, Clock clock) {
        this.endpoints = endpoints;
        this.groups = groups;
        this.clock = clock;
    }

    @Override
    public Resolution resolve(SendRequest request) throws RejectedRequest {
        try {
            return switch (request.type()) {
                case USERS -> users(request);
                case ADDRESSES -> addresses(request);
                case GROUP -> group(request);
                case ALEXA -> Resolution.of(request.addresses());
            };
        } catch (SQLException e) {
            throw new IllegalStateException("The registry cannot be read: " + e.getMessage(), e);
        }
    }

    private Resolution users(SendRequest request) throws SQLException {
        Map<String, List<Endpoint>> byUser = endpoints.byUsers(request.users().keySet());
        Instant now = clock.instant();
        List<Target> deliverable = new ArrayList<>();
        List<EndpointResult> settled = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, Target> user : request.users().entrySet()) {
            List<Endpoint> owned = byUser.getOrDefault(user.getKey(), List.of()).stream().filter(Endpoint::active).toList();
            if (owned.isEmpty()) {
                Target nobody = new Target(null, null, ReplyShapes.NO_ENDPOINT, user.getKey(), null, null, null, null, null,
                        null, 0, null);
                settled.add(EndpointResult.of(request.requestId(), nobody, DeliveryStatus.PERMANENT_FAILURE, 404,
                        "user " + user.getKey() + " has no active endpoints", null, null, now));
                continue;
            }
            for (Endpoint e : owned) {
                Target target = target(e, user.getValue(), null);
                if (e.optedOut()) {
                    settled.add(EndpointResult.of(request.requestId(), target, DeliveryStatus.OPT_OUT, 0,
                            "the endpoint opted out", null, null, now));
                } else if (!seen.add(e.channel() + "|" + e.address())) {
                    settled.add(EndpointResult.of(request.requestId(), target, DeliveryStatus.DUPLICATE, 0,
                            "another endpoint of this request has the same address", null, null, now));
                } else {
                    deliverable.add(target);
                }
            }
        }
        return Resolution.of(deliverable, settled);
    }

    private Resolution addresses(SendRequest request) throws SQLException {
        List<Target> deliverable = new ArrayList<>(request.addresses());
        List<EndpointResult> settled = new ArrayList<>();
        if (!request.endpoints().isEmpty()) {
            Map<String, Endpoint> found = endpoints.byIds(request.endpoints().keySet());
            Instant now = clock.instant();
            for (Map.Entry<String, Target> wanted : request.endpoints().entrySet()) {
                Endpoint e = found.get(wanted.getKey());
                Target target = e != null ? target(e, wanted.getValue(), null)
                        : new Target(null, null, wanted.getKey(), null, null, null, null, null, null, null, 0, null);
                if (e == null) {
                    settled.add(EndpointResult.of(request.requestId(), target, DeliveryStatus.PERMANENT_FAILURE, 404,
                            "endpoint " + wanted.getKey() + " is not in the registry", null, null, now));
                } else if (!e.active()) {
                    settled.add(EndpointResult.of(request.requestId(), target, DeliveryStatus.PERMANENT_FAILURE, 410,
                            "endpoint " + e.endpointId() + " is INACTIVE", null, null, now));
                } else if (e.optedOut()) {
                    settled.add(EndpointResult.of(request.requestId(), target, DeliveryStatus.OPT_OUT, 0,
                            "the endpoint opted out", null, null, now));
                } else {
                    deliverable.add(target);
                }
            }
        }
        return Resolution.of(deliverable, settled);
    }

    private Resolution group(SendRequest request) throws SQLException, RejectedRequest {
        String name = request.groupName();
        if (!groups.exists(name)) {
            throw new RejectedRequest("UnknownGroup", "There is no group named " + name);
        }
        long count = groups.receivingMemberCount(name);
        Instant now = clock.instant();
        List<EndpointResult> settled = new ArrayList<>();
        for (Endpoint e : groups.optedOutMembers(name)) {
            settled.add(EndpointResult.of(request.requestId(), target(e, null, name), DeliveryStatus.OPT_OUT, 0,
                    "the endpoint opted out", null, null, now));
        }
        return new Resolution(List.of(), count, settled, name);
    }

    /** A registry endpoint as a target, with the overrides its request gave it. */
    public static Target target(Endpoint e, Target overrides, String groupName) {
        Target t = new Target(e.channel(), e.address(), e.endpointId(), e.userId(), groupName, null, null, null, null,
                null, 0, null);
        return overrides == null ? t : t.withOverrides(overrides.titleOverride(), overrides.bodyOverride(),
                overrides.substitutions(), overrides.rawContent(), overrides.context());
    }
}
