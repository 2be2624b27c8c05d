package io.pushrelay.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;

import io.pushrelay.broker.BrokerConfiguration;
import io.pushrelay.config.Settings;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Put a JSON file on a queue of the broker at pushrelay.broker.url: a send request on the requests "
                + "queue, or an operation on endpoints, groups, campaigns or replay.")
class SendCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "the request as JSON (see examples/)")
    Path file;

    @Option(names = "--wait", description = "wait for the reply and print it")
    boolean await;

    @Option(names = "--queue", defaultValue = "requests", paramLabel = "QUEUE",
            description = "requests (default), endpoints, groups, campaigns or replay")
    String queue;

    @Option(names = "--timeout", defaultValue = "60", description = "seconds to wait for the reply (default ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        Settings settings = Settings.load(Map.of());
        if (!java.util.List.of("requests", "endpoints", "groups", "campaigns", "replay").contains(queue)) {
            System.err.println("pushrelay: --queue must be requests, endpoints, groups, campaigns or replay, not " + queue);
            return 2;
        }
        String body = Files.readString(file, StandardCharsets.UTF_8);
        JmsPoolConnectionFactory factory = BrokerConfiguration.pooled(settings.get("pushrelay.broker.url"),
                settings.get("pushrelay.broker.user"), settings.get("pushrelay.broker.password"));
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            String target = settings.queue(queue);
            MessageProducer producer = session.createProducer(session.createQueue(target));
            TextMessage message = session.createTextMessage(body);
            TemporaryQueue replies = await ? session.createTemporaryQueue() : null;
            if (replies != null) {
                message.setJMSReplyTo(replies);
            }
            producer.send(message);
            System.out.println("sent " + file + " as " + message.getJMSMessageID() + " to " + target);
            if (replies == null) {
                return 0;
            }
            return printReply(session.createConsumer(replies), Duration.ofSeconds(timeoutSeconds));
        } finally {
            factory.stop();
        }
    }

    private static int printReply(MessageConsumer consumer, Duration timeout) throws JMSException {
        Message reply = consumer.receive(timeout.toMillis());
        if (reply == null) {
            System.err.println("no reply within " + timeout.toSeconds() + " s");
            return 1;
        }
        System.out.println(reply instanceof TextMessage text ? text.getText() : reply.getBody(String.class));
        return 0;
    }
}
