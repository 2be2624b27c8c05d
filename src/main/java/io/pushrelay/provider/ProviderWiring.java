package io.pushrelay.provider;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.pushrelay.auth.TokenFetcher;
import io.pushrelay.auth.TokenRefreshProcessor;
import io.pushrelay.auth.TokenUnavailableException;
import io.pushrelay.config.Settings;
import io.pushrelay.database.DatabaseConfiguration;
import io.pushrelay.http.CamelHttpTransport;
import io.pushrelay.http.HttpTransport;
import io.pushrelay.http.ProviderHttp;
import io.pushrelay.http.ProviderTrust;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;

/**
 * Binds what a provider's delivery route uses: {@code <provider>Provider}, {@code <provider>Guard} (rate limit and
 * circuit breaker), {@code <provider>Tokens} (its token refresher) and {@code <provider>Delivery}, each with the
 * provider's own HTTP client (HTTP/1.1 or HTTP/2, as the provider speaks it) on the threads all providers share.
 */
public final class ProviderWiring {

    /** Refresh a token this long before it expires. */
    static final Duration REFRESH_SKEW = Duration.ofSeconds(60);
    /** After a failed refresh, callers fail fast for this long instead of asking the token endpoint again. */
    static final Duration REFRESH_FAILURE_BACKOFF = Duration.ofSeconds(1);

    static final String LEDGER = "deliveryLedger";
    static final String HTTP = "providerHttp";

    private ProviderWiring() {
    }

    public static void bind(CamelContext context, Settings settings, Provider provider,
            Function<HttpTransport, TokenFetcher> tokenFetcher) throws Exception {
        String name = provider.name();
        Clock clock = Clock.systemUTC();
        int connections = settings.integer("pushrelay." + name + ".max-connections");
        Duration connectTimeout = settings.duration("pushrelay.provider.connect-timeout");
        Duration requestTimeout = settings.duration("pushrelay.provider.request-timeout");
        ProviderTrust trust = ProviderTrust.of(settings.get("pushrelay.provider.trust-store"),
                settings.get("pushrelay.provider.trust-store-password"));
        HttpTransport http = settings.bool("pushrelay.provider.non-blocking") || provider.http2Only()
                ? shared(context, HTTP, ProviderHttp.class, () -> new ProviderHttp(trust)).transport(provider.protocol(),
                        connections, connectTimeout, requestTimeout)
                // the per-call URL is given with each call: the endpoint's own is a placeholder
                : new CamelHttpTransport(context, name, "http://" + name, connections, connectTimeout, requestTimeout, trust);
        TokenFetcher fetcher = settings.bool("pushrelay." + name + ".enabled") ? tokenFetcher.apply(http) : () -> {
            throw new TokenUnavailableException(name + " is switched off");
        };
        TokenRefreshProcessor tokens = new TokenRefreshProcessor(name, fetcher, REFRESH_SKEW, REFRESH_FAILURE_BACKOFF, clock);
        RetryPolicy retry = new RetryPolicy(Integer.parseInt(settings.perProvider(name, "retry.max-attempts")),
                Settings.parseDuration(settings.perProvider(name, "retry.initial-delay")),
                Settings.parseDuration(settings.perProvider(name, "retry.max-delay")));
        Duration openFor = settings.duration("pushrelay." + name + ".circuit.open-duration");
        ProviderGuard guard = new ProviderGuard(settings.integer("pushrelay." + name + ".rate-limit"),
                settings.integer("pushrelay." + name + ".circuit.failure-threshold"), openFor, openFor.multipliedBy(10));
        DeliveryLedger ledger = shared(context, LEDGER, DeliveryLedger.class, () -> new DeliveryLedger(
                context.getRegistry().lookupByNameAndType(DatabaseConfiguration.DATA_SOURCE, DataSource.class)));
        BatchDelivery delivery = new BatchDelivery(provider, http, tokens, retry, guard, ledger, clock,
                BatchDelivery.InFlightAtCrash.of(settings.get("pushrelay.delivery.in-flight-at-crash")));
        context.getRegistry().bind(name + "Provider", Provider.class, provider);
        context.getRegistry().bind(name + "Delivery", BatchDelivery.class, delivery);
        context.getRegistry().bind(name + "Guard", ProviderGuard.class, guard);
        context.getRegistry().bind(name + "Tokens", TokenRefreshProcessor.class, tokens);
    }

    /**
     * One of these for every provider, bound and started with the first: one delivery ledger, so that their outcomes
     * share group commits; one set of HTTP threads.
     */
    private static <T extends Service> T shared(CamelContext context, String name, Class<T> type, Supplier<T> create)
            throws Exception {
        T service = context.getRegistry().lookupByNameAndType(name, type);
        if (service == null) {
            service = create.get();
            context.getRegistry().bind(name, type, service);
            context.addService(service, true, true);
        }
        return service;
    }
}
