package io.pushrelay.broker;

import java.io.IOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.Queue;

import com.fasterxml.jackson.core.JacksonException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pushrelay.broker.Envelope;
import io.pushrelay.message.RejectedRequest;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.component.jms.JmsBinding;
import org.apache.camel.component.jms.JmsMessage;
import org.apache.camel.support.DefaultMessage;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route configurations every route runs under, and the one error policy of the gateway's JMS consumers.
 *
 * <p>{@value #TRANSACTED} (every JMS consumer): a {@link RejectedRequest} a bean throws is parked and answered with
 * its reason. Of any other failure, only a transient fault (the database or the broker out of reach, a lock or
 * transaction conflict, a timeout) is not handled: the transaction rolls back, nothing the route sent is kept, and the
 * broker redelivers the message later with growing delays; on its last allowed delivery the message is parked. Any
 * other failure (a bug, a message a bean cannot map) would fail the same way on every delivery, so the message is
 * parked at once, on its first delivery, as {@code ProcessingFailed}. Parked means: on {@code push.invalid} as it
 * came (body byte for byte and of its type, the sender's properties) with {@code Reason} and {@code ReasonText}
 * (and {@code RequestId} when known) added, and answered {@code {"Reason", "ReasonText"[, "RequestId"]}} through
 * {@code direct:answer} when it asked for a reply, so it neither blocks the messages behind it nor is lost.
 *
 * <p>{@value #SUB_ROUTE} ({@code direct:} routes called from a consumer): no error handler, so that a failure reaches
 * the calling route's policy and never commits half a transaction. {@value #SCHEDULED} (the Quartz campaign
 * trigger): a failed firing is logged and handled, so that it does not loop. {@value #TAKING} (a consumer that takes
 * other messages off their queue inside its transaction: a replay page and the dead letters it replays, the intake
 * and the batch of requests it takes, each of which its own {@value #TRANSACTED} sub-route parks alone): nothing is
 * parked, every failure rolls back, so the messages it took go back to their queue; the broker redelivers the page
 * and, after its last allowed delivery, keeps it on its dead-letter address. Parking would commit the takes and lose
 * what they took.
 */
public class ErrorPolicy extends RouteConfigurationBuilder {

    public static final String TRANSACTED = "transacted";
    public static final String SUB_ROUTE = "sub-route";
    public static final String SCHEDULED = "scheduled";
    public static final String TAKING = "transacted-taking";

    private static final String DELIVERY_COUNT = "JMSXDeliveryCount";
    private static final Logger LOG = LoggerFactory.getLogger(ErrorPolicy.class);
    /** The exchange property that holds what the message was parked for, until it is answered. */
    private static final String REJECTION = "pushrelay.rejection";
    /** SQLSTATE classes of faults that recur: data exception, syntax or access rule violation, feature not supported. */
    private static final Set<String> LASTING_SQL_STATES = Set.of("22", "42", "0A");

    private final JmsBinding binding = new JmsBinding();
    private MeterRegistry meters;

    @Override
    public void configuration() {
        int maxDeliveries = Integer.parseInt(getContext().resolvePropertyPlaceholders("{{pushrelay.broker.max-delivery-attempts}}"));
        String invalidQueue = getContext().resolvePropertyPlaceholders("{{pushrelay.queue.invalid}}");
        meters = getContext().getRegistry().findSingleByType(MeterRegistry.class);
        // the received message as it came, with its sender's JMSReplyTo and QoS, plus the properties park() added
        String parking = "jms:queue:" + invalidQueue + "?disableReplyTo=false&preserveMessageQos=true&forceSendOriginalMessage=true";

        routeConfiguration(TRANSACTED)
                .onException(RejectedRequest.class)
                    .handled(true)
                    .process(exchange -> rejected(exchange, invalidQueue))
                    .to(parking)
                    .process(ErrorPolicy::answer)
                    .to("direct:answer")
                .end()
                .onException(Exception.class)
                    .onWhen(exchange -> !isTransient(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class))
                            || deliveryCount(exchange) >= maxDeliveries)
                    .handled(true)
                    .process(exchange -> failed(exchange, invalidQueue))
                    .to(parking)
                    .process(ErrorPolicy::answer)
                    .to("direct:answer")
                .end();

        routeConfiguration(TAKING)
                .onException(Exception.class)
                    .handled(false)
                    .log(LoggingLevel.WARN, ErrorPolicy.class.getName(), "Message ${header.JMSMessageID} failed in "
                            + "${routeId} and rolls back; what it took goes back to its queue: ${exception}")
                .end();

        routeConfiguration(SUB_ROUTE).errorHandler(noErrorHandler());

        routeConfiguration(SCHEDULED)
                .onException(Exception.class)
                    .handled(true)
                    .log(LoggingLevel.ERROR, ErrorPolicy.class.getName(),
                            "Campaign ${header.CampaignId} failed to fire; it fires again at its next time: ${exception}")
                .end();
    }

    /** A fault that may pass: worth a broker redelivery. Anything else recurs on every delivery. */
    public static boolean isTransient(Throwable fault) {
        for (Throwable t = fault; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JacksonException || t instanceof RejectedRequest || t instanceof MessageFormatException
                    || t instanceof MessageNotWriteableException) {
                return false;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                return state == null || state.length() < 2 || !LASTING_SQL_STATES.contains(state.substring(0, 2));
            }
            if (t instanceof JMSException || t instanceof org.springframework.jms.JmsException || t instanceof IOException
                    || t instanceof TimeoutException || t instanceof InterruptedException
                    || t instanceof RejectedExecutionException) {
                return true;
            }
        }
        return false;
    }

    /** Read from the received message itself: a route may have cleared the headers it came with. */
    private static int deliveryCount(Exchange exchange) {
        try {
            Message received = Envelope.of(exchange).original();
            return received.propertyExists(DELIVERY_COUNT) ? received.getIntProperty(DELIVERY_COUNT) : 1;
        } catch (JMSException e) {
            return 1;
        }
    }

    private void failed(Exchange exchange, String invalidQueue) throws JMSException {
        Throwable fault = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Message received = Envelope.of(exchange).original();
        int deliveries = deliveryCount(exchange);
        LOG.error("Parking message {} on {} (delivery {}): {}", received.getJMSMessageID(), invalidQueue, deliveries, fault);
        String text = (isTransient(fault) ? "Failed on each of " + deliveries + " deliveries: "
                : "Failed with a fault that would recur on every delivery: ") + fault;
        String requestId = received.propertyExists("RequestId") ? received.getStringProperty("RequestId") : null;
        park(exchange, new RejectedRequest("ProcessingFailed", text, requestId));
    }

    private void rejected(Exchange exchange, String invalidQueue) throws JMSException {
        // the rejection itself, or the cause Camel matched it by
        RejectedRequest rejection = ObjectHelper.getException(RejectedRequest.class,
                exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        LOG.info("Rejected a request to {}: {} ({})", invalidQueue, rejection.reason(), rejection.getMessage());
        park(exchange, rejection);
    }

    /**
     * Makes the exchange the received message itself, with the reason added to its properties (a received message's
     * JMS properties are read-only; its core message takes added ones), for the parking endpoint to send as it is.
     */
    private void park(Exchange exchange, RejectedRequest rejection) throws JMSException {
        Envelope received = Envelope.of(exchange);
        ClientMessage core = ((ActiveMQMessage) received.original()).getCoreMessage();
        core.putStringProperty("Reason", rejection.reason());
        core.putStringProperty("ReasonText", rejection.getMessage());
        if (rejection.requestId() != null) {
            core.putStringProperty("RequestId", rejection.requestId());
        }
        exchange.setMessage(new JmsMessage(exchange, received.original(), null, binding));
        exchange.setProperty(REJECTION, rejection);
        if (meters != null) {
            Counter.builder("pushrelay.requests.rejected").description("Messages parked on push.invalid, by queue and Reason")
                    .tags("queue", received.original().getJMSDestination() instanceof Queue q ? q.getQueueName() : "other", "reason", rejection.reason())
                    .register(meters).increment();
        }
    }

    /** The rejection's answer, a new message with no header of the received one (direct:answer reads the envelope). */
    private static void answer(Exchange exchange) {
        RejectedRequest rejection = exchange.getProperty(REJECTION, RejectedRequest.class);
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("Reason", rejection.reason());
        answer.put("ReasonText", rejection.getMessage());
        if (rejection.requestId() != null) {
            answer.put("RequestId", rejection.requestId());
        }
        exchange.setMessage(new DefaultMessage(exchange));
        exchange.getMessage().setBody(answer);
    }
}
