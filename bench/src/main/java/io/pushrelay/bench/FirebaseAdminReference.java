package io.pushrelay.bench;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import com.google.api.core.ApiFuture;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.ThreadManager;
import com.google.firebase.internal.ApacheHttp2Transport;
import com.google.firebase.messaging.BatchResponse;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.Notification;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http2.config.H2Config;

/**
 * The direct SDK: Google's firebase-admin {@code sendEach}, as a team without a gateway would send, with its own
 * default transport (Apache HttpClient 5, async) whose connections go to the sandbox instead of fcm.googleapis.com,
 * and a pool of {@code concurrency} threads, the SDK's unit of concurrency (each message is one blocking call).
 */
final class FirebaseAdminReference implements AutoCloseable {

    /** sendEach takes at most 500 messages. */
    static final int MAX_PER_CALL = 500;

    private final FirebaseApp app;
    private final ExecutorService executor;

    FirebaseAdminReference(Path serviceAccount, String projectId, String sandboxHost, int sandboxPort, int concurrency)
            throws Exception {
        HttpHost sandbox = new HttpHost("http", sandboxHost, sandboxPort);
        HttpRoutePlanner toSandbox = (target, context) -> new HttpRoute(sandbox);
        PoolingAsyncClientConnectionManager connections = new PoolingAsyncClientConnectionManager();
        connections.setMaxTotal(concurrency);
        connections.setDefaultMaxPerRoute(concurrency);
        CloseableHttpAsyncClient client = ApacheHttp2Transport.defaultHttpAsyncClientBuilder()
                .setConnectionManager(connections)
                .setH2Config(H2Config.custom().setMaxConcurrentStreams(concurrency).build())
                .setRoutePlanner(toSandbox)
                .build();
        client.start();
        GoogleCredentials credentials;
        try (InputStream in = Files.newInputStream(serviceAccount)) {
            credentials = GoogleCredentials.fromStream(in);
        }
        executor = Executors.newFixedThreadPool(concurrency, named("firebase-admin-"));
        ExecutorService sdkExecutor = executor;
        FirebaseOptions options = FirebaseOptions.builder()
                .setCredentials(credentials)
                .setProjectId(projectId)
                .setHttpTransport(new ApacheHttp2Transport(client))
                .setThreadManager(new ThreadManager() {
                    @Override
                    protected ExecutorService getExecutor(FirebaseApp app) {
                        return sdkExecutor;
                    }

                    @Override
                    protected void releaseExecutor(FirebaseApp app, ExecutorService executor) {
                        // the reference shuts its pool down itself
                    }

                    @Override
                    protected ThreadFactory getThreadFactory() {
                        return named("firebase-admin-app-");
                    }
                })
                .build();
        app = FirebaseApp.initializeApp(options, "pushrelay-bench-" + System.nanoTime());
    }

    /** The message the gateway builds for the benchmark's notification, as the SDK's model. */
    static Message message(String token, String title, String body, Map<String, String> data) {
        return Message.builder().setToken(token)
                .setNotification(Notification.builder().setTitle(title).setBody(body).build())
                .putAllData(data)
                .build();
    }

    /** Sends everything with sendEach, 500 messages a call, all calls at once; returns how many were accepted. */
    int sendEach(List<Message> messages) throws Exception {
        FirebaseMessaging messaging = FirebaseMessaging.getInstance(app);
        List<ApiFuture<BatchResponse>> calls = new ArrayList<>();
        for (int from = 0; from < messages.size(); from += MAX_PER_CALL) {
            calls.add(messaging.sendEachAsync(messages.subList(from, Math.min(messages.size(), from + MAX_PER_CALL))));
        }
        int accepted = 0;
        for (ApiFuture<BatchResponse> call : calls) {
            accepted += call.get().getSuccessCount();
        }
        return accepted;
    }

    private static ThreadFactory named(String prefix) {
        return new java.util.concurrent.ThreadFactory() {
            private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

            @Override
            public Thread newThread(Runnable task) {
                Thread thread = new Thread(task, prefix + next.getAndIncrement());
                thread.setDaemon(true);
                return thread;
            }
        };
    }

    @Override
    public void close() {
        app.delete();
        executor.shutdownNow();
    }
}
