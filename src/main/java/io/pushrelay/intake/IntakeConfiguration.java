package io.pushrelay.intake;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.jms.ConnectionFactory;

import io.pushrelay.broker.BrokerConfiguration;
import io.pushrelay.config.Settings;
import io.pushrelay.database.DatabaseConfiguration;
import io.pushrelay.deadletter.DeadLetterReplay;
import io.pushrelay.message.ChannelType;
import io.pushrelay.message.Publications;
import io.pushrelay.message.Queues;
import io.pushrelay.provider.Provider;
import io.pushrelay.registry.EndpointOperations;
import io.pushrelay.registry.EndpointRegistry;
import io.pushrelay.registry.FeedbackApplier;
import io.pushrelay.registry.GroupOperations;
import io.pushrelay.registry.GroupRegistry;
import io.pushrelay.registry.RegistryDirectory;
import io.pushrelay.reply.ReplyBook;
import io.pushrelay.reply.ReplyTracker;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** The intake, registry and reply stages, over the database and every enabled provider bound before them. */
public class IntakeConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        Settings settings = context.getRegistry().findSingleByType(Settings.class);
        DataSource dataSource = context.getRegistry().lookupByNameAndType(DatabaseConfiguration.DATA_SOURCE, DataSource.class);
        Clock clock = Clock.systemUTC();
        Map<ChannelType, Provider> providers = new HashMap<>();
        Map<ChannelType, Integer> batchSizes = new HashMap<>();
        for (Provider provider : context.getRegistry().findByType(Provider.class)) {
            String name = provider.channel().provider();
            batchSizes.put(provider.channel(), settings.integer("pushrelay." + name + ".batch-size"));
            if (settings.bool("pushrelay." + name + ".enabled")) {
                providers.put(provider.channel(), provider);
            }
        }
        EndpointRegistry endpoints = new EndpointRegistry(dataSource, clock);
        GroupRegistry groups = new GroupRegistry(dataSource);
        ReplyBook replies = new ReplyBook(dataSource, clock);
        Publications publications = new Publications(Queues.from(settings));
        context.getRegistry().bind("endpointRegistry", endpoints);
        context.getRegistry().bind("groupRegistry", groups);
        context.getRegistry().bind("requestIntake", new RequestIntake(new RequestLedger(dataSource, clock), replies,
                new RegistryDirectory(endpoints, groups, clock), providers, batchSizes, publications, clock));
        context.getRegistry().bind("replyTracker", new ReplyTracker(replies));
        context.getRegistry().bind("groupFanOut", new GroupFanOut(groups, replies, providers, batchSizes, publications,
                settings.integer("pushrelay.intake.group-page-size"), clock));
        context.getRegistry().bind("endpointOperations", new EndpointOperations(endpoints, settings.queue("invalid")));
        context.getRegistry().bind("groupOperations", new GroupOperations(groups, endpoints, settings.queue("invalid")));
        context.getRegistry().bind("feedbackApplier", new FeedbackApplier(dataSource, clock));
        context.getRegistry().bind("deadLetterReplay", new DeadLetterReplay(context.getRegistry().lookupByNameAndType(
                BrokerConfiguration.CONNECTION_FACTORY, ConnectionFactory.class), endpoints, dataSource,
                Queues.from(settings), clock));
    }
}
