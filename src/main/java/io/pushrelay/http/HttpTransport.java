package io.pushrelay.http;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one HTTP POST without holding a thread while it is out; the future never completes exceptionally: a
 * failure to get an answer is in the answer ({@link HttpAnswer#failed}).
 */
public interface HttpTransport {

    CompletableFuture<HttpAnswer> post(String url, Map<String, String> headers, String body);
}
