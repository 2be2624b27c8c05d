package io.pushrelay.message;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message a stage publishes: to which queue, the JSON body, and the JMS properties set for selectors. Stages
 * return these; the shared {@code publish} route sends them inside the stage's transaction.
 */
public record Outbound(String queue, String body, Map<String, Object> properties) {

    public static Outbound of(String queue, Object value) {
        return new Outbound(queue, value instanceof String s ? s : Json.write(value), new LinkedHashMap<>());
    }

    public Outbound with(String property, Object value) {
        if (value != null) {
            properties.put(property, value instanceof Enum<?> e ? e.name() : value);
        }
        return this;
    }
}
