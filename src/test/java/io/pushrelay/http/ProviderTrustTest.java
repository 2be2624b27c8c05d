package io.pushrelay.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLHandshakeException;

import io.pushrelay.sandbox.ProviderSandbox;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * pushrelay.provider.trust-store: the sandbox's APNs server is reached through the trust store it hands over, and
 * refused without it; a self-signed server not in the store is refused by both clients.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderTrustTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    ProviderSandbox sandbox;
    Vertx vertx;
    HttpServer stranger;
    ProviderTrust trust;

    @BeforeAll
    void start() throws Exception {
        sandbox = new ProviderSandbox(0, dir);
        sandbox.start();
        Map<String, String> settings = sandbox.providerSettings();
        trust = ProviderTrust.of(settings.get("pushrelay.provider.trust-store"),
                settings.get("pushrelay.provider.trust-store-password"));
        vertx = Vertx.vertx();
        SelfSignedCertificate certificate = SelfSignedCertificate.create("127.0.0.1");
        stranger = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
                .setUseAlpn(true).setKeyCertOptions(certificate.keyCertOptions()))
                .requestHandler(r -> r.response().end("{}"));
        stranger.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        sandbox.stop();
    }

    String apnsUrl() {
        return sandbox.providerSettings().get("pushrelay.apns.base-url") + "/3/device/" + "ab".repeat(32);
    }

    String strangerUrl() {
        return "https://127.0.0.1:" + stranger.actualPort() + "/";
    }

    static HttpAnswer post(HttpTransport http, String url) throws Exception {
        return http.post(url, Map.of("content-type", "application/json"), "{}").get(30, TimeUnit.SECONDS);
    }

    static boolean refusedCertificate(HttpAnswer answer) {
        for (Throwable t = answer.error(); t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException || String.valueOf(t.getMessage()).contains("PKIX")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theNonBlockingClientTrustsTheStoreBesideTheJdkAndNothingElse() throws Exception {
        ProviderHttp trusting = new ProviderHttp(trust);
        ProviderHttp jdkOnly = new ProviderHttp();
        try {
            HttpTransport h2 = trusting.transport(HttpProtocol.HTTP_2, 1, TIMEOUT, TIMEOUT);
            HttpAnswer apns = post(h2, apnsUrl());
            // through TLS and on HTTP/2 to the simulator, which wants a provider token
            assertThat(apns.error()).isNull();
            assertThat(apns.status()).isEqualTo(403);
            assertThat(apns.body()).contains("MissingProviderToken");
            assertThat(refusedCertificate(post(h2, strangerUrl()))).as("a self-signed server not in the store").isTrue();
            assertThat(refusedCertificate(post(jdkOnly.transport(HttpProtocol.HTTP_2, 1, TIMEOUT, TIMEOUT), apnsUrl())))
                    .as("the sandbox without its trust store").isTrue();
        } finally {
            trusting.stop();
            jdkOnly.stop();
        }
    }

    @Test
    void theCamelHttpClientTrustsTheStoreToo() throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        context.start();
        try {
            HttpTransport http = new CamelHttpTransport(context, "t", "http://t", 1, TIMEOUT, TIMEOUT, trust);
            // the handshake succeeds; the simulator then refuses HTTP/1.1, as APNs does
            assertThat(post(http, apnsUrl()).status()).isEqualTo(505);
            assertThat(refusedCertificate(post(http, strangerUrl()))).isTrue();
            HttpTransport jdkOnly = new CamelHttpTransport(context, "j", "http://j", 1, TIMEOUT, TIMEOUT,
                    ProviderTrust.of("", ""));
            assertThat(refusedCertificate(post(jdkOnly, apnsUrl()))).isTrue();
        } finally {
            context.stop();
        }
    }
}
