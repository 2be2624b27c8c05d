package io.pushrelay.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import io.pushrelay.Gateway;
import io.pushrelay.auth.GoogleServiceAccountTokenFetcher;
import io.pushrelay.message.ChannelType;
import io.pushrelay.message.Json;
import io.pushrelay.message.PushMessage;
import io.pushrelay.message.Target;
import io.pushrelay.message.WorkBatch;
import io.pushrelay.provider.ProviderCall;
import io.pushrelay.provider.adm.AdmProvider;
import io.pushrelay.provider.alexa.AlexaProvider;
import io.pushrelay.provider.fcm.FcmProvider;
import io.pushrelay.sandbox.Fault;
import io.pushrelay.sandbox.ProviderSandbox;
import io.pushrelay.sandbox.RecordedCall;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Throughput and latency of the whole gateway (embedded broker with its persistent journal, real routes) against the
 * provider sandbox, side by side with the limit: a bare HTTP client making the same provider calls directly. Targets
 * are mixed 2:2:1 over ADM, FCM and Alexa. Everything runs in this JVM, so heap, RSS and CPU include the sandbox.
 */
public final class Benchmark {

    /** What to run. */
    public record Options(int requests, int targetsPerRequest, List<Integer> latenciesMs, int concurrency, Path output) {
    }

    private final Options options;

    public Benchmark(Options options) {
        this.options = options;
    }

    public List<Figures> run() throws Exception {
        List<Figures> all = new ArrayList<>();
        for (int latency : options.latenciesMs()) {
            all.add(limit(latency));
            all.add(gateway(latency));
        }
        return all;
    }

    static ChannelType channelOf(int index) {
        return switch (index % 5) {
            case 0, 1 -> ChannelType.ADM;
            case 2, 3 -> ChannelType.GCM;
            default -> ChannelType.ALEXA;
        };
    }

    static String address(int request, int index) {
        String id = String.format("bench-r%04d-t%06d", request, index);
        return switch (channelOf(index)) {
            case ADM -> "amzn1.adm-registration.v3." + id;
            case GCM -> id + ":APA91bBenchmarkToken";
            default -> "amzn1.alexa.unit.did." + id;
        };
    }

    static int requestOf(String address) {
        int at = address.indexOf("bench-r");
        return Integer.parseInt(address.substring(at + 7, at + 11));
    }

    private long total() {
        return (long) options.requests() * options.targetsPerRequest();
    }

    private ProviderSandbox sandbox(int latency) throws Exception {
        ProviderSandbox sandbox = new ProviderSandbox(0, Files.createDirectories(options.output().resolve("sandbox")),
                (int) Math.min(Integer.MAX_VALUE, total() + 10_000));
        sandbox.start();
        if (latency > 0) {
            for (String provider : List.of("adm", "fcm", "alexa")) {
                sandbox.fault(Fault.slow(provider, latency, -1));
            }
        }
        return sandbox;
    }

    /** The limit: the same calls made directly with the JDK's HTTP client, at most {@code concurrency} at a time. */
    private Figures limit(int latency) throws Exception {
        ProviderSandbox sandbox = sandbox(latency);
        try {
            Map<String, String> s = sandbox.providerSettings();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Map<ChannelType, String> tokens = Map.of(
                    ChannelType.ADM, lwa(http, s.get("pushrelay.adm.token-url"), "grant_type=client_credentials&scope=messaging%3Apush&client_id="
                            + enc(s.get("pushrelay.adm.client-id")) + "&client_secret=" + enc(s.get("pushrelay.adm.client-secret"))),
                    ChannelType.ALEXA, lwa(http, s.get("pushrelay.alexa.token-url"), "grant_type=refresh_token&refresh_token="
                            + enc(s.get("pushrelay.alexa.refresh-token")) + "&client_id=" + enc(s.get("pushrelay.alexa.client-id"))
                            + "&client_secret=" + enc(s.get("pushrelay.alexa.client-secret"))),
                    ChannelType.GCM, new GoogleServiceAccountTokenFetcher(Path.of(s.get("pushrelay.fcm.credentials-file")), null).fetch().value());
            List<ProviderCall> calls = new ArrayList<>();
            for (int r = 0; r < options.requests(); r++) {
                calls.addAll(plan(r, s));
            }
            ProcessMeter meter = new ProcessMeter();
            Semaphore permits = new Semaphore(options.concurrency());
            List<CompletableFuture<Double>> done = new ArrayList<>();
            long start = System.nanoTime();
            for (ProviderCall call : calls) {
                permits.acquire();
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(call.url())).POST(HttpRequest.BodyPublishers.ofString(call.body()));
                call.headers().forEach(request::header);
                request.header("Authorization", "Bearer " + tokens.get(call.targets().get(0).channel()));
                long sent = System.nanoTime();
                done.add(http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                        .thenApply(response -> (System.nanoTime() - sent) / 1e6)
                        .whenComplete((ms, e) -> permits.release()));
            }
            double[] latencies = done.stream().mapToDouble(CompletableFuture::join).toArray();
            double seconds = (System.nanoTime() - start) / 1e9;
            return figures("limit (JDK HttpClient)", latency, seconds, Percentiles.of(latencies), meter);
        } finally {
            sandbox.stop();
        }
    }

    /** The same provider calls the gateway makes for request {@code r}. */
    private List<ProviderCall> plan(int r, Map<String, String> s) {
        PushMessage message = message();
        Map<ChannelType, List<Target>> byChannel = new HashMap<>();
        for (int i = 0; i < options.targetsPerRequest(); i++) {
            byChannel.computeIfAbsent(channelOf(i), c -> new ArrayList<>()).add(Target.of(channelOf(i), address(r, i)));
        }
        List<ProviderCall> calls = new ArrayList<>();
        byChannel.forEach((channel, targets) -> {
            WorkBatch batch = new WorkBatch("bench-" + r, channel, message, targets, false);
            calls.addAll(switch (channel) {
                case ADM -> new AdmProvider(s.get("pushrelay.adm.base-url"), java.time.Clock.systemUTC()).plan(batch);
                case GCM -> new FcmProvider(s.get("pushrelay.fcm.base-url"), s.get("pushrelay.fcm.project-id"),
                        java.time.Clock.systemUTC()).plan(batch);
                default -> new AlexaProvider(s.get("pushrelay.alexa.base-url"), "en-US", java.time.Clock.systemUTC()).plan(batch);
            });
        });
        return calls;
    }

    private static PushMessage message() {
        return new PushMessage("Pool party", "Happy hour starts now", Map.of("campaign", "bench"), null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The gateway: N send requests on push.requests, measured until the sandbox has received every notification. */
    private Figures gateway(int latency) throws Exception {
        ProviderSandbox sandbox = sandbox(latency);
        Path data = Files.createDirectories(options.output().resolve("gateway-" + latency + "ms-" + System.nanoTime()));
        Map<String, String> overrides = new HashMap<>(sandbox.providerSettings());
        overrides.put("pushrelay.sandbox.enabled", "false");
        overrides.put("pushrelay.data.dir", data.toString());
        overrides.put("pushrelay.db.url", "jdbc:h2:file:" + data.toAbsolutePath().resolve("pushrelay"));
        overrides.put("pushrelay.http.port", "0");
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        overrides.put("pushrelay.broker.url", "tcp://127.0.0.1:" + port);
        overrides.put("pushrelay.campaign.dir", data.resolve("campaigns").toString());
        try (Gateway gateway = new Gateway(overrides).start();
                Connection connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("push.requests"));
            List<String> bodies = new ArrayList<>();
            for (int r = 0; r < options.requests(); r++) {
                bodies.add(request(r));
            }
            ProcessMeter meter = new ProcessMeter();
            Instant[] enqueued = new Instant[options.requests()];
            long start = System.nanoTime();
            for (int r = 0; r < options.requests(); r++) {
                enqueued[r] = Instant.now();
                producer.send(session.createTextMessage(bodies.get(r)));
            }
            Instant deadline = Instant.now().plus(Duration.ofMinutes(20));
            while (delivered(sandbox) < total() && Instant.now().isBefore(deadline)) {
                java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            List<Double> latencies = new ArrayList<>();
            for (RecordedCall call : calls(sandbox)) {
                double ms = Duration.between(enqueued[requestOf(call.address())], call.receivedAt()).toNanos() / 1e6;
                for (int n = notifications(call); n > 0; n--) {
                    latencies.add(ms);
                }
            }
            return figures("gateway (persistent)", latency, seconds,
                    Percentiles.of(latencies.stream().mapToDouble(Double::doubleValue).toArray()), meter);
        } finally {
            sandbox.stop();
        }
    }

    private String request(int r) {
        Map<String, Object> addresses = new java.util.LinkedHashMap<>();
        for (int i = 0; i < options.targetsPerRequest(); i++) {
            addresses.put(address(r, i), Map.of("ChannelType", channelOf(i).name()));
        }
        return Json.write(Map.of("RequestId", "bench-" + r + "-" + System.nanoTime(), "Addresses", addresses,
                "MessageConfiguration", Map.of("DefaultPushNotificationMessage",
                        Map.of("Title", "Pool party", "Body", "Happy hour starts now", "Data", Map.of("campaign", "bench")))));
    }

    private static List<RecordedCall> calls(ProviderSandbox sandbox) {
        return sandbox.calls(null).stream().filter(c -> !c.provider().equals("lwa") && !c.provider().equals("google")
                && c.status() >= 200 && c.status() < 300).toList();
    }

    private static long delivered(ProviderSandbox sandbox) {
        return calls(sandbox).stream().mapToLong(Benchmark::notifications).sum();
    }

    private static int notifications(RecordedCall call) {
        return call.provider().equals("alexa") ? Json.tree(call.body()).path("recipients").size() : 1;
    }

    private Figures figures(String scenario, int latency, double seconds, Percentiles p, ProcessMeter meter) {
        return new Figures(scenario, latency, total(), seconds, total() / seconds, p, ProcessMeter.peakHeapMb(),
                ProcessMeter.peakRssMb(), meter.cpuSeconds() / total() * 1000);
    }

    private static String lwa(HttpClient http, String url, String form) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.tree(response.body()).get("access_token").asText();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The table the command prints. */
    public static String table(List<Figures> figures) {
        StringBuilder out = new StringBuilder(String.format("%-24s %8s %8s %8s %10s %8s %8s %8s %8s %8s %10s%n", "scenario",
                "latency", "notifs", "seconds", "per sec", "p50 ms", "p95 ms", "p99 ms", "heap MB", "RSS MB", "CPU s/1k"));
        for (Figures f : figures) {
            out.append(String.format("%-24s %6d ms %8d %8.1f %10.0f %8.1f %8.1f %8.1f %8.0f %8.0f %10.3f%n", f.scenario(),
                    f.providerLatencyMs(), f.notifications(), f.seconds(), f.perSecond(), f.latencyMs().p50(), f.latencyMs().p95(),
                    f.latencyMs().p99(), f.peakHeapMb(), f.peakRssMb(), f.cpuSecondsPer1000()));
        }
        Map<Integer, List<Figures>> byLatency = figures.stream().collect(Collectors.groupingBy(Figures::providerLatencyMs));
        byLatency.forEach((latency, pair) -> {
            if (pair.size() == 2) {
                out.append(String.format("gateway/limit at %d ms: %.0f %%%n", latency, 100 * pair.get(1).perSecond() / pair.get(0).perSecond()));
            }
        });
        return out.toString();
    }
}
