package io.pushrelay.request;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.message.ChannelType;
import io.pushrelay.message.PushMessage;
import io.pushrelay.message.RejectedRequest;
import io.pushrelay.plugin.ProviderPlugins;

/**
 * Turns Pinpoint's MessageConfiguration into one {@link PushMessage} per channel: {@code DefaultMessage}, then
 * {@code DefaultPushNotificationMessage}, then the channel's block (its plug-in's: {@code ADMMessage},
 * {@code GCMMessage}, {@code AlexaMessage}) field by field, the later winning; Substitutions are merged the same way. Every field is
 * checked for its type and range, so a bad value rejects the request instead of failing at the provider. A field
 * that is null counts as absent, as the serializers of many languages write unset fields.
 */
final class MessageResolver {

    static final long MIN_EXPIRES_AFTER = 60;
    static final long MAX_EXPIRES_AFTER = 2_678_400;
    static final long MAX_TIME_TO_LIVE = 2_419_200;
    static final Set<String> ALEXA_TYPES = Set.of("DeviceNotification", "Announcement");
    static final String LOCALE = "[a-z]{2}-[A-Z]{2}";

    private MessageResolver() {
    }

    static Map<ChannelType, PushMessage> resolveAll(JsonNode configuration) throws RejectedRequest {
        if (configuration == null || !configuration.isObject()) {
            throw new RejectedRequest("InvalidField", "MessageConfiguration must be an object");
        }
        Map<ChannelType, PushMessage> messages = new LinkedHashMap<>();
        for (ChannelType channel : ChannelType.served()) {
            messages.put(channel, resolve(configuration, channel));
        }
        return messages;
    }

    static PushMessage resolve(JsonNode configuration, ChannelType channel) throws RejectedRequest {
        Fields f = new Fields();
        f.merge(configuration.get("DefaultMessage"), "MessageConfiguration.DefaultMessage");
        f.merge(configuration.get("DefaultPushNotificationMessage"), "MessageConfiguration.DefaultPushNotificationMessage");
        String block = ProviderPlugins.of(channel).messageBlock();
        f.merge(configuration.get(block), "MessageConfiguration." + block);
        return f.toMessage();
    }

    /** The ADM group message shape ({@code data}, {@code notification}, …) as a message for every channel. */
    static Map<ChannelType, PushMessage> fromGroupMessage(JsonNode request) throws RejectedRequest {
        Fields f = new Fields();
        JsonNode notification = request.get("notification");
        if (Fields.present(request, "notification") && !notification.isObject()) {
            throw new RejectedRequest("InvalidField", "notification must be an object with title and body");
        }
        if (Fields.present(request, "notification")) {
            f.title = f.text(notification, "title", "notification.title");
            f.body = f.text(notification, "body", "notification.body");
        }
        if (Fields.present(request, "data")) {
            f.data = f.stringMap(request.get("data"), "data", true);
        }
        f.consolidationKey = f.text(request, "consolidationKey", "consolidationKey");
        if (Fields.present(request, "expiresAfter")) {
            f.expiresAfter = f.number(request.get("expiresAfter"), "expiresAfter", MIN_EXPIRES_AFTER, MAX_EXPIRES_AFTER);
        }
        if (Fields.present(request, "priority")) {
            f.priority = f.priority(request.get("priority"), "priority");
        }
        Map<ChannelType, PushMessage> messages = new LinkedHashMap<>();
        PushMessage message = f.toMessage();
        for (ChannelType channel : ChannelType.served()) {
            messages.put(channel, message);
        }
        return messages;
    }

    /** Pinpoint Substitutions: a map of names to a list of strings (the first is used) or to a string. */
    static Map<String, String> substitutions(JsonNode node, String where) throws RejectedRequest {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new RejectedRequest("InvalidField", where + " must be an object of names to values");
        }
        Map<String, String> subs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isArray() && !v.isEmpty() && v.get(0).isValueNode() && !v.get(0).isNull()) {
                subs.put(e.getKey(), v.get(0).asText());
            } else if (v.isValueNode() && !v.isNull()) {
                subs.put(e.getKey(), v.asText());
            } else {
                throw new RejectedRequest("InvalidField", where + "." + e.getKey() + " must be a string or a list of strings");
            }
        }
        return subs;
    }

    /** The fields of the message blocks, merged as they come. */
    static final class Fields {
        String title;
        String body;
        Map<String, String> data;
        Boolean silentPush;
        String action;
        String url;
        String imageUrl;
        String imageIconUrl;
        String smallImageIconUrl;
        String iconReference;
        String sound;
        String rawContent;
        Map<String, String> substitutions;
        String consolidationKey;
        Long expiresAfter;
        String collapseKey;
        String priority;
        Long timeToLive;
        String restrictedPackageName;
        String alexaType;
        String locale;

        void merge(JsonNode block, String where) throws RejectedRequest {
            if (block == null || block.isNull()) {
                return;
            }
            if (!block.isObject()) {
                throw new RejectedRequest("InvalidField", where + " must be an object");
            }
            title = or(text(block, "Title", where), title);
            body = or(text(block, "Body", where), body);
            if (present(block, "Data")) {
                data = stringMap(block.get("Data"), where + ".Data", true);
            }
            if (present(block, "SilentPush")) {
                if (!block.get("SilentPush").isBoolean()) {
                    throw new RejectedRequest("InvalidField", where + ".SilentPush must be true or false");
                }
                silentPush = block.get("SilentPush").asBoolean();
            }
            action = or(text(block, "Action", where), action);
            if (action != null && !List.of("OPEN_APP", "DEEP_LINK", "URL").contains(action)) {
                throw new RejectedRequest("InvalidField", where + ".Action must be OPEN_APP, DEEP_LINK or URL");
            }
            url = or(text(block, "Url", where), url);
            imageUrl = or(text(block, "ImageUrl", where), imageUrl);
            imageIconUrl = or(text(block, "ImageIconUrl", where), imageIconUrl);
            smallImageIconUrl = or(text(block, "SmallImageIconUrl", where), smallImageIconUrl);
            iconReference = or(text(block, "IconReference", where), iconReference);
            sound = or(text(block, "Sound", where), sound);
            rawContent = or(text(block, "RawContent", where), rawContent);
            if (present(block, "RawContent")) {
                requireJsonObject(rawContent, where + ".RawContent");
            }
            Map<String, String> subs = substitutions(block.get("Substitutions"), where + ".Substitutions");
            if (subs != null) {
                Map<String, String> merged = substitutions == null ? new LinkedHashMap<>() : new LinkedHashMap<>(substitutions);
                merged.putAll(subs);
                substitutions = merged;
            }
            consolidationKey = or(text(block, "ConsolidationKey", where), consolidationKey);
            if (present(block, "ExpiresAfter")) {
                expiresAfter = number(block.get("ExpiresAfter"), where + ".ExpiresAfter", MIN_EXPIRES_AFTER, MAX_EXPIRES_AFTER);
            }
            collapseKey = or(text(block, "CollapseKey", where), collapseKey);
            if (present(block, "Priority")) {
                priority = priority(block.get("Priority"), where + ".Priority");
            }
            if (present(block, "TimeToLive")) {
                timeToLive = number(block.get("TimeToLive"), where + ".TimeToLive", 0, MAX_TIME_TO_LIVE);
            }
            restrictedPackageName = or(text(block, "RestrictedPackageName", where), restrictedPackageName);
            String type = text(block, "Type", where);
            if (type != null && !ALEXA_TYPES.contains(type)) {
                throw new RejectedRequest("InvalidField", where + ".Type must be DeviceNotification or Announcement");
            }
            alexaType = or(type, alexaType);
            String loc = text(block, "Locale", where);
            if (loc != null && !loc.matches(LOCALE)) {
                throw new RejectedRequest("InvalidField", where + ".Locale must look like en-US");
            }
            locale = or(loc, locale);
        }

        static boolean present(JsonNode node, String field) {
            JsonNode v = node.get(field);
            return v != null && !v.isNull();
        }

        PushMessage toMessage() {
            return new PushMessage(title, body, data, silentPush, action, url, imageUrl, imageIconUrl,
                    smallImageIconUrl, iconReference, sound, rawContent, substitutions, null, consolidationKey,
                    expiresAfter, collapseKey, priority, timeToLive, restrictedPackageName, alexaType, locale, null);
        }

        String text(JsonNode node, String field, String where) throws RejectedRequest {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isTextual()) {
                throw new RejectedRequest("InvalidField", where + (where.endsWith(field) ? "" : "." + field) + " must be a string");
            }
            return v.asText();
        }

        /** Data values that are not strings are sent as their JSON text: providers take strings only. */
        Map<String, String> stringMap(JsonNode node, String where, boolean coerce) throws RejectedRequest {
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isObject()) {
                throw new RejectedRequest("InvalidField", where + " must be an object of keys to values");
            }
            Map<String, String> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (v.isTextual()) {
                    map.put(e.getKey(), v.asText());
                } else if (coerce && !v.isNull()) {
                    map.put(e.getKey(), v.toString());
                } else {
                    throw new RejectedRequest("InvalidField", where + "." + e.getKey() + " must be a string");
                }
            }
            return map;
        }

        long number(JsonNode v, String where, long min, long max) throws RejectedRequest {
            long n;
            if (v.isIntegralNumber()) {
                n = v.asLong();
            } else if (v.isTextual() && v.asText().trim().matches("\\d{1,10}")) {
                n = Long.parseLong(v.asText().trim());
            } else {
                throw new RejectedRequest("InvalidField", where + " must be a whole number of seconds");
            }
            if (n < min || n > max) {
                throw new RejectedRequest("InvalidField", where + " must be between " + min + " and " + max + " seconds");
            }
            return n;
        }

        String priority(JsonNode v, String where) throws RejectedRequest {
            String p = v.isTextual() ? v.asText().toLowerCase(Locale.ROOT) : "";
            if (!p.equals("high") && !p.equals("normal")) {
                throw new RejectedRequest("InvalidField", where + " must be high or normal");
            }
            return p;
        }

        static void requireJsonObject(String raw, String where) throws RejectedRequest {
            try {
                if (raw != null && !io.pushrelay.message.Json.tree(raw).isObject()) {
                    throw new RejectedRequest("InvalidField", where + " must be a JSON object in a string");
                }
            } catch (IllegalArgumentException e) {
                throw new RejectedRequest("InvalidField", where + " is not valid JSON: " + e.getMessage());
            }
        }

        private static String or(String value, String fallback) {
            return value != null ? value : fallback;
        }
    }
}
