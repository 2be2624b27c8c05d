package io.pushrelay.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.camel.support.service.ServiceSupport;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpClientTransport;
import org.eclipse.jetty.client.ProxyAuthenticationProtocolHandler;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The HTTP client of every provider: Jetty's, non-blocking, so that a call in flight holds no thread however long
 * the provider takes; answers are handled on a few threads all providers share. Each provider gets a client with
 * its own connections, so one provider's slow or failing calls never take connections from another's. A call
 * beyond the connections (or, over HTTP/2, beyond the streams the provider allows on each) waits in the client's
 * queue for its turn.
 * <p>
 * Jetty rather than Vert.x's client, used here before: under load Vert.x 4.5's pool fails a waiting call on its
 * connection timer even after granting it a connection, and the request it then opens, sent by no one, holds that
 * connection until its idle timeout; the calls behind it wait and time out in turn (ProviderHttpStressTest).
 */
public final class ProviderHttp extends ServiceSupport {

    /**
     * Threads that read and write the connections and run what follows an answer, for every provider, all started
     * at once, so that a burst of answers finds them (and adds none). A dozen that started as needed, none kept
     * aside, starved Jetty's HTTP/2 under load: streams then went unanswered until their idle timeout.
     */
    static final int THREADS = 16;

    private final QueuedThreadPool threads = new QueuedThreadPool(THREADS, THREADS);
    private final ScheduledExecutorScheduler timers = new ScheduledExecutorScheduler("pushrelay-http-timers", true);
    private final List<HttpClient> clients = new CopyOnWriteArrayList<>();
    /** What https calls trust: the JDK's certificate authorities, and pushrelay.provider.trust-store's beside them. */
    private final ProviderTrust trust;

    public ProviderHttp() {
        this(ProviderTrust.of(null, null));
    }

    public ProviderHttp(ProviderTrust trust) {
        this.trust = trust;
        threads.setName("pushrelay-http");
        threads.setDaemon(true);
    }

    @Override
    protected void doStart() throws Exception {
        threads.start();
        timers.start();
    }

    /**
     * A transport with at most {@code maxConnections} connections: over HTTP/2 each carries as many calls at once
     * as the provider allows, and a new one opens only once those are all taken. No automatic retries and no
     * redirects: the gateway retries on the broker.
     */
    public HttpTransport transport(HttpProtocol protocol, int maxConnections, Duration connectTimeout, Duration requestTimeout) {
        ClientConnector connector = new ClientConnector();
        connector.setSelectors(1);
        connector.setExecutor(threads);
        connector.setScheduler(timers);
        connector.setSslContextFactory(tls());
        HttpClientTransport transport = protocol == HttpProtocol.HTTP_2
                // h2c with prior knowledge for http://, h2 by ALPN for https://
                ? new HttpClientTransportOverHTTP2(new HTTP2Client(connector))
                : new HttpClientTransportOverHTTP(connector);
        HttpClient client = new HttpClient(transport);
        client.setExecutor(threads);
        client.setScheduler(timers);
        client.setMaxConnectionsPerDestination(maxConnections);
        // the gateway bounds the calls it starts (consumers × batch size); the deadline bounds the wait
        client.setMaxRequestsQueuedPerDestination(Integer.MAX_VALUE);
        client.setConnectTimeout(connectTimeout.toMillis());
        client.setFollowRedirects(false);
        client.setUserAgentField(new HttpField("User-Agent", "pushrelay"));
        try {
            client.start();
            // (set up by start) a 401 or 407 is the provider's answer to classify, not a challenge for the client
            client.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);
            client.getProtocolHandlers().remove(ProxyAuthenticationProtocolHandler.NAME);
        } catch (Exception e) {
            throw new IllegalStateException("The provider HTTP client could not start: " + e.getMessage(), e);
        }
        clients.add(client);
        return new Transport(client, requestTimeout);
    }

    /** Certificates checked as the JDK checks them, host name included: never switched off. */
    private SslContextFactory.Client tls() {
        SslContextFactory.Client tls = new SslContextFactory.Client();
        try {
            tls.setSslContext(trust.sslContext());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The provider HTTP client has no TLS: " + e.getMessage(), e);
        }
        tls.setEndpointIdentificationAlgorithm("HTTPS");
        return tls;
    }

    @Override
    protected void doStop() throws Exception {
        for (HttpClient client : clients) {
            client.stop();
        }
        clients.clear();
        timers.stop();
        threads.stop();
    }

    private record Transport(HttpClient client, Duration requestTimeout) implements HttpTransport {

        @Override
        public CompletableFuture<HttpAnswer> post(String url, Map<String, String> headers, String body) {
            CompletableFuture<ContentResponse> sent;
            try {
                // silence once sent, as the request timeout. No timeout while the call waits for a connection or a
                // stream: that wait is the gateway's own queue (every call of a work message starts at once), which
                // drains as the calls ahead are answered or time out; on a busy machine it can last longer than any
                // timeout fit for a provider, and such calls failed and opened the provider's circuit
                Request request = client.newRequest(url).method(HttpMethod.POST)
                        .idleTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .headers(h -> headers.forEach(h::put))
                        .body(new StringRequestContent(contentType(headers), body, StandardCharsets.UTF_8));
                sent = new CompletableResponseListener(request).send();
            } catch (RuntimeException e) {
                return CompletableFuture.completedFuture(HttpAnswer.failed(e));
            }
            return sent.handle((response, failure) -> failure != null ? HttpAnswer.failed(cause(failure)) : answer(response));
        }

        private static HttpAnswer answer(ContentResponse response) {
            Map<String, String> received = new LinkedHashMap<>();
            response.getHeaders().forEach(h -> received.put(h.getName(), h.getValue()));
            return new HttpAnswer(response.getStatus(), received, response.getContentAsString(), null);
        }

        private static String contentType(Map<String, String> headers) {
            return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("Content-Type"))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }

        private static Exception cause(Throwable failure) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            return cause instanceof Exception e ? e : new IllegalStateException(cause);
        }
    }
}
