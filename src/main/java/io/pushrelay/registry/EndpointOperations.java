package io.pushrelay.registry;

import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.message.ChannelType;
import io.pushrelay.broker.Envelope;
import io.pushrelay.message.RejectedRequest;
import io.pushrelay.request.AddressRules;
import org.apache.camel.Body;

/**
 * The endpoint operations of {@code push.endpoints} (contract §6), in Pinpoint's endpoint model: upsert, get,
 * delete and list-by-user. The reply is the endpoint as stored, {@code {"Item": [...]}}, or {@code {"Reason",
 * "ReasonText"}} ({@code NotFound}, an answer like any other); a malformed operation is a {@link RejectedRequest}.
 */
public final class EndpointOperations {

    private final EndpointRegistry registry;

    public EndpointOperations(EndpointRegistry registry) {
        this.registry = registry;
    }

    /** The operation's answer. */
    public Object handle(@Body Envelope request) throws RejectedRequest, SQLException {
        return apply(RegistryJson.object(request.body()));
    }

    Object apply(JsonNode request) throws RejectedRequest, SQLException {
        String operation = RegistryJson.text(request, "operation", true);
        return switch (operation) {
            case "upsert" -> registry.upsert(endpoint(request));
            case "get" -> found(registry.get(id(request)), id(request));
            case "delete" -> {
                String id = id(request);
                Object existing = found(registry.get(id), id);
                if (existing instanceof Endpoint) {
                    registry.delete(id);
                }
                yield existing;
            }
            case "list-by-user" -> Map.of("Item", registry.byUser(userId(request)));
            default -> throw new RejectedRequest("UnknownOperation",
                    "operation must be upsert, get, delete or list-by-user, not '" + operation + "'");
        };
    }

    private static Object found(Endpoint endpoint, String id) {
        if (endpoint != null) {
            return endpoint;
        }
        Map<String, String> notFound = new LinkedHashMap<>();
        notFound.put("Reason", "NotFound");
        notFound.put("ReasonText", "There is no endpoint " + id);
        return notFound;
    }

    private static String id(JsonNode request) throws RejectedRequest {
        String id = RegistryJson.text(request, "EndpointId", true);
        if (id.length() > 256) {
            throw new RejectedRequest("InvalidField", "EndpointId must be at most 256 characters");
        }
        return id;
    }

    private static String userId(JsonNode request) throws RejectedRequest {
        JsonNode user = request.get("User");
        if (user == null || !user.path("UserId").isTextual() || user.path("UserId").asText().isBlank()) {
            throw new RejectedRequest("InvalidField", "User.UserId is required");
        }
        return user.path("UserId").asText();
    }

    private static Endpoint endpoint(JsonNode request) throws RejectedRequest {
        String id = id(request);
        ChannelType channel = RegistryJson.channel(request.get("ChannelType"), "ChannelType");
        String address = RegistryJson.text(request, "Address", true);
        if (!AddressRules.valid(channel, address)) {
            throw new RejectedRequest("InvalidAddress", "Address must be " + AddressRules.describe(channel));
        }
        String user = request.has("User") ? userId(request) : null;
        String optOut = oneOf(request, "OptOut", Endpoint.OPT_OUT_NONE, Endpoint.OPT_OUT_NONE, Endpoint.OPT_OUT_ALL);
        String status = oneOf(request, "EndpointStatus", Endpoint.ACTIVE, Endpoint.ACTIVE, Endpoint.INACTIVE);
        return new Endpoint(id, channel, address, user == null ? null : new Endpoint.User(user), optOut, status,
                attributes(request.get("Attributes")));
    }

    private static String oneOf(JsonNode request, String field, String fallback, String... allowed) throws RejectedRequest {
        String value = RegistryJson.text(request, field, false);
        if (value == null) {
            return fallback;
        }
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw new RejectedRequest("InvalidField", field + " must be one of " + String.join(", ", allowed));
    }

    /** Pinpoint's Attributes: names of at most 50 characters to lists of values of at most 100. */
    private static Map<String, List<String>> attributes(JsonNode node) throws RejectedRequest {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new RejectedRequest("InvalidField", "Attributes must be an object of names to lists of strings");
        }
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().isEmpty() || e.getKey().length() > 50 || !e.getValue().isArray()) {
                throw new RejectedRequest("InvalidField", "Attributes." + e.getKey()
                        + " must be a name of at most 50 characters with a list of values");
            }
            List<String> values = new java.util.ArrayList<>();
            for (JsonNode v : e.getValue()) {
                if (!v.isTextual() || v.asText().length() > 100) {
                    throw new RejectedRequest("InvalidField", "Attributes." + e.getKey() + " values must be strings of at most 100 characters");
                }
                values.add(v.asText());
            }
            attributes.put(e.getKey(), values);
        }
        return attributes;
    }

}
