package io.pushrelay.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.TrustOptions;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The HTTP client of every provider: Vert.x's, non-blocking, on a few event loops of its own, so that a call in
 * flight holds no thread however long the provider takes. Each provider gets a client with its own pool, so one
 * provider's slow or failing calls never take connections from another's. Vert.x rather than Apache HttpClient 5
 * async: it keeps several HTTP/2 connections to one host, each with many streams (HttpClient 5.5's pool leases an
 * HTTP/2 connection to one call at a time, its HTTP/2-only client keeps one connection per host), and against the
 * sandbox on loopback it made 1.4 to 2 times the calls per second for less CPU.
 */
public final class ProviderHttp extends ServiceSupport {

    private final Vertx vertx;
    private final List<HttpClient> clients = new CopyOnWriteArrayList<>();
    /** What https calls trust: null for the JDK's own certificate authorities alone. */
    private final TrustOptions trust;

    public ProviderHttp() {
        this(ProviderTrust.of(null, null));
    }

    public ProviderHttp(ProviderTrust trust) {
        this.trust = trust.factory() == null ? null : TrustOptions.wrap(trust.factory());
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Runtime.getRuntime().availableProcessors())
                .setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
    }

    /**
     * A transport with at most {@code maxConnections} connections. No automatic retries and no redirects: the
     * gateway retries on the broker.
     */
    public HttpTransport transport(HttpProtocol protocol, int maxConnections, Duration connectTimeout, Duration requestTimeout) {
        HttpClientOptions options = new HttpClientOptions().setConnectTimeout((int) connectTimeout.toMillis())
                .setTcpNoDelay(true).setKeepAlive(true).setPipelining(false);
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(maxConnections);
        if (protocol == HttpProtocol.HTTP_2) {
            // a new connection opens only once every open one carries as many streams as the provider allows
            options.setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false).setUseAlpn(true);
            pool.setHttp2MaxSize(maxConnections);
        }
        if (trust != null) {
            options.setTrustOptions(trust);
        }
        HttpClient client = vertx.createHttpClient(options, pool);
        clients.add(client);
        return new Transport(client, connectTimeout, requestTimeout);
    }

    @Override
    protected void doStop() throws Exception {
        for (HttpClient client : clients) {
            client.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private record Transport(HttpClient client, Duration connectTimeout, Duration requestTimeout) implements HttpTransport {

        @Override
        public CompletableFuture<HttpAnswer> post(String url, Map<String, String> headers, String body) {
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                    // waiting for a connection or a stream counts as connecting; silence once sent, as the request timeout
                    .setConnectTimeout(connectTimeout.plus(requestTimeout).toMillis()).setIdleTimeout(requestTimeout.toMillis())
                    .setFollowRedirects(false);
            headers.forEach(request::putHeader);
            CompletableFuture<HttpAnswer> answer;
            try {
                answer = client.request(request)
                        .compose(r -> r.send(Buffer.buffer(body)))
                        .compose(response -> response.body().map(text -> {
                            Map<String, String> received = new LinkedHashMap<>();
                            response.headers().forEach(h -> received.put(h.getKey(), h.getValue()));
                            return new HttpAnswer(response.statusCode(), received, text.toString(), null);
                        }))
                        .toCompletionStage().toCompletableFuture();
            } catch (RuntimeException e) {
                return CompletableFuture.completedFuture(HttpAnswer.failed(e));
            }
            // the deadline is ours too: under load Vert.x has been seen to leave a queued request unanswered
            return answer.completeOnTimeout(null, connectTimeout.plus(requestTimeout.multipliedBy(2)).toMillis(), TimeUnit.MILLISECONDS)
                    .handle((a, failure) -> failure != null ? HttpAnswer.failed(failure instanceof Exception e ? e : new IllegalStateException(failure))
                            : a != null ? a : HttpAnswer.failed(new TimeoutException("no answer within " + requestTimeout)));
        }
    }
}
