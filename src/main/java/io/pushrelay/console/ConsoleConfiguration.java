package io.pushrelay.console;

import java.time.Clock;

import javax.sql.DataSource;

import jakarta.jms.ConnectionFactory;

import io.pushrelay.broker.BrokerConfiguration;
import io.pushrelay.broker.MessageBrowsing;
import io.pushrelay.config.Settings;
import io.pushrelay.database.DatabaseConfiguration;
import io.pushrelay.observability.GatewayStatus;
import io.pushrelay.registry.EndpointRegistry;
import io.pushrelay.registry.GroupRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's beans (routes/console.camel.yaml): its login, its page, and the views it reads. On the embedded
 * default (embedded broker, H2) with no {@code pushrelay.console.password}, a password is made for this run and
 * printed once; elsewhere a console without a password lets nobody in.
 */
public class ConsoleConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger("pushrelay");

    @Override
    public void configure(CamelContext context) {
        Settings settings = context.getRegistry().findSingleByType(Settings.class);
        var registry = context.getRegistry();
        registry.bind("consoleLogin", new ConsoleLogin(settings.get(ConsoleSettings.USER), password(settings), Clock.systemUTC()));
        registry.bind("consoleAssets", new ConsoleAssets());
        MessageBrowsing queues = new MessageBrowsing(registry.lookupByNameAndType(BrokerConfiguration.CONNECTION_FACTORY,
                ConnectionFactory.class));
        registry.bind("consoleDeadLetters", new ConsoleDeadLetters(queues, settings.queue("dead-letters")));
        registry.bind("consoleOutcomes", new ConsoleOutcomes(
                registry.lookupByNameAndType(DatabaseConfiguration.DATA_SOURCE, DataSource.class), queues,
                settings.queue("results"), settings.queue("dead-letters")));
        registry.bind("consoleCampaigns", new ConsoleCampaigns());
        registry.bind("consoleOverview", new ConsoleOverview(registry.lookupByNameAndType(GatewayStatus.BEAN,
                GatewayStatus.class), Clock.systemUTC()));
        registry.bind("consoleRegistry", new ConsoleRegistry(registry.findSingleByType(EndpointRegistry.class),
                registry.findSingleByType(GroupRegistry.class)));
    }

    private static String password(Settings settings) {
        String password = settings.get(ConsoleSettings.PASSWORD);
        int port = settings.integer("pushrelay.http.port");
        if (!password.isEmpty() || port == 0) {
            return password;
        }
        if (embeddedDefault(settings)) {
            String generated = ConsoleLogin.generatedPassword();
            LOG.warn("Console at http://127.0.0.1:{}/console: user {}, password {} (made for this run; set "
                    + "pushrelay.console.password to choose one)", port, settings.get(ConsoleSettings.USER), generated);
            return generated;
        }
        LOG.warn("Console at http://127.0.0.1:{}/console lets nobody in: set pushrelay.console.password", port);
        return password;
    }

    /** The embedded default: the embedded broker and the H2 file, nothing shared with another machine. */
    static boolean embeddedDefault(Settings settings) {
        return settings.bool("pushrelay.broker.embedded") && settings.isH2();
    }
}
