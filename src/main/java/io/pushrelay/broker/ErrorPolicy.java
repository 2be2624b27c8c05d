package io.pushrelay.broker;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * The one error policy of the gateway's JMS consumers. A failure that is not the provider's (a bug, the database
 * down) is not handled: the transaction rolls back, nothing the route published is kept, and the broker redelivers
 * the message later with growing delays. On its last allowed delivery the message is parked on
 * {@code push.invalid}, unchanged, with {@code Reason=ProcessingFailed}, so it neither blocks the messages behind it
 * nor is lost.
 */
public class ErrorPolicy extends RouteConfigurationBuilder {

    public static final String TRANSACTED = "transacted";

    @Override
    public void configuration() {
        routeConfiguration(TRANSACTED)
                .onException(Exception.class)
                    .onWhen(simple("${header.JMSXDeliveryCount} >= {{pushrelay.broker.max-delivery-attempts}}"))
                    .handled(true)
                    .useOriginalMessage()
                    .log(LoggingLevel.ERROR, "io.pushrelay.broker.ErrorPolicy",
                            "Parking message ${header.JMSMessageID} on {{pushrelay.queue.invalid}} after "
                                    + "${header.JMSXDeliveryCount} failed deliveries: ${exception.message}")
                    .setHeader("Reason", constant("ProcessingFailed"))
                    .setHeader("ReasonText", simple("${exception.message}"))
                    .to("jms:queue:{{pushrelay.queue.invalid}}")
                .end();
    }
}
