package io.pushrelay.broker;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;

import com.fasterxml.jackson.core.JacksonException;
import io.pushrelay.message.Envelope;
import io.pushrelay.message.Outbound;
import io.pushrelay.message.RejectedRequest;
import io.pushrelay.message.Replies;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * The one error policy of the gateway's JMS consumers. Only a transient fault (the database or the broker out of
 * reach, a lock or transaction conflict, a timeout) is not handled: the transaction rolls back, nothing the route
 * published is kept, and the broker redelivers the message later with growing delays; on its last allowed delivery
 * the message is parked. Any other failure (a bug, a message a bean cannot map) would fail the same way on every
 * delivery, so the message is parked at once, on its first delivery. Parked means: on {@code push.invalid} as it
 * came (body and the sender's properties) with {@code Reason=ProcessingFailed} and the fault as
 * {@code ReasonText}, answered with the reason when it asked for a reply, so it neither blocks the messages behind
 * it nor is lost.
 */
public class ErrorPolicy extends RouteConfigurationBuilder {

    public static final String TRANSACTED = "transacted";

    /** SQLSTATE classes of faults that recur: data exception, syntax or access rule violation, feature not supported. */
    private static final Set<String> LASTING_SQL_STATES = Set.of("22", "42", "0A");

    @Override
    public void configuration() {
        int maxDeliveries = Integer.parseInt(getContext().resolvePropertyPlaceholders("{{pushrelay.broker.max-delivery-attempts}}"));
        String invalidQueue = getContext().resolvePropertyPlaceholders("{{pushrelay.queue.invalid}}");
        routeConfiguration(TRANSACTED)
                .onException(Exception.class)
                    .onWhen(exchange -> !isTransient(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class))
                            || deliveryCount(exchange) >= maxDeliveries)
                    .handled(true)
                    .log(LoggingLevel.ERROR, "io.pushrelay.broker.ErrorPolicy",
                            "Parking message ${header.JMSMessageID} on " + invalidQueue + " (delivery "
                                    + "${header.JMSXDeliveryCount}): ${exception}")
                    .process(exchange -> exchange.getMessage().setBody(parked(exchange, invalidQueue)))
                    .to("direct:publish")
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

    private static int deliveryCount(Exchange exchange) {
        Integer count = exchange.getIn().getHeader("JMSXDeliveryCount", Integer.class);
        return count == null ? 1 : count;
    }

    private static List<Outbound> parked(Exchange exchange, String invalidQueue) throws JMSException {
        Throwable fault = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String text = (isTransient(fault) ? "Failed on each of " + deliveryCount(exchange) + " deliveries: "
                : "Failed with a fault that would recur on every delivery: ") + fault;
        return Replies.rejected(invalidQueue, Envelope.of(exchange), new RejectedRequest("ProcessingFailed", text),
                exchange.getIn().getHeader("RequestId", String.class));
    }
}
