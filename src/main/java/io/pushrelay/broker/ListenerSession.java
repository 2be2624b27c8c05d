package io.pushrelay.broker;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

import org.springframework.jms.connection.ConnectionFactoryUtils;
import org.springframework.jms.core.JmsTemplate;

/**
 * JMS work done through the locally transacted session of the route that consumed the message being processed
 * (Spring's {@link JmsTemplate} on the listener's connection factory joins it): what it takes off a queue is
 * committed or rolled back with that message. It refuses to run outside such a transaction, where what it took would
 * leave before the work that depends on it is safe. No session of its own is ever opened.
 */
public final class ListenerSession {

    /** Work on the listener's session. */
    @FunctionalInterface
    public interface Work<T> {
        T on(Session session) throws JMSException;
    }

    private final ConnectionFactory connections;
    private final JmsTemplate jms;

    public ListenerSession(ConnectionFactory connections) {
        this.connections = connections;
        this.jms = new JmsTemplate(connections);
    }

    /** Runs {@code work} on the current route's session; {@code what} names it in the refusal. */
    public <T> T execute(String what, Work<T> work) {
        return jms.execute(session -> {
            if (!ConnectionFactoryUtils.isSessionTransactional(session, connections)) {
                throw new IllegalStateException(what + " runs only inside the transaction of the route that consumed its message");
            }
            return work.on(session);
        }, true);
    }
}
