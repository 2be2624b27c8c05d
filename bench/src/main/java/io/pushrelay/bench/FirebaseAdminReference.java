package io.pushrelay.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http2.HttpVersionPolicy;

/**
 * The direct SDK: Google's firebase-admin {@code sendEach}, as a team without a gateway would send, on its own
 * default transport (Apache HttpClient 5 async, HTTP/2) with its connections routed to the sandbox instead of
 * fcm.googleapis.com. At its defaults it also keeps its own pool of threads (100, each message one blocking call) and
 * its own connection limits; at a given concurrency it gets that many threads and connections.
 */
final class FirebaseAdminReference implements AutoCloseable {

    /** sendEach takes at most 500 messages. */
    static final int MAX_PER_CALL = 500;

    /** ApacheHttp2Transport.defaultHttpAsyncClientBuilder()'s own connection limits. */
    private static final int SDK_MAX_CONNECTIONS = 200;
    private static final int SDK_MAX_CONNECTIONS_PER_ROUTE = 100;

    private final ApacheHttp2Transport transport;
    private final FirebaseApp app;
    private final ExecutorService ownThreads;

    private FirebaseAdminReference(Path serviceAccount, String projectId, URI sandbox,
            PoolingAsyncClientConnectionManager connections, ExecutorService ownThreads) throws Exception {
        HttpHost sandboxHost = new HttpHost("http", sandbox.getHost(), sandbox.getPort());
        HttpAsyncClientBuilder client = ApacheHttp2Transport.defaultHttpAsyncClientBuilder()
                .setConnectionManager(connections)
                .setRoutePlanner((target, context) -> new HttpRoute(sandboxHost));
        GoogleCredentials credentials;
        try (InputStream in = Files.newInputStream(serviceAccount)) {
            credentials = GoogleCredentials.fromStream(in);
        }
        transport = new ApacheHttp2Transport(client.build());
        FirebaseOptions.Builder options = FirebaseOptions.builder()
                .setCredentials(credentials)
                .setProjectId(projectId)
                .setHttpTransport(transport);
        if (ownThreads != null) {
            options.setThreadManager(threadManager(ownThreads));
        }
        this.ownThreads = ownThreads;
        app = FirebaseApp.initializeApp(options.build(), "pushrelay-bench-" + System.nanoTime());
    }

    /** firebase-admin as it comes: its thread pool, its connection limits; only its connections go to the sandbox. */
    static FirebaseAdminReference atItsDefaults(Path serviceAccount, String projectId, URI sandbox) throws Exception {
        return new FirebaseAdminReference(serviceAccount, projectId, sandbox,
                http2Connections(SDK_MAX_CONNECTIONS, SDK_MAX_CONNECTIONS_PER_ROUTE), null);
    }

    /** firebase-admin with {@code threads} threads and as many connections: a concurrency chosen for it. */
    static FirebaseAdminReference withThreads(Path serviceAccount, String projectId, URI sandbox, int threads)
            throws Exception {
        return new FirebaseAdminReference(serviceAccount, projectId, sandbox, http2Connections(threads, threads),
                Executors.newFixedThreadPool(threads, daemonThreads("firebase-admin-")));
    }

    /**
     * The SDK's connection pool (its limits, connections kept as long as they last) speaking HTTP/2 to the sandbox's
     * plain loopback port: on fcm.googleapis.com TLS negotiates HTTP/2, while a plain connection left to negotiate
     * would speak HTTP/1.1 and measure a transport the SDK does not use.
     */
    private static PoolingAsyncClientConnectionManager http2Connections(int total, int perRoute) {
        return PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(total)
                .setMaxConnPerRoute(perRoute)
                .setDefaultConnectionConfig(ConnectionConfig.custom().setTimeToLive(-1, TimeUnit.MILLISECONDS).build())
                .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_2).build())
                .build();
    }

    private static ThreadManager threadManager(ExecutorService threads) {
        return new ThreadManager() {
            @Override
            protected ExecutorService getExecutor(FirebaseApp app) {
                return threads;
            }

            @Override
            protected void releaseExecutor(FirebaseApp app, ExecutorService executor) {
                // close() shuts the pool down
            }

            @Override
            protected ThreadFactory getThreadFactory() {
                return daemonThreads("firebase-admin-app-");
            }
        };
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

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + next.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() throws IOException {
        // at its defaults the SDK shuts its own pool down when its last app is deleted; its transport is left open
        app.delete();
        transport.shutdown();
        if (ownThreads != null) {
            ownThreads.shutdownNow();
        }
    }
}
