package io.pushrelay.message;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What to say to one channel: Pinpoint's message fields after {@code DefaultMessage},
 * {@code DefaultPushNotificationMessage} and the channel's own block were merged — the fields every provider shares
 * — and {@code channelFields}, the ones only the channel's provider reads (ADM's ExpiresAfter, FCM's TimeToLive, …),
 * as its plug-in parsed them. In JSON (work queues, dead letters' Payload) every field is flat, as Pinpoint names
 * it. Provider payload builders read only this and the target.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonDeserialize(using = PushMessage.Reader.class)
public record PushMessage(
        @JsonProperty("Title") String title,
        @JsonProperty("Body") String body,
        @JsonProperty("Data") Map<String, String> data,
        @JsonProperty("SilentPush") Boolean silentPush,
        @JsonProperty("Action") String action,
        @JsonProperty("Url") String url,
        @JsonProperty("ImageUrl") String imageUrl,
        @JsonProperty("ImageIconUrl") String imageIconUrl,
        @JsonProperty("SmallImageIconUrl") String smallImageIconUrl,
        @JsonProperty("IconReference") String iconReference,
        @JsonProperty("Sound") String sound,
        @JsonProperty("RawContent") String rawContent,
        @JsonProperty("Substitutions") Map<String, String> substitutions,
        @JsonProperty("Context") Map<String, String> context,
        @JsonIgnore Map<String, JsonNode> channelFields) {

    /** {@code channelFields} is kept, not copied: the parsers hand over maps they no longer change. */
    public PushMessage {
        channelFields = channelFields == null ? Map.of() : Collections.unmodifiableMap(channelFields);
    }

    /** The channel fields beside the shared ones, in JSON. */
    @JsonAnyGetter
    Map<String, JsonNode> flatChannelFields() {
        return channelFields;
    }

    /** A channel field, or null when the message has none. */
    public JsonNode channelField(String name) {
        JsonNode value = channelFields.get(name);
        return value == null || value.isNull() ? null : value;
    }

    public PushMessage withContext(Map<String, String> requestContext) {
        return new PushMessage(title, body, data, silentPush, action, url, imageUrl, imageIconUrl, smallImageIconUrl,
                iconReference, sound, rawContent, substitutions, requestContext, channelFields);
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]+)}}");

    public boolean silent() {
        return Boolean.TRUE.equals(silentPush);
    }

    /**
     * The message as this target gets it: the target's TitleOverride/BodyOverride replace title and body, its
     * Substitutions are merged over the message's (the target's win) and fill {@code {{Name}}} placeholders in title,
     * body and data values, its Context is merged over the message's, its RawContent replaces the message's.
     */
    public PushMessage forTarget(Target target) {
        Map<String, String> subs = merge(substitutions, target.substitutions());
        Map<String, String> ctx = merge(context, target.context());
        String t = target.titleOverride() != null ? target.titleOverride() : title;
        String b = target.bodyOverride() != null ? target.bodyOverride() : body;
        String raw = target.rawContent() != null ? target.rawContent() : rawContent;
        Map<String, String> d = null;
        if (data != null) {
            d = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : data.entrySet()) {
                d.put(e.getKey(), substitute(e.getValue(), subs));
            }
        }
        return new PushMessage(substitute(t, subs), substitute(b, subs), d, silentPush, action, url, imageUrl,
                imageIconUrl, smallImageIconUrl, iconReference, sound, raw, null, ctx, channelFields);
    }

    /**
     * The data a provider receives: Data, then Context entries under {@code pinpoint.<key>} as Pinpoint put them
     * into {@code data.pinpoint}.
     */
    public Map<String, String> payloadData() {
        Map<String, String> out = new LinkedHashMap<>();
        if (data != null) {
            out.putAll(data);
        }
        if (context != null) {
            context.forEach((k, v) -> out.put("pinpoint." + k, v));
        }
        return out;
    }

    static String substitute(String text, Map<String, String> subs) {
        if (text == null || subs == null || subs.isEmpty()) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = subs.get(m.group(1).trim());
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Map<String, String> merge(Map<String, String> base, Map<String, String> over) {
        if (base == null && over == null) {
            return null;
        }
        Map<String, String> merged = new LinkedHashMap<>();
        if (base != null) {
            merged.putAll(base);
        }
        if (over != null) {
            merged.putAll(over);
        }
        return merged;
    }

    /** Reads the shared fields by name and keeps every other one as a channel field. */
    static final class Reader extends StdDeserializer<PushMessage> {

        Reader() {
            super(PushMessage.class);
        }

        @Override
        public PushMessage deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            // the context's reader, not the mapper's: the mapper would take the rest of the enclosing object as trailing
            ObjectNode node = (ObjectNode) context.readTree(parser);
            Map<String, JsonNode> channel = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> {
                if (!SHARED.contains(e.getKey())) {
                    channel.put(e.getKey(), e.getValue());
                }
            });
            return new PushMessage(text(node, "Title"), text(node, "Body"), strings(context, node, "Data"),
                    node.hasNonNull("SilentPush") ? node.get("SilentPush").asBoolean() : null, text(node, "Action"),
                    text(node, "Url"), text(node, "ImageUrl"), text(node, "ImageIconUrl"), text(node, "SmallImageIconUrl"),
                    text(node, "IconReference"), text(node, "Sound"), text(node, "RawContent"),
                    strings(context, node, "Substitutions"), strings(context, node, "Context"), channel);
        }

        private static String text(ObjectNode node, String field) {
            return node.hasNonNull(field) ? node.get(field).asText() : null;
        }

        private static Map<String, String> strings(DeserializationContext context, ObjectNode node, String field)
                throws IOException {
            return node.hasNonNull(field) ? context.readTreeAsValue(node.get(field),
                    context.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, String.class)) : null;
        }
    }

    private static final Set<String> SHARED = Set.of("Title", "Body", "Data", "SilentPush", "Action", "Url", "ImageUrl",
            "ImageIconUrl", "SmallImageIconUrl", "IconReference", "Sound", "RawContent", "Substitutions", "Context");
}
