package io.pushrelay.observability;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The depth of every {@code push.*} queue, read from the broker through Artemis management (one {@code listQueues}
 * request on {@code activemq.management}), so that an external broker is read as the embedded one is. Read every
 * sample interval; between reads, the last read is served. An external broker's user needs the {@code manage}
 * permission on {@code activemq.management}.
 */
final class QueueDepths {

    static final String MANAGEMENT_ADDRESS = "activemq.management";
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(5);
    private static final String FILTER = "{\"field\":\"name\",\"operation\":\"CONTAINS\",\"value\":\"push.\","
            + "\"sortField\":\"name\",\"sortOrder\":\"asc\"}";
    private static final Logger LOG = LoggerFactory.getLogger(QueueDepths.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectionFactory factory;
    private volatile Map<String, Long> depths = Map.of();
    private boolean failing;

    QueueDepths(ConnectionFactory factory) {
        this.factory = factory;
    }

    /** Messages on {@code queue} as last read (scheduled and in-delivery ones included), or -1 when unknown. */
    long depth(String queue) {
        return depths.getOrDefault(queue, -1L);
    }

    /** Every push.* queue with its depth as last read, by name. */
    Map<String, Long> all() {
        return depths;
    }

    /** Reads the depths from the broker; keeps the last read when the broker does not answer. */
    void read() {
        try {
            depths = query();
            if (failing) {
                LOG.info("Queue depths are read from the broker again");
                failing = false;
            }
        } catch (Exception e) {
            if (!failing) {
                LOG.warn("Could not read queue depths from the broker's management ({}): {}", MANAGEMENT_ADDRESS, e.toString());
                failing = true;
            }
        }
    }

    private Map<String, Long> query() throws Exception {
        // the pooled connection deletes the temporary queue as it is given back
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue answers = session.createTemporaryQueue();
            try (MessageProducer producer = session.createProducer(session.createQueue(MANAGEMENT_ADDRESS));
                    MessageConsumer consumer = session.createConsumer(answers)) {
                Message request = session.createMessage();
                JMSManagementHelper.putOperationInvocation(request, ResourceNames.BROKER, "listQueues", FILTER, 1, 10_000);
                request.setJMSReplyTo(answers);
                producer.send(request);
                Message answer = consumer.receive(ANSWER_WAIT.toMillis());
                if (answer == null) {
                    throw new IllegalStateException("no answer in " + ANSWER_WAIT.toSeconds() + " s");
                }
                if (!JMSManagementHelper.hasOperationSucceeded(answer)) {
                    throw new IllegalStateException(String.valueOf(JMSManagementHelper.getResult(answer)));
                }
                Map<String, Long> read = new TreeMap<>();
                for (JsonNode queue : JSON.readTree(String.valueOf(JMSManagementHelper.getResult(answer))).path("data")) {
                    String name = queue.path("name").asText();
                    if (name.startsWith("push.")) {
                        read.put(name, queue.path("messageCount").asLong());
                    }
                }
                return Collections.unmodifiableMap(read);
            }
        }
    }
}
