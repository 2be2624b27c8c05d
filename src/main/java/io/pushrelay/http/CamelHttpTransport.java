package io.pushrelay.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/**
 * HTTP/1.1 through camel-http with a connection pool of its own (keep-alive, bounded, with timeouts), so one
 * provider's slow or failing calls never take connections from another's; each call holds one of the provider's
 * threads (as many as its connections) while it is out: the transport of {@code pushrelay.provider.non-blocking=false},
 * the default being {@link ProviderHttp}. The URL of each call goes in {@code CamelHttpUri}.
 */
public final class CamelHttpTransport implements HttpTransport {

    private final ProducerTemplate template;
    private final Endpoint endpoint;
    private final ExecutorService threads;

    public CamelHttpTransport(CamelContext context, String name, String baseUrl, int maxConnections,
            Duration connectTimeout, Duration responseTimeout, ProviderTrust trust) throws Exception {
        HttpComponent component = new HttpComponent();
        if (trust.factory() != null) {
            TrustManagersParameters trusted = new TrustManagersParameters();
            trusted.setTrustManager(trust.factory().getTrustManagers()[0]);
            SSLContextParameters ssl = new SSLContextParameters();
            ssl.setTrustManagers(trusted);
            component.setSslContextParameters(ssl);
        }
        component.setCamelContext(context);
        component.setMaxTotalConnections(maxConnections);
        component.setConnectionsPerRoute(maxConnections);
        component.setConnectTimeout((int) connectTimeout.toMillis());
        component.setConnectionRequestTimeout((int) responseTimeout.toMillis());
        component.setResponseTimeout((int) responseTimeout.toMillis());
        component.setSoTimeout((int) responseTimeout.toMillis());
        // HttpClient would otherwise re-send a 429/503 by itself after a second: retries are the gateway's, on the broker
        component.setAutomaticRetriesDisabled(true);
        component.setRedirectHandlingDisabled(true);
        context.addService(component, true, true);
        this.endpoint = component.createEndpoint(baseUrl + (baseUrl.contains("?") ? "&" : "?")
                + "throwExceptionOnFailure=false&skipResponseHeaders=false&httpMethod=POST");
        context.addService(endpoint, true, true);
        this.template = context.createProducerTemplate();
        context.addService(template, true, true);
        ThreadPoolProfile profile = new ThreadPoolProfileBuilder("pushrelay-" + name + "-http")
                .poolSize(maxConnections).maxPoolSize(maxConnections).maxQueueSize(-1).build();
        this.threads = context.getExecutorServiceManager().newThreadPool(this, "pushrelay-" + name + "-http", profile);
    }

    @Override
    public CompletableFuture<HttpAnswer> post(String url, Map<String, String> headers, String body) {
        return CompletableFuture.supplyAsync(() -> call(url, headers, body), threads);
    }

    private HttpAnswer call(String url, Map<String, String> headers, String body) {
        Exchange exchange = endpoint.createExchange();
        exchange.getMessage().setHeader(Exchange.HTTP_URI, url);
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
        headers.forEach(exchange.getMessage()::setHeader);
        exchange.getMessage().setBody(body);
        Exchange done = template.send(endpoint, exchange);
        if (done.getException() != null) {
            return HttpAnswer.failed(done.getException());
        }
        Integer status = done.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        Map<String, String> responseHeaders = new LinkedHashMap<>();
        done.getMessage().getHeaders().forEach((k, v) -> {
            if (v != null && !k.startsWith("Camel")) {
                responseHeaders.put(k, v.toString());
            }
        });
        String text = done.getMessage().getBody(String.class);
        return new HttpAnswer(status == null ? 0 : status, responseHeaders, text == null ? "" : text, null);
    }
}
