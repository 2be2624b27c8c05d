package io.pushrelay.sandbox;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import javax.net.ssl.KeyManagerFactory;

import io.vertx.core.Vertx;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The sandbox's APNs endpoint: HTTP/2 over TLS only (ALPN h2), as Apple serves it, on a loopback port of its own,
 * with a certificate for 127.0.0.1 made at start (BouncyCastle) and a PKCS12 trust store holding it, which the
 * sandbox's settings hand to the gateway ({@code pushrelay.provider.trust-store}): the gateway trusts it only while
 * the sandbox is on. {@code /3/device/{token}} is production, {@code /sandbox/3/device/{token}} the development
 * environment.
 */
public final class ApnsServer {

    /** As many streams per connection as APNs announces. */
    static final int MAX_CONCURRENT_STREAMS = 1000;

    private final HttpServer server;
    private final ApnsSimulator simulator;
    private final Path trustStore;
    private final String trustStorePassword;

    private ApnsServer(HttpServer server, ApnsSimulator simulator, Path trustStore, String trustStorePassword) {
        this.server = server;
        this.simulator = simulator;
        this.trustStore = trustStore;
        this.trustStorePassword = trustStorePassword;
    }

    /** Started on a free loopback port; {@code handle} is the sandbox's common handling (faults, delays, records). */
    static ApnsServer start(Vertx vertx, SandboxState state, Path dir,
            BiConsumer<RoutingContext, Map<String, String>> handle) throws Exception {
        ApnsSimulator simulator = ApnsSimulator.create(state, dir);
        KeyPair keys = keyPair();
        X509Certificate certificate = selfSigned(keys);
        String password = UUID.randomUUID().toString();
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        identity.setKeyEntry("apns", keys.getPrivate(), password.toCharArray(), new Certificate[] {certificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(identity, password.toCharArray());
        Path trustStore = dir.resolve("apns-trust.p12");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("pushrelay-sandbox-apns", certificate);
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trust.store(out, password.toCharArray());
        }
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            if (ctx.request().version() != HttpVersion.HTTP_2) {
                // APNs speaks HTTP/2 only
                ctx.response().setStatusCode(505).end();
            } else {
                ctx.next();
            }
        });
        router.route().handler(BodyHandler.create().setBodyLimit(64 * 1024));
        router.postWithRegex("(?:/sandbox)?/3/device/([^/]*)")
                .handler(ctx -> handle.accept(ctx, Map.of("token", ctx.pathParam("param0"))));
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setSsl(true).setUseAlpn(true).setKeyCertOptions(KeyCertOptions.wrap(keyManagers))
                .setTcpNoDelay(true).setIdleTimeout(120)
                .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(MAX_CONCURRENT_STREAMS)));
        server.requestHandler(router).listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new ApnsServer(server, simulator, trustStore, password);
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** A certificate for 127.0.0.1 and localhost, valid for a day, signed by its own key. */
    static X509Certificate selfSigned(KeyPair keys) throws Exception {
        X500Name name = new X500Name("CN=pushrelay sandbox APNs");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    public ApnsSimulator simulator() {
        return simulator;
    }

    /** {@code https://127.0.0.1:<port>}. */
    public String url() {
        return "https://127.0.0.1:" + server.actualPort();
    }

    /** The keys that point the gateway's APNs plug-in at this server, and make it trust the server's certificate. */
    Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("pushrelay.apns.base-url", url());
        s.put("pushrelay.apns.sandbox-base-url", url() + "/sandbox");
        s.put("pushrelay.apns.key-file", simulator.keyFile().toString());
        s.put("pushrelay.apns.key-id", ApnsSimulator.KEY_ID);
        s.put("pushrelay.apns.team-id", ApnsSimulator.TEAM_ID);
        s.put("pushrelay.apns.topic", ApnsSimulator.TOPIC);
        s.put("pushrelay.provider.trust-store", trustStore.toString());
        s.put("pushrelay.provider.trust-store-password", trustStorePassword);
        return s;
    }
}
