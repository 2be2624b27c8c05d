package io.pushrelay.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;

import io.pushrelay.config.Settings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** How the CLI talks to the gateway: a JSON message on a queue, and with a reply queue, the answer. */
final class BrokerClient implements AutoCloseable {

    /** How often a command that waits says it still does. */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final ActiveMQConnectionFactory factory;

    BrokerClient(Settings settings) {
        String user = settings.get("pushrelay.broker.user");
        factory = new ActiveMQConnectionFactory(settings.get("pushrelay.broker.url"), user.isEmpty() ? null : user,
                user.isEmpty() ? null : settings.get("pushrelay.broker.password"));
    }

    /** The broker's connection factory, for browsing and for its management. */
    ActiveMQConnectionFactory factory() {
        return factory;
    }

    /** Sends {@code body} to {@code queue}; says so on {@code err}. */
    void send(String queue, String body, PrintWriter err) throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage message = session.createTextMessage(body);
            session.createProducer(session.createQueue(queue)).send(message);
            err.println("sent " + message.getJMSMessageID() + " to " + queue);
        }
    }

    /**
     * Sends {@code body} to {@code queue} with a temporary reply queue and waits up to {@code timeout} for the reply,
     * calling {@code progress} with the time waited every {@link #PROGRESS_EVERY}. Empty when no reply came.
     */
    Optional<String> request(String queue, String body, Duration timeout, PrintWriter err, Progress progress)
            throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage message = session.createTextMessage(body);
            TemporaryQueue replies = session.createTemporaryQueue();
            message.setJMSReplyTo(replies);
            try (MessageProducer producer = session.createProducer(session.createQueue(queue));
                    MessageConsumer consumer = session.createConsumer(replies)) {
                producer.send(message);
                err.println("sent " + message.getJMSMessageID() + " to " + queue);
                long deadline = System.nanoTime() + timeout.toNanos();
                for (Duration waited = Duration.ZERO; ; waited = waited.plus(PROGRESS_EVERY)) {
                    long left = Math.min(PROGRESS_EVERY.toMillis(), (deadline - System.nanoTime()) / 1_000_000);
                    Message reply = left > 0 ? consumer.receive(left) : null;
                    if (reply != null) {
                        return Optional.of(reply.getBody(String.class));
                    }
                    if (System.nanoTime() - deadline >= 0) {
                        return Optional.empty();
                    }
                    progress.waited(waited.plus(PROGRESS_EVERY));
                }
            }
        }
    }

    /** Told every {@link #PROGRESS_EVERY} while a command waits for the gateway's answer. */
    interface Progress {
        void waited(Duration soFar) throws Exception;
    }

    @Override
    public void close() {
        factory.close();
    }
}
