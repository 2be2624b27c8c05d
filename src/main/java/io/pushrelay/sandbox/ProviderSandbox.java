package io.pushrelay.sandbox;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider sandbox: simulators of the LWA and Google token endpoints, ADM, FCM v1 and Alexa on one loopback
 * HTTP server, so the gateway runs end to end with no provider credentials. Paths: {@code /lwa/auth/o2/token},
 * {@code /google/token}, {@code /adm/messaging/registrations/{id}/messages},
 * {@code /fcm/v1/projects/{project}/messages:send}, {@code /alexa/v3/notifications}; control API under
 * {@code /_sandbox} (calls, faults, unregistered addresses, rotations, tokens). Usable from tests on its own.
 */
public class ProviderSandbox extends ServiceSupport {

    public static final String ADM_CLIENT_ID = "amzn1.application-oa2-client.sandbox-adm";
    public static final String ADM_CLIENT_SECRET = "sandbox-adm-secret";
    public static final String ALEXA_CLIENT_ID = "amzn1.application-oa2-client.sandbox-alexa";
    public static final String ALEXA_CLIENT_SECRET = "sandbox-alexa-secret";
    public static final String ALEXA_REFRESH_TOKEN = "Atzr|sandbox-alexa-refresh-token";
    public static final String FCM_PROJECT_ID = "pushrelay-sandbox";
    public static final long FCM_QUOTA_PER_MINUTE = 600_000;
    /** Streams an HTTP/2 client may have open at once on one connection (SETTINGS_MAX_CONCURRENT_STREAMS). */
    public static final int MAX_CONCURRENT_STREAMS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(ProviderSandbox.class);

    private final int requestedPort;
    private final Path dataDir;
    private final SandboxState state;
    private Vertx vertx;
    private HttpServer server;
    private SandboxServiceAccount serviceAccount;
    private ApnsServer apns;

    /** A sandbox that keeps the last 10,000 calls it received (and counts all of them). */
    public ProviderSandbox(int port, Path dataDir) {
        this(port, dataDir, 10_000);
    }

    public ProviderSandbox(int port, Path dataDir, int recordLimit) {
        this.requestedPort = port;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.state = new SandboxState(Clock.systemUTC(), recordLimit);
    }

    @Override
    protected void doStart() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2));
        Router router = Router.router(vertx);
        // HTTP/1.1 and HTTP/2 on one port: cleartext h2c, with prior knowledge or by upgrade, and as many concurrent
        // streams per connection as Google's front ends allow FCM clients
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(requestedPort)
                .setTcpNoDelay(true).setIdleTimeout(120).setHttp2ClearTextEnabled(true)
                .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(MAX_CONCURRENT_STREAMS)));
        router.route().handler(BodyHandler.create().setBodyLimit(1024 * 1024));
        // the port is known only once bound, and the token URI inside the key file names it: bind, then route
        server.requestHandler(router).listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        serviceAccount = SandboxServiceAccount.create(FCM_PROJECT_ID, url() + "/google/token",
                dataDir.resolve("service-account.json"));
        routes(router);
        apns = ApnsServer.start(vertx, state, dataDir.resolve("apns"), (ctx, params) -> handle(apns.simulator(), ctx, params));
        LOG.debug("Provider sandbox listening on {}", url());
    }

    @Override
    protected void doStop() throws Exception {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            server = null;
        }
    }

    private void routes(Router router) {
        Map<String, LwaTokenSimulator.Client> clients = Map.of(
                ADM_CLIENT_ID, new LwaTokenSimulator.Client(ADM_CLIENT_ID, ADM_CLIENT_SECRET, null, Set.of("messaging:push")),
                ALEXA_CLIENT_ID, new LwaTokenSimulator.Client(ALEXA_CLIENT_ID, ALEXA_CLIENT_SECRET, ALEXA_REFRESH_TOKEN,
                        Set.of("alexa::enterprise:management", "alexa::proactive_events")));
        Simulator lwa = new LwaTokenSimulator(state, clients);
        Simulator google = new GoogleTokenSimulator(state, serviceAccount);
        Simulator adm = new AdmSimulator(state, ADM_CLIENT_ID);
        Simulator fcm = new FcmSimulator(state, FCM_PROJECT_ID, serviceAccount.clientEmail(), FCM_QUOTA_PER_MINUTE);
        Simulator alexa = new AlexaSimulator(state, Set.of(ALEXA_CLIENT_ID));
        router.routeWithRegex(HttpMethod.POST, "(?i)/lwa/auth/o2/token").handler(ctx -> handle(lwa, ctx, Map.of()));
        router.post("/google/token").handler(ctx -> handle(google, ctx, Map.of()));
        router.postWithRegex("/adm/messaging/registrations/(.+)/messages")
                .handler(ctx -> handle(adm, ctx, admId(ctx.request().path())));
        // also at FCM's own path, so that a client that cannot change its base URL (firebase-admin) needs only its host
        router.postWithRegex("(?:/fcm)?/v1/projects/([^/]+)/messages:send")
                .handler(ctx -> handle(fcm, ctx, Map.of("project", decode(ctx.pathParam("param0")))));
        router.post("/alexa/v3/notifications").handler(ctx -> handle(alexa, ctx, Map.of()));
        new SandboxControl(state).register(router);
    }

    void handle(Simulator simulator, RoutingContext ctx, Map<String, String> pathParams) {
        Map<String, String> headers = new LinkedHashMap<>();
        ctx.request().headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        String body = ctx.body().asString(StandardCharsets.UTF_8.name());
        SimRequest request = new SimRequest(ctx.request().method().name(), ctx.request().uri(), headers,
                body == null ? "" : body, pathParams);
        String address = simulator.addressOf(request);
        Fault fault = state.takeFault(simulator.provider, address);
        Instant received = state.now();
        String version = ctx.request().version() == HttpVersion.HTTP_2 ? "HTTP/2" : ctx.request().version() == HttpVersion.HTTP_1_0
                ? "HTTP/1.0" : "HTTP/1.1";
        String connection = String.valueOf(ctx.request().connection().remoteAddress());
        state.enter(simulator.provider);
        Runnable respond = () -> {
            state.leave(simulator.provider);
            Reply reply = simulator.answer(request, fault);
            state.record(new RecordedCall(simulator.provider, request.method(), request.path(), headers,
                    request.body(), address, reply.status(), received, state.now(),
                    reply.status() / 100 == 2 ? simulator.notifications(request) : 0, version, connection));
            var response = ctx.response().setStatusCode(reply.status());
            reply.headers().forEach(response::putHeader);
            response.end(reply.body());
        };
        if (fault != null && fault.delayMillis() > 0) {
            vertx.setTimer(fault.delayMillis(), id -> respond.run());
        } else {
            respond.run();
        }
    }

    private static String decode(String raw) {
        return raw == null ? null : URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static final Pattern ADM_PATH = Pattern.compile("/adm/messaging/registrations/([^/]+)/messages");

    /**
     * The registration ID as ADM reads it: from the raw path, one segment, percent-decoded once as RFC 3986 says
     * ('+' is a plus); none (so InvalidRegistrationId) when the segment is not one or does not decode to UTF-8.
     */
    private static Map<String, String> admId(String rawPath) {
        Matcher m = ADM_PATH.matcher(rawPath);
        String id = m.matches() ? percentDecoded(m.group(1)) : null;
        return id == null ? Map.of() : Map.of("id", id);
    }

    static String percentDecoded(String segment) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                int hi = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(segment.charAt(i + 2), 16);
                if (lo < 0) {
                    return null;
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c > 0x20 && c < 0x7F) {
                bytes.write(c);
            } else {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public SandboxState state() {
        return state;
    }

    /** The APNs simulator, on its own HTTP/2 TLS server ({@link ApnsServer}). */
    public ApnsSimulator apns() {
        return apns.simulator();
    }

    public Path serviceAccountFile() {
        return serviceAccount.file();
    }

    /** The provider keys that point the gateway at this sandbox, with the sandbox's own credentials. */
    public Map<String, String> providerSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("pushrelay.adm.base-url", url() + "/adm");
        s.put("pushrelay.adm.token-url", url() + "/lwa/auth/o2/token");
        s.put("pushrelay.adm.client-id", ADM_CLIENT_ID);
        s.put("pushrelay.adm.client-secret", ADM_CLIENT_SECRET);
        s.put("pushrelay.fcm.base-url", url() + "/fcm");
        s.put("pushrelay.fcm.project-id", FCM_PROJECT_ID);
        s.put("pushrelay.fcm.credentials-file", serviceAccount.file().toString());
        s.put("pushrelay.fcm.token-url", "");
        s.put("pushrelay.alexa.base-url", url() + "/alexa");
        s.put("pushrelay.alexa.token-url", url() + "/lwa/auth/o2/token");
        s.put("pushrelay.alexa.client-id", ALEXA_CLIENT_ID);
        s.put("pushrelay.alexa.client-secret", ALEXA_CLIENT_SECRET);
        s.put("pushrelay.alexa.refresh-token", ALEXA_REFRESH_TOKEN);
        s.putAll(apns.settings());
        return s;
    }

    // ---- conveniences for tests and operators

    public List<RecordedCall> calls(String provider) {
        return state.calls(provider);
    }

    public void fault(Fault fault) {
        state.addFault(fault);
    }

    /** Tokens issued for this provider ("adm", "alexa" or "fcm") from now on expire after {@code lifetime}. */
    public void tokenLifetime(String provider, Duration lifetime) {
        state.setTokenLifetime(clientOf(provider), lifetime);
    }

    public int tokensIssued(String provider) {
        return state.tokensIssued(clientOf(provider));
    }

    private String clientOf(String provider) {
        return switch (provider) {
            case "adm" -> ADM_CLIENT_ID;
            case "alexa" -> ALEXA_CLIENT_ID;
            case "fcm" -> serviceAccount.clientEmail();
            default -> throw new IllegalArgumentException("Unknown provider " + provider);
        };
    }

}
