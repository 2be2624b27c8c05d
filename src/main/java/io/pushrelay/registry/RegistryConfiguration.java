package io.pushrelay.registry;

import java.time.Clock;

import javax.sql.DataSource;

import io.pushrelay.database.DatabaseConfiguration;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** The registry's beans: endpoints and groups over the database, their operations, and the providers' feedback. */
public class RegistryConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        DataSource dataSource = context.getRegistry().lookupByNameAndType(DatabaseConfiguration.DATA_SOURCE, DataSource.class);
        Clock clock = Clock.systemUTC();
        EndpointRegistry endpoints = new EndpointRegistry(dataSource, clock);
        GroupRegistry groups = new GroupRegistry(dataSource);
        context.getRegistry().bind("endpointRegistry", endpoints);
        context.getRegistry().bind("groupRegistry", groups);
        context.getRegistry().bind("endpointOperations", new EndpointOperations(endpoints));
        context.getRegistry().bind("groupOperations", new GroupOperations(groups, endpoints));
        context.getRegistry().bind("feedbackApplier", new FeedbackApplier(dataSource, clock));
    }
}
