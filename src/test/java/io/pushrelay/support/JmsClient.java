package io.pushrelay.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** What an enterprise system does with the gateway's queues: send JSON, read results, ask and wait for replies. */
public final class JmsClient implements AutoCloseable {

    private final Connection connection;
    private final Session session;

    JmsClient(String url) throws JMSException {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
        connection = factory.createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    public synchronized String send(String queue, String body, Map<String, String> properties) throws JMSException {
        TextMessage message = session.createTextMessage(body);
        for (Map.Entry<String, String> p : properties.entrySet()) {
            message.setStringProperty(p.getKey(), p.getValue());
        }
        try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            producer.send(message);
        }
        return message.getJMSMessageID();
    }

    /** Sends with a temporary reply queue and waits for the reply. */
    public synchronized Message request(String queue, String body, Duration timeout) throws JMSException {
        return request(queue, body, Map.of(), timeout);
    }

    public synchronized Message request(String queue, String body, Map<String, String> properties, Duration timeout)
            throws JMSException {
        TextMessage message = session.createTextMessage(body);
        for (Map.Entry<String, String> p : properties.entrySet()) {
            message.setStringProperty(p.getKey(), p.getValue());
        }
        TemporaryQueue replies = session.createTemporaryQueue();
        message.setJMSReplyTo(replies);
        try (MessageProducer producer = session.createProducer(session.createQueue(queue));
                MessageConsumer consumer = session.createConsumer(replies)) {
            producer.send(message);
            return consumer.receive(timeout.toMillis());
        }
    }

    /** The next message on a queue, or null after the timeout. */
    public synchronized Message receive(String queue, Duration timeout) throws JMSException {
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            return consumer.receive(timeout.toMillis());
        }
    }

    /** Up to {@code count} messages, waiting up to {@code timeout} for each. */
    public List<Message> receive(String queue, int count, Duration timeout) throws JMSException {
        return receive(queue, null, count, timeout);
    }

    /** Up to {@code count} messages that match a JMS selector, waiting up to {@code timeout} for each. */
    public List<Message> receive(String queue, String selector, int count, Duration timeout) throws JMSException {
        List<Message> messages = new ArrayList<>();
        synchronized (this) {
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue), selector)) {
                while (messages.size() < count) {
                    Message m = consumer.receive(timeout.toMillis());
                    if (m == null) {
                        break;
                    }
                    messages.add(m);
                }
            }
        }
        return messages;
    }

    public static String text(Message message) throws JMSException {
        return message == null ? null : message.getBody(String.class);
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
