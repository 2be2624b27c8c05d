package io.pushrelay.message;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What to say to one channel: Pinpoint's message fields after {@code DefaultMessage},
 * {@code DefaultPushNotificationMessage} and the channel's own block were merged, plus the channel options
 * (ADM, FCM, Alexa). Provider payload builders read only this and the target.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
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
        @JsonProperty("ConsolidationKey") String consolidationKey,
        @JsonProperty("ExpiresAfter") Long expiresAfter,
        @JsonProperty("CollapseKey") String collapseKey,
        @JsonProperty("Priority") String priority,
        @JsonProperty("TimeToLive") Long timeToLive,
        @JsonProperty("RestrictedPackageName") String restrictedPackageName,
        @JsonProperty("AlexaType") String alexaType,
        @JsonProperty("Locale") String locale,
        @JsonProperty("AlexaNotification") JsonNode alexaNotification) {

    public PushMessage withContext(Map<String, String> requestContext) {
        return new PushMessage(title, body, data, silentPush, action, url, imageUrl, imageIconUrl, smallImageIconUrl,
                iconReference, sound, rawContent, substitutions, requestContext, consolidationKey, expiresAfter,
                collapseKey, priority, timeToLive, restrictedPackageName, alexaType, locale, alexaNotification);
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
                imageIconUrl, smallImageIconUrl, iconReference, sound, raw, null, ctx, consolidationKey, expiresAfter,
                collapseKey, priority, timeToLive, restrictedPackageName, alexaType, locale, alexaNotification);
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
}
