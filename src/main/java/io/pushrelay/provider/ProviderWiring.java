package io.pushrelay.provider;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

import javax.sql.DataSource;

import io.pushrelay.auth.TokenFetcher;
import io.pushrelay.auth.TokenRefreshProcessor;
import io.pushrelay.auth.TokenUnavailableException;
import io.pushrelay.config.Settings;
import io.pushrelay.database.DatabaseConfiguration;
import io.pushrelay.http.CamelHttpTransport;
import io.pushrelay.http.HttpTransport;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.builder.ThreadPoolProfileBuilder;

/**
 * Binds what a provider's delivery route uses: {@code <provider>Provider}, {@code <provider>Guard} (rate limit and
 * circuit breaker) and {@code <provider>Delivery} (which holds the provider's token refresher), each with the
 * provider's own HTTP pool and threads.
 */
public final class ProviderWiring {

    /** Refresh a token this long before it expires. */
    static final Duration REFRESH_SKEW = Duration.ofSeconds(60);
    /** After a failed refresh, callers fail fast for this long instead of asking the token endpoint again. */
    static final Duration REFRESH_FAILURE_BACKOFF = Duration.ofSeconds(1);

    static final String LEDGER = "deliveryLedger";

    private ProviderWiring() {
    }

    public static void bind(CamelContext context, Settings settings, Provider provider, String baseUrl,
            Function<HttpTransport, TokenFetcher> tokenFetcher) throws Exception {
        String name = provider.name();
        Clock clock = Clock.systemUTC();
        int connections = settings.integer("pushrelay." + name + ".max-connections");
        HttpTransport http = new CamelHttpTransport(context, name, baseUrl, connections,
                settings.duration("pushrelay.provider.connect-timeout"), settings.duration("pushrelay.provider.request-timeout"));
        TokenFetcher fetcher = settings.bool("pushrelay." + name + ".enabled") ? tokenFetcher.apply(http) : () -> {
            throw new TokenUnavailableException(name + " is switched off");
        };
        TokenRefreshProcessor tokens = new TokenRefreshProcessor(name, fetcher, REFRESH_SKEW, REFRESH_FAILURE_BACKOFF, clock);
        RetryPolicy retry = new RetryPolicy(Integer.parseInt(settings.perProvider(name, "retry.max-attempts")),
                Settings.parseDuration(settings.perProvider(name, "retry.initial-delay")),
                Settings.parseDuration(settings.perProvider(name, "retry.max-delay")));
        ThreadPoolProfile profile = new ThreadPoolProfileBuilder("pushrelay-" + name + "-http")
                .poolSize(connections).maxPoolSize(connections).maxQueueSize(-1).build();
        ExecutorService executor = context.getExecutorServiceManager().newThreadPool(provider, "pushrelay-" + name + "-http", profile);
        Duration openFor = settings.duration("pushrelay." + name + ".circuit.open-duration");
        ProviderGuard guard = new ProviderGuard(settings.integer("pushrelay." + name + ".rate-limit"),
                settings.integer("pushrelay." + name + ".circuit.failure-threshold"), openFor, openFor.multipliedBy(10));
        BatchDelivery delivery = new BatchDelivery(provider, http, tokens, retry, guard, ledger(context), executor, clock,
                BatchDelivery.InFlightAtCrash.of(settings.get("pushrelay.delivery.in-flight-at-crash")));
        context.getRegistry().bind(name + "Provider", Provider.class, provider);
        context.getRegistry().bind(name + "Delivery", BatchDelivery.class, delivery);
        context.getRegistry().bind(name + "Guard", ProviderGuard.class, guard);
    }

    /** One delivery ledger for every provider, so that their outcomes share group commits. */
    private static DeliveryLedger ledger(CamelContext context) throws Exception {
        DeliveryLedger ledger = context.getRegistry().lookupByNameAndType(LEDGER, DeliveryLedger.class);
        if (ledger == null) {
            ledger = new DeliveryLedger(context.getRegistry().lookupByNameAndType(DatabaseConfiguration.DATA_SOURCE, DataSource.class));
            context.getRegistry().bind(LEDGER, DeliveryLedger.class, ledger);
            context.addService(ledger, true, true);
        }
        return ledger;
    }
}
