package io.pushrelay.observability;

import java.sql.Connection;

import javax.sql.DataSource;

import jakarta.jms.ConnectionFactory;

import io.pushrelay.broker.BrokerConfiguration;
import io.pushrelay.broker.EmbeddedBroker;
import io.pushrelay.config.Settings;
import io.pushrelay.database.DatabaseConfiguration;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;

/** Health checks for the broker and the database, next to Camel's own checks of the routes and consumers. */
public class ObservabilityConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = context.getRegistry().findSingleByType(Settings.class);
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        EmbeddedBroker broker = context.getRegistry().findSingleByType(EmbeddedBroker.class);
        ConnectionFactory factory = context.getRegistry().lookupByNameAndType(BrokerConfiguration.CONNECTION_FACTORY,
                ConnectionFactory.class);
        registry.register(new ResourceHealthCheck("broker", "Artemis at " + settings.get("pushrelay.broker.url"), () -> {
            if (broker != null && !broker.isActive()) {
                return false;
            }
            try (jakarta.jms.Connection connection = factory.createConnection()) {
                connection.start();
                return true;
            }
        }));
        DataSource dataSource = context.getRegistry().lookupByNameAndType(DatabaseConfiguration.DATA_SOURCE, DataSource.class);
        registry.register(new ResourceHealthCheck("database", settings.get("pushrelay.db.url"), () -> {
            try (Connection connection = dataSource.getConnection()) {
                return connection.isValid(2);
            }
        }));
    }
}
