package io.pushrelay.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.pushrelay.sandbox.Fault;
import io.pushrelay.sandbox.ProviderSandbox;
import io.pushrelay.sandbox.RecordedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many provider calls through {@link ProviderHttp} at the sandbox on loopback, from threads that are not the
 * client's and from the client's own, as the gateway makes them: every call must be answered, none lost, none
 * failed while it merely waits its turn. {@code -Dstress.calls=200000 -Dstress.delay-ms=20} for a long run; a call
 * still out after {@link #LATE} is printed with what the sandbox saw of it.
 */
class ProviderHttpStressTest {

    static final int CALLS = Integer.getInteger("stress.calls", 20_000);
    static final int DELAY = Integer.getInteger("stress.delay-ms", 0);
    static final Duration LATE = Duration.ofSeconds(10);
    static final Map<String, String> HEADERS = Map.of("Authorization", "Bearer x", "Content-Type", "application/json");

    @TempDir
    Path dir;
    ProviderSandbox sandbox;
    ProviderHttp http;
    final ExecutorService others = Executors.newFixedThreadPool(8);

    @BeforeEach
    void start() throws Exception {
        sandbox = new ProviderSandbox(0, dir, 2 * CALLS);
        sandbox.start();
        http = new ProviderHttp();
        http.start();
    }

    @AfterEach
    void stop() throws Exception {
        others.shutdownNow();
        http.stop();
        sandbox.stop();
    }

    String fcmUrl() {
        return sandbox.url() + "/fcm/v1/projects/" + ProviderSandbox.FCM_PROJECT_ID + "/messages:send";
    }

    String admUrl(String id) {
        return sandbox.url() + "/adm/messaging/registrations/" + id + "/messages";
    }

    @Test
    void everyCallIsAnsweredOverHttp2AndHttp11AtOnce() throws Exception {
        Duration connect = Duration.ofSeconds(5);
        Duration request = Duration.ofSeconds(15);
        if (DELAY > 0) {
            sandbox.fault(Fault.slow("fcm", DELAY, -1));
            sandbox.fault(Fault.slow("adm", DELAY, -1));
        }
        // as many calls at once as the connections carry: 8 HTTP/2 connections of 100 streams, 64 HTTP/1.1 ones
        Load h2 = new Load("fcm", http.transport(HttpProtocol.HTTP_2, 8, connect, request), 800, id -> fcmUrl(),
                id -> "{\"message\":{\"token\":\"" + id + "\",\"data\":{\"k\":\"v\"}}}");
        Load h1 = new Load("adm", http.transport(HttpProtocol.HTTP_1_1, 64, connect, request), 64, this::admUrl,
                id -> "{\"data\":{\"k\":\"v\"}}");
        Thread first = new Thread(() -> h2.run(CALLS));
        Thread second = new Thread(() -> h1.run(CALLS / 2));
        first.start();
        second.start();
        first.join();
        second.join();

        List<String> problems = new ArrayList<>();
        for (Load load : List.of(h2, h1)) {
            problems.addAll(load.finish());
        }
        assertThat(problems).as("calls answered late or never").isEmpty();
        assertThat(sandbox.calls("fcm")).allMatch(c -> c.httpVersion().equals("HTTP/2"));
        assertThat(sandbox.calls("adm")).allMatch(c -> c.httpVersion().equals("HTTP/1.1"));
    }

    /**
     * All the calls of a burst at once, many more than the connections: they queue in the client and go as
     * connections free up, each answered however long it waited (the wait is the gateway's own queue, not the
     * provider's slowness), and no connection is held by a call nobody sends.
     */
    @Test
    void callsBeyondTheConnectionsWaitTheirTurn() throws Exception {
        // 8 connections, 100 ms a call: 80 calls a second, so the last of 560 waits about 7 s, longer than the
        // connect timeout plus twice the request timeout
        HttpTransport adm = http.transport(HttpProtocol.HTTP_1_1, 8, Duration.ofSeconds(1), Duration.ofSeconds(2));
        sandbox.fault(Fault.slow("adm", 100, -1));
        List<CompletableFuture<HttpAnswer>> calls = IntStream.range(0, 560)
                .mapToObj(i -> adm.post(admUrl("burst-" + i), HEADERS, "{\"data\":{\"k\":\"v\"}}")).toList();
        List<HttpAnswer> answers = calls.stream().map(CompletableFuture::join).toList();

        assertThat(answers).as("answers, not failures").allMatch(a -> a.error() == null && a.status() > 0);
        assertThat(sandbox.state().callCount("adm")).isEqualTo(560);
        assertThat(sandbox.state().maxConcurrent("adm")).isLessThanOrEqualTo(8);
    }

    /** A call that gets no answer fails after the request timeout, and frees its connection for the next. */
    @Test
    void aSilentProviderTimesOutEachCallAndTheNextGoes() throws Exception {
        HttpTransport adm = http.transport(HttpProtocol.HTTP_1_1, 1, Duration.ofSeconds(1), Duration.ofMillis(500));
        sandbox.fault(Fault.slow("adm", 3_000, 1));
        CompletableFuture<HttpAnswer> silent = adm.post(admUrl("silent"), HEADERS, "{}");
        CompletableFuture<HttpAnswer> next = adm.post(admUrl("next"), HEADERS, "{}");

        assertThat(silent.join().error()).isInstanceOf(TimeoutException.class);
        assertThat(next.join().status()).isPositive();
    }

    /** Calls to one provider, {@code chains} out at once; remembers when each was sent and how it ended. */
    final class Load {
        final String provider;
        final HttpTransport transport;
        final int chains;
        final Function<String, String> url;
        final Function<String, String> body;
        final Map<String, Long> out = new ConcurrentHashMap<>();
        final Map<String, Long> late = new ConcurrentHashMap<>();
        final Map<String, String> failed = new ConcurrentHashMap<>();
        final AtomicLong answered = new AtomicLong();
        long elapsed;

        Load(String provider, HttpTransport transport, int chains, Function<String, String> url, Function<String, String> body) {
            this.provider = provider;
            this.transport = transport;
            this.chains = chains;
            this.url = url;
            this.body = body;
        }

        /**
         * {@code chains} calls at once; each answer starts the next call, half of them from the thread that completed
         * the answer (a client thread, as a retry after a 401 does) and half from another thread (as the gateway's
         * consumers do).
         */
        void run(int calls) {
            long started = System.nanoTime();
            AtomicLong next = new AtomicLong();
            AtomicLong open = new AtomicLong(chains);
            CompletableFuture<Void> done = new CompletableFuture<>();
            for (int c = 0; c < chains; c++) {
                others.execute(() -> chain(next, calls, open, done));
            }
            while (!done.isDone()) {
                try {
                    done.get(1, TimeUnit.SECONDS);
                } catch (Exception e) {
                    scan();
                }
            }
            elapsed = System.nanoTime() - started;
        }

        void chain(AtomicLong next, int calls, AtomicLong open, CompletableFuture<Void> done) {
            long i = next.getAndIncrement();
            if (i >= calls) {
                if (open.decrementAndGet() == 0) {
                    done.complete(null);
                }
                return;
            }
            String id = "stress-" + provider + "-" + String.format("%07d", i) + "-aaaaaaaaaaaaaaaaaaaa";
            out.put(id, System.nanoTime());
            transport.post(url.apply(id), HEADERS, body.apply(id)).whenComplete((answer, error) -> {
                Long since = out.remove(id);
                if (since != null && System.nanoTime() - since > LATE.toNanos()) {
                    late.put(id, System.nanoTime() - since);
                }
                if (answer.error() != null) {
                    failed.put(id, String.valueOf(answer.error()));
                } else if (answer.body().isEmpty()) {
                    failed.put(id, "an empty body, status " + answer.status());
                }
                answered.incrementAndGet();
                if (i % 2 == 0) {
                    chain(next, calls, open, done);
                } else {
                    others.execute(() -> chain(next, calls, open, done));
                }
            });
        }

        /** Prints the calls out for longer than LATE, once each, while they are still out. */
        void scan() {
            long now = System.nanoTime();
            out.forEach((id, since) -> {
                if (now - since > LATE.toNanos() && late.putIfAbsent(id, -1L) == null) {
                    System.out.println("STILL OUT " + id + " for " + TimeUnit.NANOSECONDS.toMillis(now - since) + " ms; " + seen(id));
                }
            });
        }

        String seen(String id) {
            List<RecordedCall> calls = sandbox.calls(provider).stream().filter(c -> id.equals(c.address())).toList();
            return calls.isEmpty() ? "the sandbox has not answered it (in flight there: " + sandbox.state().inFlight(provider) + ")"
                    : calls.stream().map(c -> "answered " + c.status() + " " + c.httpVersion() + " on " + c.connection()
                            + " received " + c.receivedAt() + " answered " + c.answeredAt()).collect(Collectors.joining("; "));
        }

        List<String> finish() {
            System.out.printf("%s: %d calls in %d ms (%.0f/s), %d failed, %d late, sandbox counted %d, at most %d at once there%n",
                    provider, answered.get(), TimeUnit.NANOSECONDS.toMillis(elapsed), answered.get() * 1e9 / elapsed,
                    failed.size(), late.size(), sandbox.state().callCount(provider), sandbox.state().maxConcurrent(provider));
            List<String> problems = new ArrayList<>();
            late.forEach((id, nanos) -> problems.add(provider + " " + id + " answered after " + TimeUnit.NANOSECONDS.toMillis(nanos)
                    + " ms; " + seen(id)));
            failed.forEach((id, error) -> problems.add(provider + " " + id + " failed: " + error));
            return problems;
        }
    }
}
