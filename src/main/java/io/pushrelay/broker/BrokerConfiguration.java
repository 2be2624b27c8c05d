package io.pushrelay.broker;

import java.nio.file.Path;

import jakarta.jms.ConnectionFactory;

import io.pushrelay.config.Settings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.support.service.ServiceSupport;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;

/**
 * Starts the embedded broker (unless {@code pushrelay.broker.embedded=false}) and binds the one pooled JMS
 * connection factory that every consumer and producer of the gateway shares, so that sends made inside a
 * transacted route join the consumer's local transaction.
 */
public class BrokerConfiguration implements CamelConfiguration {

    public static final String CONNECTION_FACTORY = "jmsConnectionFactory";

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = context.getRegistry().findSingleByType(Settings.class);
        boolean embedded = settings.bool("pushrelay.broker.embedded");
        if (embedded) {
            Path dir = settings.path("pushrelay.data.dir").resolve("broker");
            EmbeddedBroker broker = new EmbeddedBroker(settings.get("pushrelay.broker.url"),
                    settings.get("pushrelay.broker.protocols"), dir, redelivery(settings), BrokerAddresses.of(settings));
            context.getRegistry().bind("embeddedBroker", broker);
            context.addService(broker, true, true);
        }
        JmsPoolConnectionFactory pool = pooled(clientUrl(settings, embedded),
                settings.get("pushrelay.broker.user"), settings.get("pushrelay.broker.password"));
        context.getRegistry().bind(CONNECTION_FACTORY, ConnectionFactory.class, pool);
        // added after the broker, so stopped before it: connections close while the broker still answers
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                pool.stop();
            }
        }, true, true);
    }

    public static EmbeddedBroker.Redelivery redelivery(Settings settings) {
        return new EmbeddedBroker.Redelivery(settings.integer("pushrelay.broker.max-delivery-attempts"),
                settings.duration("pushrelay.broker.redelivery-delay").toMillis(),
                settings.duration("pushrelay.broker.max-redelivery-delay").toMillis());
    }

    /** The gateway talks to its own embedded broker in-VM; to an external one over the configured URL. */
    static String clientUrl(Settings settings, boolean embedded) {
        if (embedded) {
            return EmbeddedBroker.IN_VM_URL;
        }
        String url = settings.get("pushrelay.broker.url");
        return url + (url.contains("?") ? "&" : "?") + "reconnectAttempts=-1&retryInterval=1000&retryIntervalMultiplier=2&maxRetryInterval=30000";
    }

    /** A pooled factory; the CLI uses the same one to reach the broker. */
    public static JmsPoolConnectionFactory pooled(String url, String user, String password) {
        String withWindow = url + (url.contains("?") ? "&" : "?") + "consumerWindowSize=0";
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(withWindow);
        if (!user.isEmpty()) {
            factory.setUser(user);
            factory.setPassword(password);
        }
        JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(factory);
        pool.setMaxConnections(8);
        pool.setMaxSessionsPerConnection(500);
        return pool;
    }
}
