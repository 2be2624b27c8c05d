package io.pushrelay.cli;

import java.io.PrintStream;
import java.time.Duration;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;

import io.pushrelay.config.Settings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** How the CLI talks to the gateway: a JSON message on a queue, and with a reply queue, the answer printed. */
final class BrokerClient {

    private BrokerClient() {
    }

    /** Sends {@code body} to {@code queue}; when {@code awaitReply}, prints the reply. Exit code: 0, or 1 without a reply. */
    static int send(Settings settings, String queue, String body, boolean awaitReply, Duration timeout, PrintStream out,
            PrintStream err) throws Exception {
        String user = settings.get("pushrelay.broker.user");
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(settings.get("pushrelay.broker.url"),
                user.isEmpty() ? null : user, user.isEmpty() ? null : settings.get("pushrelay.broker.password"));
        try (factory; Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            TextMessage message = session.createTextMessage(body);
            TemporaryQueue replies = awaitReply ? session.createTemporaryQueue() : null;
            if (replies != null) {
                message.setJMSReplyTo(replies);
            }
            producer.send(message);
            err.println("sent " + message.getJMSMessageID() + " to " + queue);
            if (replies == null) {
                return 0;
            }
            Message reply = session.createConsumer(replies).receive(timeout.toMillis());
            if (reply == null) {
                err.println("no reply within " + timeout.toSeconds() + " s");
                return 1;
            }
            out.println(reply.getBody(String.class));
            return 0;
        }
    }
}
