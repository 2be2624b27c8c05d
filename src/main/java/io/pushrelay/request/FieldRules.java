package io.pushrelay.request;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import io.pushrelay.message.Json;
import io.pushrelay.message.RejectedRequest;

/**
 * The rules of a message field's type and range, each rejection naming where the field is
 * ({@code MessageConfiguration.GCMMessage.TimeToLive must be …}): for the request shapes and for the provider plug-ins
 * reading their own fields of a message block. A field that is null counts as absent.
 */
public final class FieldRules {

    /** ADM's ExpiresAfter range, also that of ADM's group message shape. */
    public static final long MIN_EXPIRES_AFTER = 60;
    public static final long MAX_EXPIRES_AFTER = 2_678_400;
    /** A locale as Alexa takes it. */
    public static final String LOCALE = "[a-z]{2}-[A-Z]{2}";

    private FieldRules() {
    }

    /** A whole number as reading JSON makes it (an int node when it fits), so that a message equals itself read back. */
    public static JsonNode numberNode(long n) {
        return n == (int) n ? IntNode.valueOf((int) n) : LongNode.valueOf(n);
    }

    public static boolean present(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    public static String text(JsonNode node, String field, String where) throws RejectedRequest {
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
    public static Map<String, String> stringMap(JsonNode node, String where, boolean coerce) throws RejectedRequest {
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

    public static long number(JsonNode v, String where, long min, long max) throws RejectedRequest {
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

    public static String priority(JsonNode v, String where) throws RejectedRequest {
        String p = v.isTextual() ? v.asText().toLowerCase(Locale.ROOT) : "";
        if (!p.equals("high") && !p.equals("normal")) {
            throw new RejectedRequest("InvalidField", where + " must be high or normal");
        }
        return p;
    }

    public static void requireJsonObject(String raw, String where) throws RejectedRequest {
        try {
            if (raw != null && !Json.tree(raw).isObject()) {
                throw new RejectedRequest("InvalidField", where + " must be a JSON object in a string");
            }
        } catch (IllegalArgumentException e) {
            throw new RejectedRequest("InvalidField", where + " is not valid JSON: " + e.getMessage());
        }
    }
}
