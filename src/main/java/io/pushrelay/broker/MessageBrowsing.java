package io.pushrelay.broker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/**
 * Reads the messages of a queue without consuming them (a JMS {@link QueueBrowser}): what the CLI's {@code browse}
 * and the web console's dead-letter list show. Each call opens its own connection of the given factory and closes it.
 */
public final class MessageBrowsing {

    private final ConnectionFactory factory;

    public MessageBrowsing(ConnectionFactory factory) {
        this.factory = factory;
    }

    /**
     * A message as browsed: its broker id, when it was sent, its body as text (null for a body that is neither text
     * nor bytes) and its JMS properties by name.
     */
    public record Browsed(String messageId, Instant timestamp, String body, Map<String, Object> properties) {
    }

    /**
     * At most {@code limit} messages of {@code queue} in queue order, those matching {@code selector} (a JMS message
     * selector, e.g. {@code Reason = 'Unregistered'}; null or blank for all). An invalid selector is an
     * {@link jakarta.jms.InvalidSelectorException}.
     */
    public List<Browsed> browse(String queue, String selector, int limit) throws JMSException {
        List<Browsed> messages = new ArrayList<>();
        try {
            browse(queue, selector, limit, null, messages::add);
        } catch (InterruptedException e) {
            throw new IllegalStateException("a browse that does not wait was interrupted", e);
        }
        return messages;
    }

    /**
     * What {@link #browse} finds, handed to {@code each} one by one, then every new message as it arrives (looked for
     * every {@code poll}) until {@code limit} messages were handed over or the thread is interrupted.
     */
    public void follow(String queue, String selector, int limit, Duration poll, Consumer<Browsed> each)
            throws JMSException, InterruptedException {
        browse(queue, selector, limit, poll, each);
    }

    private void browse(String queue, String selector, int limit, Duration poll, Consumer<Browsed> each)
            throws JMSException, InterruptedException {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (QueueBrowser browser = session.createBrowser(session.createQueue(queue), blankToNull(selector))) {
                // an Artemis browser's enumeration also yields the messages that arrive after it ran dry
                Enumeration<?> e = browser.getEnumeration();
                for (int handed = 0; handed < limit; ) {
                    if (e.hasMoreElements()) {
                        each.accept(browsed((Message) e.nextElement()));
                        handed++;
                    } else if (poll == null) {
                        return;
                    } else {
                        Thread.sleep(poll.toMillis());
                    }
                }
            }
        }
    }

    static Browsed browsed(Message message) throws JMSException {
        Map<String, Object> properties = new TreeMap<>();
        for (Object name : Collections.list(message.getPropertyNames())) {
            properties.put((String) name, message.getObjectProperty((String) name));
        }
        return new Browsed(message.getJMSMessageID(), Instant.ofEpochMilli(message.getJMSTimestamp()), body(message),
                properties);
    }

    private static String body(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return text.getText();
        }
        if (message instanceof BytesMessage bytes) {
            byte[] data = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(data);
            return new String(data, StandardCharsets.UTF_8);
        }
        return null;
    }

    private static String blankToNull(String selector) {
        return selector == null || selector.isBlank() ? null : selector;
    }
}
