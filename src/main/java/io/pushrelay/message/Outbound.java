package io.pushrelay.message;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.jms.Message;

/**
 * A message a stage publishes: to which destination, the JSON body, and the JMS properties set for selectors. Stages
 * return these; the shared {@code publish} route sends them inside the stage's transaction. The destination is a
 * queue name, or a destination in Artemis's qualified form that keeps its kind ({@code topic://…}, see
 * {@link Envelope#destination}). An outbound that keeps a received message ({@link #kept}) sends that message
 * itself, body and properties as its sender made them, with the outbound's properties added.
 */
public record Outbound(String queue, String body, Map<String, Object> properties, Message original) {

    public static Outbound of(String queue, Object value) {
        return new Outbound(queue, value instanceof String s ? s : Json.write(value), new LinkedHashMap<>(), null);
    }

    /** A received message, sent on unchanged (a rejected input parked on {@code push.invalid}). */
    public static Outbound kept(String queue, Message original) {
        return new Outbound(queue, null, new LinkedHashMap<>(), original);
    }

    public Outbound with(String property, Object value) {
        if (value != null) {
            properties.put(property, value instanceof Enum<?> e ? e.name() : value instanceof ChannelType c ? c.name() : value);
        }
        return this;
    }
}
