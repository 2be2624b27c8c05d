package io.pushrelay.intake;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.jms.ConnectionFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.pushrelay.broker.BrokerConfiguration;
import io.pushrelay.broker.ListenerSession;
import io.pushrelay.config.Settings;
import io.pushrelay.database.DatabaseConfiguration;
import io.pushrelay.message.ChannelType;
import io.pushrelay.provider.Provider;
import io.pushrelay.registry.EndpointRegistry;
import io.pushrelay.registry.GroupRegistry;
import io.pushrelay.registry.RegistryDirectory;
import io.pushrelay.reply.ReplyBook;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** The intake's beans (the batching of requests, their intake, the groups' fan-out), over the registry, the replies and every enabled provider bound before them. */
public class IntakeConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        Settings settings = context.getRegistry().findSingleByType(Settings.class);
        DataSource dataSource = context.getRegistry().lookupByNameAndType(DatabaseConfiguration.DATA_SOURCE, DataSource.class);
        Clock clock = Clock.systemUTC();
        Map<ChannelType, Provider> providers = new HashMap<>();
        Map<ChannelType, Integer> batchSizes = new HashMap<>();
        for (Provider provider : context.getRegistry().findByType(Provider.class)) {
            for (ChannelType channel : provider.channels()) {
                batchSizes.put(channel, settings.integer("pushrelay." + provider.name() + ".batch-size"));
                if (settings.bool("pushrelay." + provider.name() + ".enabled")) {
                    providers.put(channel, provider);
                }
            }
        }
        EndpointRegistry endpoints = context.getRegistry().findSingleByType(EndpointRegistry.class);
        GroupRegistry groups = context.getRegistry().findSingleByType(GroupRegistry.class);
        ReplyBook replies = context.getRegistry().findSingleByType(ReplyBook.class);
        ConnectionFactory connections = context.getRegistry().lookupByNameAndType(BrokerConfiguration.CONNECTION_FACTORY,
                ConnectionFactory.class);
        context.getRegistry().bind("requestBatches", new RequestBatches(new ListenerSession(connections),
                settings.get("pushrelay.queue.requests"), settings.integer("pushrelay.intake.batch-size"),
                settings.duration("pushrelay.intake.batch-wait")));
        context.getRegistry().bind("requestIntake", new RequestIntake(new RequestLedger(dataSource, clock), replies,
                new RegistryDirectory(endpoints, groups, clock), providers, batchSizes, clock,
                context.getRegistry().findSingleByType(MeterRegistry.class)));
        context.getRegistry().bind("groupFanOut", new GroupFanOut(groups, replies, providers, batchSizes,
                settings.integer("pushrelay.intake.group-page-size"), clock));
    }
}
