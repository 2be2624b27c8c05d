package io.pushrelay.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.pushrelay.http.HttpAnswer;
import io.pushrelay.http.HttpTransport;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * The limit's HTTP: Apache HttpClient 5, pooled, with no Camel in between; also fetches its tokens. Blocking: its
 * answer is complete when {@link #post} returns.
 */
final class PooledHttpClient implements HttpTransport, AutoCloseable {

    private final CloseableHttpClient client;

    PooledHttpClient(int connections) {
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
        pool.setMaxTotal(connections);
        pool.setDefaultMaxPerRoute(connections);
        client = HttpClients.custom().setConnectionManager(pool).disableAutomaticRetries().build();
    }

    @Override
    public CompletableFuture<HttpAnswer> post(String url, Map<String, String> headers, String body) {
        return CompletableFuture.completedFuture(send(url, headers, body));
    }

    private HttpAnswer send(String url, Map<String, String> headers, String body) {
        HttpPost post = new HttpPost(url);
        headers.forEach(post::setHeader);
        post.setEntity(new StringEntity(body, StandardCharsets.UTF_8));
        try {
            return client.execute(post, response -> {
                Map<String, String> answerHeaders = new LinkedHashMap<>();
                for (Header h : response.getHeaders()) {
                    answerHeaders.put(h.getName(), h.getValue());
                }
                String text = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity());
                return new HttpAnswer(response.getCode(), answerHeaders, text, null);
            });
        } catch (IOException e) {
            return HttpAnswer.failed(e);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
