package io.pushrelay.broker;

import jakarta.jms.Destination;
import jakarta.jms.Session;

import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.springframework.jms.support.destination.DestinationResolver;

/**
 * Resolves a queue name without asking the broker: {@code Session.createQueue} of the Artemis client makes a
 * synchronous queue query per call, and the gateway sends one message per target result. The broker still checks
 * the address on the producer's first send to it.
 */
public final class QueueNames implements DestinationResolver {

    @Override
    public Destination resolveDestinationName(Session session, String name, boolean pubSubDomain) {
        return pubSubDomain ? ActiveMQJMSClient.createTopic(name) : ActiveMQJMSClient.createQueue(name);
    }
}
