package io.pushrelay.support;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.message.Json;
import io.pushrelay.message.PushMessage;
import io.pushrelay.request.FieldRules;

/** Builds PushMessages for tests, naming only the fields a test cares about. */
public final class Messages {

    private String title;
    private String body;
    private Map<String, String> data;
    private Boolean silentPush;
    private String rawContent;
    private Map<String, String> substitutions;
    private Map<String, String> context;
    private String consolidationKey;
    private Long expiresAfter;
    private String collapseKey;
    private String priority;
    private Long timeToLive;
    private String restrictedPackageName;
    private String alexaType;
    private String locale;
    private JsonNode alexaNotification;
    private String imageUrl;

    public static Messages builder() {
        return new Messages();
    }

    public Messages title(String v) { title = v; return this; }
    public Messages body(String v) { body = v; return this; }
    public Messages data(Map<String, String> v) { data = v; return this; }
    public Messages silentPush(boolean v) { silentPush = v; return this; }
    public Messages rawContent(String v) { rawContent = v; return this; }
    public Messages substitutions(Map<String, String> v) { substitutions = v; return this; }
    public Messages context(Map<String, String> v) { context = v; return this; }
    public Messages consolidationKey(String v) { consolidationKey = v; return this; }
    public Messages expiresAfter(Long v) { expiresAfter = v; return this; }
    public Messages collapseKey(String v) { collapseKey = v; return this; }
    public Messages priority(String v) { priority = v; return this; }
    public Messages timeToLive(Long v) { timeToLive = v; return this; }
    public Messages restrictedPackageName(String v) { restrictedPackageName = v; return this; }
    public Messages alexaType(String v) { alexaType = v; return this; }
    public Messages locale(String v) { locale = v; return this; }
    public Messages alexaNotification(JsonNode v) { alexaNotification = v; return this; }
    public Messages imageUrl(String v) { imageUrl = v; return this; }

    public PushMessage build() {
        Map<String, JsonNode> own = new LinkedHashMap<>();
        put(own, "ConsolidationKey", consolidationKey);
        put(own, "ExpiresAfter", expiresAfter);
        put(own, "CollapseKey", collapseKey);
        put(own, "Priority", priority);
        put(own, "TimeToLive", timeToLive);
        put(own, "RestrictedPackageName", restrictedPackageName);
        put(own, "AlexaType", alexaType);
        put(own, "Locale", locale);
        put(own, "AlexaNotification", alexaNotification);
        return new PushMessage(title, body, data, silentPush, null, null, imageUrl, null, null, null, null, rawContent,
                substitutions, context, own);
    }

    /** The channel fields flat, as PushMessage carries them in JSON. */
    private static void put(Map<String, JsonNode> own, String name, Object value) {
        if (value != null) {
            own.put(name, value instanceof Long n ? FieldRules.numberNode(n) : Json.MAPPER.valueToTree(value));
        }
    }
}
