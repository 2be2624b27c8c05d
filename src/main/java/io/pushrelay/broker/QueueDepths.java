package io.pushrelay.broker;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;

import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;

/**
 * How many messages each queue of the broker holds, asked of Artemis's management address over an ordinary JMS
 * connection (request-reply on {@code activemq.management}): an embedded broker and an external one answer the same.
 */
public final class QueueDepths {

    private static final String MANAGEMENT_ADDRESS = "activemq.management";

    private final ConnectionFactory factory;
    private final Duration timeout;

    public QueueDepths(ConnectionFactory factory, Duration timeout) {
        this.factory = factory;
        this.timeout = timeout;
    }

    /** Every queue whose name starts with {@code prefix}, by name, with its message count. */
    public Map<String, Long> of(String prefix) throws Exception {
        Map<String, Long> depths = new TreeMap<>();
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Object[] names = (Object[]) attribute(session, ResourceNames.BROKER, "queueNames");
            for (String name : Arrays.stream(names).map(String::valueOf).filter(n -> n.startsWith(prefix)).toList()) {
                depths.put(name, ((Number) attribute(session, ResourceNames.QUEUE + name, "messageCount")).longValue());
            }
        }
        return depths;
    }

    private Object attribute(Session session, String resource, String attribute) throws Exception {
        TemporaryQueue replies = session.createTemporaryQueue();
        try (MessageProducer producer = session.createProducer(ActiveMQJMSClient.createQueue(MANAGEMENT_ADDRESS));
                MessageConsumer consumer = session.createConsumer(replies)) {
            Message request = session.createMessage();
            JMSManagementHelper.putAttribute(request, resource, attribute);
            request.setJMSReplyTo(replies);
            producer.send(request);
            Message reply = consumer.receive(timeout.toMillis());
            if (reply == null) {
                throw new JMSException("the broker's management did not answer within " + timeout.toSeconds() + " s");
            }
            if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
                throw new JMSException("the broker's management refused " + resource + "." + attribute + ": "
                        + JMSManagementHelper.getResult(reply));
            }
            return JMSManagementHelper.getResult(reply);
        } finally {
            replies.delete();
        }
    }
}
