package io.pushrelay.request;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.pushrelay.message.ChannelType;
import io.pushrelay.message.PushMessage;
import io.pushrelay.message.RejectedRequest;
import io.pushrelay.plugin.ProviderPlugin;
import io.pushrelay.plugin.ProviderPlugins;

/**
 * Turns Pinpoint's MessageConfiguration into one {@link PushMessage} per channel: {@code DefaultMessage}, then
 * {@code DefaultPushNotificationMessage}, then the channel's block (its plug-in's: {@code ADMMessage},
 * {@code GCMMessage}, {@code AlexaMessage}) field by field, the later winning; Substitutions are merged the same way.
 * The fields every provider shares are read here, the channel's own ones by its plug-in. Every field is checked for
 * its type and range, so a bad value rejects the request instead of failing at the provider. A field that is null
 * counts as absent, as the serializers of many languages write unset fields.
 */
final class MessageResolver {

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
        ProviderPlugin plugin = ProviderPlugins.of(channel);
        Fields f = new Fields();
        for (String block : List.of("DefaultMessage", "DefaultPushNotificationMessage", plugin.messageBlock())) {
            String where = "MessageConfiguration." + block;
            f.merge(configuration.get(block), where);
            if (FieldRules.present(configuration, block)) {
                plugin.readFields(configuration.get(block), where, f.channelFields);
            }
        }
        return f.toMessage();
    }

    /**
     * The ADM group message shape ({@code data}, {@code notification}, …) as a message for every channel; its
     * consolidationKey, expiresAfter and priority are the channel fields ADMMessage names so.
     */
    static Map<ChannelType, PushMessage> fromGroupMessage(JsonNode request) throws RejectedRequest {
        Fields f = new Fields();
        JsonNode notification = request.get("notification");
        if (FieldRules.present(request, "notification") && !notification.isObject()) {
            throw new RejectedRequest("InvalidField", "notification must be an object with title and body");
        }
        if (FieldRules.present(request, "notification")) {
            f.title = FieldRules.text(notification, "title", "notification.title");
            f.body = FieldRules.text(notification, "body", "notification.body");
        }
        if (FieldRules.present(request, "data")) {
            f.data = FieldRules.stringMap(request.get("data"), "data", true);
        }
        String consolidationKey = FieldRules.text(request, "consolidationKey", "consolidationKey");
        if (consolidationKey != null) {
            f.channelFields.put("ConsolidationKey", JsonNodeFactory.instance.textNode(consolidationKey));
        }
        if (FieldRules.present(request, "expiresAfter")) {
            f.channelFields.put("ExpiresAfter", FieldRules.numberNode(FieldRules.number(
                    request.get("expiresAfter"), "expiresAfter", FieldRules.MIN_EXPIRES_AFTER, FieldRules.MAX_EXPIRES_AFTER)));
        }
        if (FieldRules.present(request, "priority")) {
            f.channelFields.put("Priority", JsonNodeFactory.instance.textNode(FieldRules.priority(request.get("priority"), "priority")));
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

    /** The shared fields of the message blocks, merged as they come, and the channel's own ones its plug-in read. */
    private static final class Fields {
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
        final Map<String, JsonNode> channelFields = new LinkedHashMap<>();

        void merge(JsonNode block, String where) throws RejectedRequest {
            if (block == null || block.isNull()) {
                return;
            }
            if (!block.isObject()) {
                throw new RejectedRequest("InvalidField", where + " must be an object");
            }
            title = or(FieldRules.text(block, "Title", where), title);
            body = or(FieldRules.text(block, "Body", where), body);
            if (FieldRules.present(block, "Data")) {
                data = FieldRules.stringMap(block.get("Data"), where + ".Data", true);
            }
            if (FieldRules.present(block, "SilentPush")) {
                if (!block.get("SilentPush").isBoolean()) {
                    throw new RejectedRequest("InvalidField", where + ".SilentPush must be true or false");
                }
                silentPush = block.get("SilentPush").asBoolean();
            }
            action = or(FieldRules.text(block, "Action", where), action);
            if (action != null && !List.of("OPEN_APP", "DEEP_LINK", "URL").contains(action)) {
                throw new RejectedRequest("InvalidField", where + ".Action must be OPEN_APP, DEEP_LINK or URL");
            }
            url = or(FieldRules.text(block, "Url", where), url);
            imageUrl = or(FieldRules.text(block, "ImageUrl", where), imageUrl);
            imageIconUrl = or(FieldRules.text(block, "ImageIconUrl", where), imageIconUrl);
            smallImageIconUrl = or(FieldRules.text(block, "SmallImageIconUrl", where), smallImageIconUrl);
            iconReference = or(FieldRules.text(block, "IconReference", where), iconReference);
            sound = or(FieldRules.text(block, "Sound", where), sound);
            rawContent = or(FieldRules.text(block, "RawContent", where), rawContent);
            if (FieldRules.present(block, "RawContent")) {
                FieldRules.requireJsonObject(rawContent, where + ".RawContent");
            }
            Map<String, String> subs = substitutions(block.get("Substitutions"), where + ".Substitutions");
            if (subs != null) {
                Map<String, String> merged = substitutions == null ? new LinkedHashMap<>() : new LinkedHashMap<>(substitutions);
                merged.putAll(subs);
                substitutions = merged;
            }
        }

        PushMessage toMessage() {
            return new PushMessage(title, body, data, silentPush, action, url, imageUrl, imageIconUrl,
                    smallImageIconUrl, iconReference, sound, rawContent, substitutions, null, channelFields);
        }

        private static String or(String value, String fallback) {
            return value != null ? value : fallback;
        }
    }
}
