package io.pushrelay.deadletter;

import java.time.Clock;

import javax.sql.DataSource;

import jakarta.jms.ConnectionFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.pushrelay.broker.BrokerConfiguration;
import io.pushrelay.config.Settings;
import io.pushrelay.database.DatabaseConfiguration;
import io.pushrelay.registry.EndpointRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** The replay of dead letters, over the broker's connection factory, the registry and the database. */
public class DeadLetterConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        Settings settings = context.getRegistry().findSingleByType(Settings.class);
        context.getRegistry().bind("deadLetterReplay", new DeadLetterReplay(
                context.getRegistry().lookupByNameAndType(BrokerConfiguration.CONNECTION_FACTORY, ConnectionFactory.class),
                settings.queue("dead-letters"), context.getRegistry().findSingleByType(EndpointRegistry.class),
                context.getRegistry().lookupByNameAndType(DatabaseConfiguration.DATA_SOURCE, DataSource.class),
                Clock.systemUTC(), context.getRegistry().findSingleByType(MeterRegistry.class)));
    }
}
