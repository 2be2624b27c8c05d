package io.pushrelay.request;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushrelay.message.ChannelType;
import io.pushrelay.message.PushMessage;
import io.pushrelay.message.RejectedRequest;
import io.pushrelay.message.Target;

/**
 * Reads a send request (contract §4): finds its shape from the JSON (or the {@code PushType} property), its
 * identity ({@code RequestId} in the body, else the JMS property, else the JMS message ID), and checks every
 * request-level rule. Anything wrong is a {@link RejectedRequest} with a reason code and a sentence.
 */
public final class RequestParser {

    public static final int MAX_BODY_BYTES = 256 * 1024;
    public static final int MAX_USERS = 100;
    public static final int MAX_ADDRESSES = 10_000;
    public static final int MAX_REQUEST_ID_LENGTH = 256;
    /**
     * Twice the longest address of any channel, and short enough that a target's result, its address JSON-escaped
     * (a control character takes six characters), fits where outcomes are kept.
     */
    public static final int MAX_ADDRESS_LENGTH = 2048;
    /** User and endpoint IDs, as the registry keeps them. */
    static final int MAX_ID_LENGTH = 256;
    /** ADM's group-name rule (alphanumeric) plus '-', '_' and '.', at most 128 characters. */
    public static final String GROUP_NAME = "[A-Za-z0-9._-]{1,128}";
    static final List<String> ALEXA_VARIANT_TYPES = List.of("DeviceNotification", "Announcement", "PersistentVisualAlert");

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static {
        STRICT.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    public SendRequest parse(String body, String pushTypeProperty, String requestIdProperty, String jmsMessageId)
            throws RejectedRequest {
        if (body == null || body.isBlank()) {
            throw new RejectedRequest("InvalidJson", "The message is empty; a send request is a JSON object");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new RejectedRequest("RequestTooLarge", "The request is larger than " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = STRICT.readTree(body);
        } catch (Exception e) {
            throw new RejectedRequest("InvalidJson", "The message is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new RejectedRequest("InvalidJson", "A send request is a JSON object");
        }
        String surrogate = loneSurrogate(root, "");
        if (surrogate != null) {
            throw new RejectedRequest("InvalidJson", "The request holds a lone surrogate (half of a UTF-16 pair) at "
                    + surrogate + ": JSON text must be Unicode, and no provider could be given it as it was sent");
        }
        PushType detected = detect(root);
        PushType type = pushTypeProperty == null || pushTypeProperty.isBlank() ? detected : PushType.fromProperty(pushTypeProperty);
        if (detected == null) {
            throw new RejectedRequest("UnknownShape", "The request has none of Users, Addresses, Endpoints, "
                    + "group_name or recipients, so its shape is unknown");
        }
        if (type != detected) {
            throw new RejectedRequest("ShapeMismatch", "PushType says " + type.property() + " but the body is a "
                    + detected.property() + " request");
        }
        String requestId = requestId(root, requestIdProperty, jmsMessageId);
        if (type == PushType.USERS || type == PushType.ADDRESSES) {
            // Pinpoint's TraceId is the sender's own: checked, not used
            FieldRules.text(root, "TraceId", "TraceId");
        }
        return switch (type) {
            case USERS -> users(root, requestId);
            case ADDRESSES -> addresses(root, requestId);
            case GROUP -> group(root, requestId);
            case ALEXA -> alexa(root, requestId);
        };
    }

    /** Checks a MessageConfiguration as a send request would (campaigns check theirs when they are stored). */
    public static void checkMessageConfiguration(JsonNode configuration) throws RejectedRequest {
        MessageResolver.resolveAll(configuration);
    }

    /** The shape its fields say (a null field counts as absent); a request of two shapes is served as neither. */
    private static PushType detect(JsonNode root) throws RejectedRequest {
        Map<PushType, String> shapes = new EnumMap<>(PushType.class);
        if (present(root, "Users")) {
            shapes.put(PushType.USERS, "Users");
        }
        if (present(root, "Addresses") || present(root, "Endpoints")) {
            shapes.put(PushType.ADDRESSES, present(root, "Addresses") ? "Addresses" : "Endpoints");
        }
        if (present(root, "group_name")) {
            shapes.put(PushType.GROUP, "group_name");
        }
        if (present(root, "recipients")) {
            shapes.put(PushType.ALEXA, "recipients");
        }
        if (shapes.size() > 1) {
            throw new RejectedRequest("AmbiguousShape", "The request names targets of " + shapes.size() + " shapes ("
                    + String.join(", ", shapes.values()) + "); a request is one of users, addresses, group or alexa, "
                    + "so none of it was sent");
        }
        return shapes.isEmpty() ? null : shapes.keySet().iterator().next();
    }

    private static boolean present(JsonNode node, String field) {
        return FieldRules.present(node, field);
    }

    /** Where the tree holds half of a surrogate pair (in a name or a string), as a JSON pointer, or null. */
    private static String loneSurrogate(JsonNode node, String pointer) {
        if (node.isTextual()) {
            return hasLoneSurrogate(node.asText()) ? (pointer.isEmpty() ? "/" : pointer) : null;
        }
        int index = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
            if (hasLoneSurrogate(e.getKey())) {
                return (pointer.isEmpty() ? "/" : pointer) + " (in a field name there)";
            }
            String found = loneSurrogate(e.getValue(), where);
            if (found != null) {
                return found;
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                String found = loneSurrogate(element, pointer + "/" + index++);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** An identifier the gateway looks up, stores and answers under: 1 to 256 characters, none of them malformed. */
    private static String identifier(String value, String what) throws RejectedRequest {
        if (value.isBlank() || value.length() > MAX_ID_LENGTH) {
            throw new RejectedRequest("InvalidField", what + " must be 1 to " + MAX_ID_LENGTH + " characters");
        }
        String malformed = AddressRules.malformed(value);
        if (malformed != null) {
            throw new RejectedRequest("InvalidField", what + " " + malformed);
        }
        return value;
    }

    private static String requestId(JsonNode root, String property, String jmsMessageId) throws RejectedRequest {
        JsonNode inBody = root.get("RequestId");
        String id;
        if (inBody != null && !inBody.isNull()) {
            if (!inBody.isTextual() || inBody.asText().isBlank()) {
                throw new RejectedRequest("InvalidField", "RequestId must be a non-empty string");
            }
            id = inBody.asText();
        } else if (property != null && !property.isBlank()) {
            id = property;
        } else {
            id = jmsMessageId;
        }
        if (id == null || id.length() > MAX_REQUEST_ID_LENGTH) {
            throw new RejectedRequest("InvalidField", "RequestId must be at most " + MAX_REQUEST_ID_LENGTH + " characters");
        }
        return identifier(id, "RequestId");
    }

    private SendRequest users(JsonNode root, String requestId) throws RejectedRequest {
        JsonNode users = root.get("Users");
        if (!users.isObject() || users.isEmpty()) {
            throw new RejectedRequest("MissingTargets", "Users must be an object of at least one user ID");
        }
        if (users.size() > MAX_USERS) {
            throw new RejectedRequest("TooManyUsers", "A users request may name at most " + MAX_USERS + " users; this one names "
                    + users.size());
        }
        Map<String, Target> byUser = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = users.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            byUser.put(identifier(e.getKey(), "A user ID"), overrides(null, e.getValue(), "Users." + e.getKey()));
        }
        Map<ChannelType, PushMessage> messages = withContext(MessageResolver.resolveAll(root.get("MessageConfiguration")), root);
        return new SendRequest(requestId, PushType.USERS, messages, List.of(), Map.of(), byUser, null);
    }

    private SendRequest addresses(JsonNode root, String requestId) throws RejectedRequest {
        JsonNode addresses = present(root, "Addresses") ? root.get("Addresses") : null;
        JsonNode endpoints = present(root, "Endpoints") ? root.get("Endpoints") : null;
        if ((addresses != null && !addresses.isObject()) || (endpoints != null && !endpoints.isObject())) {
            throw new RejectedRequest("InvalidField", "Addresses and Endpoints must be objects");
        }
        int count = (addresses == null ? 0 : addresses.size()) + (endpoints == null ? 0 : endpoints.size());
        if (count == 0) {
            throw new RejectedRequest("MissingTargets", "The request names no address and no endpoint");
        }
        if (count > MAX_ADDRESSES) {
            throw new RejectedRequest("TooManyAddresses", "A request may name at most " + MAX_ADDRESSES
                    + " addresses and endpoints; this one names " + count);
        }
        List<Target> targets = new ArrayList<>();
        if (addresses != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = addresses.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String where = "Addresses." + e.getKey();
                if (!e.getValue().isObject()) {
                    throw new RejectedRequest("InvalidField", where + " must be an object with a ChannelType");
                }
                if (e.getKey().isBlank() || e.getKey().length() > MAX_ADDRESS_LENGTH) {
                    throw new RejectedRequest("InvalidField", "An address must be 1 to " + MAX_ADDRESS_LENGTH + " characters");
                }
                ChannelType channel = channel(e.getValue().get("ChannelType"), where);
                targets.add(overrides(Target.of(channel, e.getKey()), e.getValue(), where));
            }
        }
        Map<String, Target> byEndpoint = new LinkedHashMap<>();
        if (endpoints != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = endpoints.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                byEndpoint.put(identifier(e.getKey(), "An endpoint ID"), overrides(null, e.getValue(), "Endpoints." + e.getKey()));
            }
        }
        Map<ChannelType, PushMessage> messages = withContext(MessageResolver.resolveAll(root.get("MessageConfiguration")), root);
        return new SendRequest(requestId, PushType.ADDRESSES, messages, targets, byEndpoint, Map.of(), null);
    }

    private SendRequest group(JsonNode root, String requestId) throws RejectedRequest {
        JsonNode name = root.get("group_name");
        if (!name.isTextual() || !name.asText().matches(GROUP_NAME)) {
            throw new RejectedRequest("InvalidGroupName", "group_name must be 1 to 128 letters, digits, '-', '_' or '.'");
        }
        // ADM's group message shape, or a group with Pinpoint's MessageConfiguration (what campaigns send)
        Map<ChannelType, PushMessage> messages = present(root, "MessageConfiguration")
                ? withContext(MessageResolver.resolveAll(root.get("MessageConfiguration")), root)
                : MessageResolver.fromGroupMessage(root);
        return new SendRequest(requestId, PushType.GROUP, messages, List.of(), Map.of(), Map.of(), name.asText());
    }

    private SendRequest alexa(JsonNode root, String requestId) throws RejectedRequest {
        JsonNode recipients = root.get("recipients");
        if (!recipients.isArray() || recipients.isEmpty()) {
            throw new RejectedRequest("MissingTargets", "recipients must list at least one recipient");
        }
        if (recipients.size() > MAX_ADDRESSES) {
            throw new RejectedRequest("TooManyAddresses", "A request may name at most " + MAX_ADDRESSES + " recipients");
        }
        List<Target> targets = new ArrayList<>();
        for (JsonNode r : recipients) {
            if (!"Unit".equals(r.path("type").asText()) || !r.path("id").isTextual() || r.path("id").asText().isBlank()
                    || r.path("id").asText().length() > MAX_ADDRESS_LENGTH) {
                throw new RejectedRequest("InvalidField", "Each recipient must be {\"type\": \"Unit\", \"id\": \"…\"}, "
                        + "its id at most " + MAX_ADDRESS_LENGTH + " characters");
            }
            targets.add(Target.of(ChannelType.ALEXA, r.get("id").asText()));
        }
        JsonNode notification = root.get("notification");
        checkAlexaNotification(notification);
        // the Alexa shape's notification is sent as it is: the Alexa plug-in reads it as its AlexaNotification
        PushMessage message = new PushMessage(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, Map.of("AlexaNotification", notification));
        Map<ChannelType, PushMessage> messages = new HashMap<>();
        messages.put(ChannelType.ALEXA, message);
        return new SendRequest(requestId, PushType.ALEXA, messages, targets, Map.of(), Map.of(), null);
    }

    /**
     * The Alexa notification is passed through as it is, so what the Notifications API refuses for every recipient
     * alike is refused here, on first delivery: one variant type per request (DeviceNotification, Announcement or
     * PersistentVisualAlert), content variants of the type that goes with it (SpokenText, or V0Template for a visual
     * alert), values with a locale, and a text for SpokenText.
     */
    private static void checkAlexaNotification(JsonNode notification) throws RejectedRequest {
        JsonNode variants = notification == null ? null : notification.get("variants");
        if (variants == null || !variants.isArray() || variants.isEmpty()) {
            throw new RejectedRequest("InvalidField", "notification.variants must list at least one variant");
        }
        String type = null;
        for (int i = 0; i < variants.size(); i++) {
            String where = "notification.variants[" + i + "]";
            JsonNode variant = variants.get(i);
            JsonNode t = variant.path("type");
            if (!t.isTextual() || !ALEXA_VARIANT_TYPES.contains(t.asText())) {
                throw new RejectedRequest("InvalidField", where + ".type must be one of " + ALEXA_VARIANT_TYPES);
            }
            if (type != null && !type.equals(t.asText())) {
                throw new RejectedRequest("InvalidField", "notification.variants must all be of one type; Alexa takes "
                        + "one notification type per request");
            }
            type = t.asText();
            String contentType = type.equals("PersistentVisualAlert") ? "V0Template" : "SpokenText";
            JsonNode contents = variant.path("content").path("variants");
            if (!contents.isArray() || contents.isEmpty()) {
                throw new RejectedRequest("InvalidField", where + ".content.variants must list at least one content variant");
            }
            for (int j = 0; j < contents.size(); j++) {
                String at = where + ".content.variants[" + j + "]";
                JsonNode content = contents.get(j);
                if (!content.path("type").isTextual() || !contentType.equals(content.path("type").asText())) {
                    throw new RejectedRequest("InvalidField", at + ".type must be " + contentType + " for a " + type);
                }
                JsonNode values = content.path("values");
                if (!values.isArray() || values.isEmpty()) {
                    throw new RejectedRequest("InvalidField", at + ".values must list at least one value");
                }
                for (int k = 0; k < values.size(); k++) {
                    JsonNode value = values.get(k);
                    if (!value.path("locale").isTextual() || !value.path("locale").asText().matches(FieldRules.LOCALE)) {
                        throw new RejectedRequest("InvalidField", at + ".values[" + k + "].locale must look like en-US");
                    }
                    if (contentType.equals("SpokenText") && (!value.path("text").isTextual() || value.path("text").asText().isBlank())) {
                        throw new RejectedRequest("InvalidField", at + ".values[" + k + "].text must be the words to speak");
                    }
                }
            }
        }
    }

    /** The request's Context goes into every target's data (a target's own Context is merged over it). */
    private static Map<ChannelType, PushMessage> withContext(Map<ChannelType, PushMessage> messages, JsonNode root)
            throws RejectedRequest {
        Map<String, String> context = FieldRules.stringMap(root.get("Context"), "Context", false);
        if (context != null) {
            messages.replaceAll((channel, message) -> message.withContext(context));
        }
        return messages;
    }

    private static ChannelType channel(JsonNode node, String where) throws RejectedRequest {
        if (node == null || !node.isTextual()) {
            throw new RejectedRequest("InvalidField", where + ".ChannelType is required (" + ChannelType.listed() + ")");
        }
        ChannelType channel = ChannelType.parse(node.asText());
        if (channel == null) {
            throw new RejectedRequest("UnsupportedChannel", where + ".ChannelType " + node.asText()
                    + " is not served by this gateway (" + ChannelType.listed() + ")");
        }
        return channel;
    }

    /** Pinpoint's EndpointSendConfiguration: TitleOverride, BodyOverride, Substitutions, RawContent, Context. */
    private static Target overrides(Target target, JsonNode config, String where)
            throws RejectedRequest {
        Target base = target != null ? target : Target.of(null, null);
        if (config == null || config.isNull()) {
            return base;
        }
        if (!config.isObject()) {
            throw new RejectedRequest("InvalidField", where + " must be an object");
        }
        String title = FieldRules.text(config, "TitleOverride", where);
        String body = FieldRules.text(config, "BodyOverride", where);
        String raw = FieldRules.text(config, "RawContent", where);
        FieldRules.requireJsonObject(raw, where + ".RawContent");
        Map<String, String> subs = MessageResolver.substitutions(config.get("Substitutions"), where + ".Substitutions");
        Map<String, String> context = FieldRules.stringMap(config.get("Context"), where + ".Context", false);
        return base.withOverrides(title, body, subs, raw, context);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
