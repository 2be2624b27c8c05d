package io.pushrelay.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;

import io.pushrelay.broker.Envelope;
import io.pushrelay.broker.ListenerSession;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.camel.Body;

/**
 * Makes the intake a batching consumer. The request the route received comes with up to {@code batchSize - 1} more
 * taken off the same queue through the route's own session ({@link ListenerSession}), so that the batch is
 * committed, or rolled back, as one transaction: one journal sync and one ledger commit for many small requests.
 * The batch closes when it is full, or when no request has come within {@code wait} after its first one.
 * <p>
 * A request that comes back after its batch rolled back is taken alone, and a batch ends at the first redelivered
 * request it takes, so that a request that keeps failing is retried apart from the others and parked on its own.
 */
public final class RequestBatches {

    private static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    private final ListenerSession listener;
    private final Queue requests;
    private final int batchSize;
    private final long waitMillis;

    public RequestBatches(ListenerSession listener, String requestsQueue, int batchSize, Duration wait) {
        this.listener = listener;
        this.requests = ActiveMQJMSClient.createQueue(requestsQueue);
        this.batchSize = batchSize;
        this.waitMillis = wait.toMillis();
    }

    /** The received request and the ones taken with it, in the order they came. */
    public List<Envelope> take(@Body Envelope first) throws JMSException {
        if (batchSize == 1 || redelivered(first.original())) {
            return List.of(first);
        }
        return listener.execute("A batch of requests", session -> {
            List<Envelope> batch = new ArrayList<>(batchSize);
            batch.add(first);
            long closesAt = System.currentTimeMillis() + waitMillis;
            try (MessageConsumer consumer = session.createConsumer(requests)) {
                while (batch.size() < batchSize) {
                    long left = closesAt - System.currentTimeMillis();
                    Message next = left > 0 ? consumer.receive(left) : consumer.receiveNoWait();
                    if (next == null) {
                        break;
                    }
                    batch.add(Envelope.of(next));
                    if (redelivered(next)) {
                        break;
                    }
                }
            }
            return batch;
        });
    }

    private static boolean redelivered(Message message) throws JMSException {
        return message.propertyExists(DELIVERY_COUNT) && message.getIntProperty(DELIVERY_COUNT) > 1;
    }
}
