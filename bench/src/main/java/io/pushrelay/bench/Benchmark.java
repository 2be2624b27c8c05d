package io.pushrelay.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import javax.sql.DataSource;

import com.google.firebase.messaging.Message;
import io.pushrelay.Gateway;
import io.pushrelay.auth.GoogleServiceAccountTokenFetcher;
import io.pushrelay.auth.LwaTokenFetcher;
import io.pushrelay.config.Settings;
import io.pushrelay.database.DatabaseConfiguration;
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
import io.pushrelay.support.GroupSeed;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.util.FileUtil;

/**
 * Throughput and latency of the whole gateway (embedded broker with its persistent journal, real routes) against the
 * provider sandbox, side by side with two references on the same sandbox: the limit (a bare pooled HTTP client making
 * the same provider calls at the gateway's concurrency) and the direct SDK (firebase-admin {@code sendEach}, for the
 * FCM share), at its own defaults and at the gateway's concurrency. Targets are mixed 2:2:1 over ADM, FCM and Alexa
 * across all the requests of a scenario, so requests of one target carry the mix too. Everything runs in this JVM, so
 * heap, RSS and CPU include the sandbox (not PostgreSQL's server processes, when the gateway runs on PostgreSQL).
 */
public final class Benchmark {

    private static final String TITLE = "Pool party";
    private static final String BODY = "Happy hour starts now";
    private static final Map<String, String> DATA = Map.of("campaign", "bench");

    /**
     * What to run: {@code requests} send requests of {@code targetsPerRequest} targets at each provider latency (the
     * large requests); {@code smallRequests} requests of {@code smallTargets} targets, all at once (the small ones);
     * then such small requests enqueued evenly for {@code pacedSeconds} at half the rate the gateway reached with
     * them; unmeasured rounds first when {@code warmup}, until the JIT has settled.
     */
    public record Options(int requests, int targetsPerRequest, int smallRequests, int smallTargets, List<Integer> latenciesMs,
            int pacedSeconds, boolean warmup, BenchDatabase database, Path output) {
    }

    /** Warm-up stops once a round improves the gateway's CPU per notification by less than this, or after MAX_WARMUP_ROUNDS. */
    private static final double SETTLED = 0.10;
    private static final int MAX_WARMUP_ROUNDS = 6;

    private final Options options;
    private final Settings settings = Settings.load(Map.of());
    /** The streams FCM (and the sandbox) allows on one HTTP/2 connection: the gateway's FCM calls in flight per connection, non-blocking. */
    static final int FCM_STREAMS_PER_CONNECTION = 100;

    /**
     * The references get the calls in flight the gateway can have: all providers' for the limit, FCM's for the SDK at
     * the gateway's concurrency (HTTP/1.1 to ADM and Alexa: a call per connection; HTTP/2 to FCM: 100 per connection).
     */
    private final int limitConcurrency;
    private final int sdkConcurrency;
    /** Scenario runs so far: each run's targets carry its number. */
    private int runs;

    public Benchmark(Options options) {
        this.options = options;
        this.sdkConcurrency = settings.integer("pushrelay.fcm.max-connections")
                * (settings.bool("pushrelay.provider.non-blocking") ? FCM_STREAMS_PER_CONNECTION : 1);
        this.limitConcurrency = settings.integer("pushrelay.adm.max-connections") + sdkConcurrency
                + settings.integer("pushrelay.alexa.max-connections");
    }

    public List<Figures> run() throws Exception {
        if (options.warmup()) {
            warmUp();
        }
        List<Figures> all = new ArrayList<>();
        for (int latency : options.latenciesMs()) {
            all.add(limit(latency));
            all.add(sdk(latency, Scenario.SDK_AT_DEFAULTS));
            all.add(sdk(latency, Scenario.SDK_AT_GATEWAY_CONCURRENCY));
            all.addAll(gateway(latency, options.pacedSeconds()));
        }
        return all;
    }

    /** What the run's figures were measured on, for the report and the table's heading. */
    public Map<String, Object> sizes() {
        Map<String, Object> sizes = new LinkedHashMap<>();
        sizes.put("largeRequests", options.requests());
        sizes.put("targetsPerLargeRequest", options.targetsPerRequest());
        sizes.put("smallRequests", options.smallRequests());
        sizes.put("targetsPerSmallRequest", options.smallTargets());
        sizes.put("halfRateSeconds", options.pacedSeconds());
        sizes.put("gatewayConcurrencyFcm", sdkConcurrency);
        sizes.put("gatewayConcurrencyAllProviders", limitConcurrency);
        return sizes;
    }

    /**
     * Unmeasured rounds of every scenario at 0 ms, until the gateway's CPU per notification improves by less than
     * {@link #SETTLED} on the round before. On two cores the JIT compiles the gateway's paths over minutes of load
     * (five rounds took it from 4.3 to 1.4 CPU s per 1,000 large and 1,000 small notifications): measured earlier, the
     * first scenarios would pay for it. The references run in every round too, so that all of them are measured warm.
     */
    private void warmUp() throws Exception {
        double before = Double.MAX_VALUE;
        for (int round = 1; round <= MAX_WARMUP_ROUNDS; round++) {
            limit(0);
            sdk(0, Scenario.SDK_AT_DEFAULTS);
            sdk(0, Scenario.SDK_AT_GATEWAY_CONCURRENCY);
            double cpu = gateway(0, 0).stream().mapToDouble(Figures::cpuSecondsPer1000).sum();
            System.out.printf("warm-up round %d: the gateway spent %.3f CPU s per 1,000 large and 1,000 small notifications%n", round, cpu);
            if (cpu > before * (1 - SETTLED)) {
                return;
            }
            before = cpu;
        }
    }

    /**
     * Target {@code index} of request {@code request}, in requests of {@code targets} targets. The 2:2:1 mix runs over
     * the targets of all requests, not within each one: requests of 1 target go to ADM, ADM, FCM, FCM, Alexa in turn.
     */
    static Target target(int request, int index, int targets) {
        return target("", request, index, targets);
    }

    /** A target of one scenario's run, told apart by {@code run} from a late call of the run before. */
    static Target target(String run, int request, int index, int targets) {
        ChannelType channel = channelOf((long) request * targets + index);
        String id = String.format("bench-r%06d-t%06d", request, index) + run;
        return Target.of(channel, channel.equals(ChannelType.ADM) ? "amzn1.adm-registration.v3." + id
                : channel.equals(ChannelType.GCM) ? id + ":APA91bBenchmarkToken" : "amzn1.alexa.unit.did." + id);
    }

    private static ChannelType channelOf(long position) {
        return switch ((int) (position % 5)) {
            case 0, 1 -> ChannelType.ADM;
            case 2, 3 -> ChannelType.GCM;
            default -> ChannelType.ALEXA;
        };
    }

    static int requestOf(String address) {
        int at = address.indexOf("bench-r");
        return Integer.parseInt(address.substring(at + 7, at + 13));
    }

    private ProviderSandbox sandbox(int latency, long notifications) throws Exception {
        ProviderSandbox sandbox = new ProviderSandbox(0, Files.createDirectories(options.output().resolve("sandbox")),
                (int) Math.min(Integer.MAX_VALUE, notifications + 10_000));
        sandbox.start();
        if (latency > 0) {
            for (String provider : List.of("adm", "fcm", "alexa")) {
                sandbox.fault(Fault.slow(provider, latency, -1));
            }
        }
        return sandbox;
    }

    /**
     * The limit: the same calls made directly with Apache HttpClient 5 (the HTTP library under the gateway's
     * camel-http) with as many connections as the gateway has for all providers, one thread per connection.
     */
    private Figures limit(int latency) throws Exception {
        int requests = options.requests();
        long total = (long) requests * options.targetsPerRequest();
        ProviderSandbox sandbox = sandbox(latency, total);
        ExecutorService threads = Executors.newFixedThreadPool(limitConcurrency);
        try (PooledHttpClient http = new PooledHttpClient(limitConcurrency)) {
            Map<String, String> s = sandbox.providerSettings();
            Map<ChannelType, String> tokens = Map.of(
                    ChannelType.ADM, LwaTokenFetcher.clientCredentials(http, s.get("pushrelay.adm.token-url"),
                            s.get("pushrelay.adm.client-id"), s.get("pushrelay.adm.client-secret"), "messaging:push",
                            Clock.systemUTC()).fetch().value(),
                    ChannelType.ALEXA, LwaTokenFetcher.refreshToken(http, s.get("pushrelay.alexa.token-url"),
                            s.get("pushrelay.alexa.client-id"), s.get("pushrelay.alexa.client-secret"), s.get("pushrelay.alexa.refresh-token"),
                            settings.get("pushrelay.alexa.scope"), Clock.systemUTC()).fetch().value(),
                    ChannelType.GCM, new GoogleServiceAccountTokenFetcher(Path.of(s.get("pushrelay.fcm.credentials-file")), null).fetch().value());
            List<ProviderCall> calls = new ArrayList<>();
            for (int r = 0; r < requests; r++) {
                calls.addAll(plan(r, s));
            }
            ProcessMeter meter = new ProcessMeter();
            List<CompletableFuture<Double>> done = new ArrayList<>();
            Instant start = Instant.now();
            for (ProviderCall call : calls) {
                Map<String, String> headers = new LinkedHashMap<>(call.headers());
                headers.put("Authorization", "Bearer " + tokens.get(call.targets().get(0).channel()));
                done.add(CompletableFuture.supplyAsync(() -> {
                    long sent = System.nanoTime();
                    http.post(call.url(), headers, call.body());
                    return (System.nanoTime() - sent) / 1e6;
                }, threads));
            }
            double[] latencies = done.stream().mapToDouble(CompletableFuture::join).toArray();
            double seconds = Duration.between(start, Instant.now()).toNanos() / 1e9;
            return figures(Scenario.LIMIT, latency, total, seconds, fcmPerSecond(sandbox, start), Percentiles.of(latencies), meter);
        } finally {
            threads.shutdown();
            sandbox.stop();
        }
    }

    /** The same provider calls the gateway makes for request {@code r}. */
    private List<ProviderCall> plan(int r, Map<String, String> s) {
        PushMessage message = new PushMessage(TITLE, BODY, DATA, null, null, null, null, null, null, null, null, null,
                null, null, Map.of());
        Map<ChannelType, List<Target>> byChannel = new HashMap<>();
        for (int i = 0; i < options.targetsPerRequest(); i++) {
            Target target = target(r, i, options.targetsPerRequest());
            byChannel.computeIfAbsent(target.channel(), c -> new ArrayList<>()).add(target);
        }
        List<ProviderCall> calls = new ArrayList<>();
        byChannel.forEach((channel, targets) -> {
            WorkBatch batch = new WorkBatch("bench-" + r, channel, message, targets, false);
            calls.addAll(channel.equals(ChannelType.ADM)
                    ? new AdmProvider(s.get("pushrelay.adm.base-url"), Clock.systemUTC()).plan(batch)
                    : channel.equals(ChannelType.GCM)
                            ? new FcmProvider(s.get("pushrelay.fcm.base-url"), s.get("pushrelay.fcm.project-id"), Clock.systemUTC()).plan(batch)
                            : new AlexaProvider(s.get("pushrelay.alexa.base-url"), "en-US", Clock.systemUTC()).plan(batch));
        });
        return calls;
    }

    /**
     * The direct SDK: the FCM share of the large requests' targets, sent with firebase-admin's sendEach, either at its
     * own defaults or with as many threads and connections as the gateway has for FCM.
     */
    private Figures sdk(int latency, Scenario scenario) throws Exception {
        List<Message> messages = new ArrayList<>();
        for (int r = 0; r < options.requests(); r++) {
            for (int i = 0; i < options.targetsPerRequest(); i++) {
                Target target = target(r, i, options.targetsPerRequest());
                if (target.channel().equals(ChannelType.GCM)) {
                    messages.add(FirebaseAdminReference.message(target.address(), TITLE, BODY, DATA));
                }
            }
        }
        ProviderSandbox sandbox = sandbox(latency, messages.size());
        URI url = URI.create(sandbox.url());
        Path serviceAccount = sandbox.serviceAccountFile();
        String projectId = sandbox.providerSettings().get("pushrelay.fcm.project-id");
        try (FirebaseAdminReference sdk = scenario == Scenario.SDK_AT_DEFAULTS
                ? FirebaseAdminReference.atItsDefaults(serviceAccount, projectId, url)
                : FirebaseAdminReference.withThreads(serviceAccount, projectId, url, sdkConcurrency)) {
            ProcessMeter meter = new ProcessMeter();
            Instant start = Instant.now();
            int accepted = sdk.sendEach(messages);
            double seconds = Duration.between(start, Instant.now()).toNanos() / 1e9;
            if (accepted != messages.size()) {
                throw new IllegalStateException("firebase-admin had " + accepted + " of " + messages.size() + " accepted");
            }
            return figures(scenario, latency, messages.size(), seconds, messages.size() / seconds,
                    latencies(sandbox, "", r -> start), meter);
        } finally {
            sandbox.stop();
        }
    }

    /**
     * The gateway: the large requests put on push.requests at once, measured until the sandbox has received every
     * notification; then the small requests, all at once (the gateway's maximum for them); then, when
     * {@code pacedSeconds} > 0, small requests enqueued evenly at half that maximum, for the latency of a gateway that
     * keeps up.
     */
    private List<Figures> gateway(int latency, int pacedSeconds) throws Exception {
        long notifications = Math.max((long) options.requests() * options.targetsPerRequest(),
                (long) options.smallRequests() * options.smallTargets());
        ProviderSandbox sandbox = sandbox(latency, Math.max(notifications, 100_000));
        Path data = Files.createDirectories(options.output().resolve("gateway-" + latency + "ms-" + System.nanoTime()));
        Map<String, String> overrides = new HashMap<>(sandbox.providerSettings());
        overrides.put("pushrelay.sandbox.enabled", "false");
        overrides.put("pushrelay.data.dir", data.toString());
        overrides.putAll(options.database().open(data));
        overrides.put("pushrelay.http.port", "0");
        int port = ProcessMeter.freePort();
        overrides.put("pushrelay.broker.url", "tcp://127.0.0.1:" + port);
        overrides.put("pushrelay.campaign.dir", data.resolve("campaigns").toString());
        try (Gateway gateway = new Gateway(overrides).start();
                // persistent requests, sent as a high-rate producer sends them: without waiting for each one's journal
                // sync (the broker still syncs it). A producer that waits (a sync is ~3.5 ms here) does at most ~280 sends/s,
                // below what the gateway takes, and the bench would measure the producer
                Connection connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port + "?blockOnDurableSend=false")
                        .createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("push.requests"));
            Load load = new Load(latency, sandbox, session, producer,
                    gateway.context().getRegistry().lookupByNameAndType(DatabaseConfiguration.DATA_SOURCE, DataSource.class));
            List<Figures> figures = new ArrayList<>();
            figures.add(load.run(Scenario.GATEWAY, options.requests(), options.targetsPerRequest(), 0, true));
            int small = options.smallTargets();
            Figures smallBurst = load.run(Scenario.SMALL_REQUESTS, options.smallRequests(), small, 0, false);
            figures.add(smallBurst);
            if (pacedSeconds > 0) {
                double rate = smallBurst.perSecond() / 2;
                figures.add(load.run(Scenario.SMALL_AT_HALF_RATE, Math.max(1, (int) (rate * pacedSeconds / small)), small,
                        (long) (1e9 * small / rate), false));
            }
            return figures;
        } finally {
            sandbox.stop();
            options.database().close();
            // half a gigabyte of journal and database a run, and the warm-up makes up to six more
            FileUtil.removeDir(data.toFile());
        }
    }

    /** Send requests put on a running gateway's push.requests, measured until every notification arrived. */
    private final class Load {
        private final int latency;
        private final ProviderSandbox sandbox;
        private final Session session;
        private final MessageProducer producer;
        private final DataSource database;

        Load(int latency, ProviderSandbox sandbox, Session session, MessageProducer producer, DataSource database) {
            this.latency = latency;
            this.sandbox = sandbox;
            this.session = session;
            this.producer = producer;
            this.database = database;
        }

        /**
         * {@code requests} requests of {@code targets} targets, one every {@code intervalNanos} (0: all at once). With
         * {@code groups}, every other request is the Group shape, to a group of its own seeded beforehand.
         */
        Figures run(Scenario scenario, int requests, int targets, long intervalNanos, boolean groups) throws Exception {
            sandbox.state().clearCalls();
            String run = "-k" + (++runs) + "k";
            List<String> bodies = new ArrayList<>();
            String slug = scenario.key() + "-" + System.nanoTime();
            for (int r = 0; r < requests; r++) {
                if (groups && r % 2 == 1) {
                    int request = r;
                    String group = slug + "-g" + r;
                    GroupSeed.insert(database, group, targets, i -> {
                        Target target = target(run, request, i, targets);
                        return new GroupSeed.Member(target.channel(), target.address());
                    });
                    bodies.add(Json.write(Map.of("RequestId", group, "group_name", group, "data", DATA,
                            "notification", Map.of("title", TITLE, "body", BODY))));
                } else {
                    bodies.add(request(run, slug, r, targets));
                }
            }
            ProcessMeter meter = new ProcessMeter();
            Instant[] enqueued = new Instant[requests];
            Instant start = Instant.now();
            long next = System.nanoTime();
            for (int r = 0; r < requests; r++) {
                if (intervalNanos > 0) {
                    LockSupport.parkNanos(next - System.nanoTime());
                    next += intervalNanos;
                }
                enqueued[r] = Instant.now();
                producer.send(session.createTextMessage(bodies.get(r)));
            }
            long total = (long) requests * targets;
            awaitDelivered(sandbox, total, run);
            double seconds = Duration.between(start, Instant.now()).toNanos() / 1e9;
            return figures(scenario, latency, total, seconds, fcmPerSecond(sandbox, start), latencies(sandbox, run, r -> enqueued[r]), meter);
        }
    }

    /**
     * Until the sandbox has every notification of the run: first by its running count (cheap to poll), then, as a late
     * call of the run before may be in that count, by the run's own distinct targets.
     */
    private static void awaitDelivered(ProviderSandbox sandbox, long notifications, String run) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(20));
        while (sandbox.state().deliveredNotifications() < notifications) {
            failAfter(deadline, sandbox.state().deliveredNotifications(), notifications);
            LockSupport.parkNanos(2_000_000);
        }
        long distinct;
        while ((distinct = distinctDelivered(sandbox, run)) < notifications) {
            failAfter(deadline, distinct, notifications);
            LockSupport.parkNanos(20_000_000);
        }
    }

    private static long distinctDelivered(ProviderSandbox sandbox, String run) {
        Map<String, Integer> byFirstTarget = new HashMap<>();
        delivered(sandbox, run).forEach(c -> byFirstTarget.put(c.address(), c.notifications()));
        return byFirstTarget.values().stream().mapToLong(Integer::longValue).sum();
    }

    private static void failAfter(Instant deadline, long arrived, long notifications) {
        if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException("only " + arrived + " of " + notifications + " notifications arrived in 20 minutes");
        }
    }

    private String request(String run, String requestIdPrefix, int r, int targets) {
        Map<String, Object> addresses = new LinkedHashMap<>();
        for (int i = 0; i < targets; i++) {
            Target target = target(run, r, i, targets);
            addresses.put(target.address(), Map.of("ChannelType", target.channel().name()));
        }
        return Json.write(Map.of("RequestId", requestIdPrefix + "-" + r, "Addresses", addresses,
                "MessageConfiguration", Map.of("DefaultPushNotificationMessage", Map.of("Title", TITLE, "Body", BODY, "Data", DATA))));
    }

    /**
     * Per notification of the run: from when its request was sent (by request number) to the sandbox receiving its
     * first call (a second call to the same target, a retry of a call whose answer was lost, is reported, not counted).
     */
    private static Percentiles latencies(ProviderSandbox sandbox, String run, java.util.function.IntFunction<Instant> sentAt) {
        List<Double> latencies = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<RecordedCall> calls = delivered(sandbox, run);
        for (RecordedCall call : calls) {
            if (!seen.add(call.address())) {
                continue;
            }
            double ms = Duration.between(sentAt.apply(requestOf(call.address())), call.receivedAt()).toNanos() / 1e6;
            for (int n = call.notifications(); n > 0; n--) {
                latencies.add(ms);
            }
        }
        if (seen.size() < calls.size()) {
            System.out.println("note: " + (calls.size() - seen.size()) + " target(s) of this scenario were called more than once");
        }
        return Percentiles.of(latencies.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The rate at which FCM received its share: its accepted calls over the time to the last of them. */
    private static double fcmPerSecond(ProviderSandbox sandbox, Instant start) {
        List<RecordedCall> fcm = delivered(sandbox).stream().filter(c -> c.provider().equals("fcm")).toList();
        Instant last = fcm.stream().map(RecordedCall::receivedAt).max(Instant::compareTo).orElse(start);
        double seconds = Duration.between(start, last).toNanos() / 1e9;
        return seconds <= 0 ? 0 : fcm.size() / seconds;
    }

    private static List<RecordedCall> delivered(ProviderSandbox sandbox) {
        return sandbox.calls(null).stream().filter(c -> c.notifications() > 0).toList();
    }

    private static List<RecordedCall> delivered(ProviderSandbox sandbox, String run) {
        return delivered(sandbox).stream().filter(c -> c.address().contains(run)).toList();
    }

    private static Figures figures(Scenario scenario, int latency, long notifications, double seconds, double fcmPerSecond,
            Percentiles p, ProcessMeter meter) {
        return new Figures(scenario, latency, notifications, seconds, notifications / seconds, fcmPerSecond, p,
                ProcessMeter.peakHeapMb(), ProcessMeter.peakRssMb(), meter.cpuSeconds() / notifications * 1000);
    }

    /** The ratios the targets are stated in, by provider latency. */
    public Map<Integer, Ratios> ratios(List<Figures> figures) {
        return Ratios.byLatency(figures, options.smallTargets());
    }

    /** The table the command prints, with the ratios. */
    public String table(List<Figures> figures) {
        StringBuilder out = new StringBuilder("sizes: " + sizes() + System.lineSeparator());
        out.append(String.format("%-40s %8s %8s %8s %10s %10s %8s %8s %8s %8s %8s %10s%n", "scenario",
                "latency", "notifs", "seconds", "per sec", "FCM/s", "p50 ms", "p95 ms", "p99 ms", "heap MB", "RSS MB", "CPU s/1k"));
        for (Figures f : figures) {
            out.append(String.format("%-40s %5d ms %8d %8.1f %10.0f %10.0f %8.1f %8.1f %8.1f %8.0f %8.0f %10.3f%n", f.scenario().label(),
                    f.providerLatencyMs(), f.notifications(), f.seconds(), f.perSecond(), f.fcmPerSecond(), f.latencyMs().p50(),
                    f.latencyMs().p95(), f.latencyMs().p99(), f.peakHeapMb(), f.peakRssMb(), f.cpuSecondsPer1000()));
        }
        ratios(figures).forEach((latency, r) -> out.append(String.format(
                "at %d ms: gateway/limit %.0f %%, gateway/firebase-admin at its defaults for the FCM share %.2f×, "
                        + "%.0f small requests/s, p99 at half rate %.1f ms%n",
                latency, 100 * r.gatewayOverLimit(), r.gatewayFcmOverSdk(), r.smallRequestsPerSecond(),
                Ratios.find(figures, Scenario.SMALL_AT_HALF_RATE, latency).map(f -> f.latencyMs().p99()).orElse(0.0))));
        return out.toString();
    }
}
