package io.pushrelay.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.pushrelay.Gateway;
import io.pushrelay.config.Settings;
import io.pushrelay.sandbox.ProviderSandbox;
import org.apache.camel.CamelContext;

/**
 * The real gateway, started in this JVM exactly as {@code java -jar} starts it, on free ports, with its broker
 * journal and H2 file in a fresh directory: tests do not share state unless they ask to.
 */
public final class TestGateway implements AutoCloseable {

    private final Gateway gateway;
    private final Map<String, String> overrides;
    private JmsClient jms;

    private TestGateway(Map<String, String> overrides) throws Exception {
        this.overrides = overrides;
        this.gateway = new Gateway(overrides).start();
    }

    public static TestGateway start() throws Exception {
        return start(Map.of());
    }

    public static TestGateway start(Map<String, String> extra) throws Exception {
        return new TestGateway(defaults(extra));
    }

    /** The overrides a test gateway runs with: fresh data directory, free ports, plus the test's own. */
    public static Map<String, String> defaults(Map<String, String> extra) throws Exception {
        Path dir = Files.createDirectories(Path.of("gateways", UUID.randomUUID().toString()));
        Map<String, String> o = new HashMap<>();
        o.put("pushrelay.data.dir", dir.toString());
        o.put("pushrelay.db.url", "jdbc:h2:file:" + dir.toAbsolutePath().resolve("pushrelay"));
        o.put("pushrelay.broker.url", "tcp://127.0.0.1:" + FreePort.find());
        o.put("pushrelay.http.port", String.valueOf(FreePort.find()));
        o.putAll(extra);
        return o;
    }

    public CamelContext context() {
        return gateway.context();
    }

    public Settings settings() {
        return context().getRegistry().findSingleByType(Settings.class);
    }

    public ProviderSandbox sandbox() {
        return context().getRegistry().findSingleByType(ProviderSandbox.class);
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + overrides.get("pushrelay.http.port");
    }

    public String brokerUrl() {
        return overrides.get("pushrelay.broker.url");
    }

    /** A JMS client over TCP, as an external system connects. */
    public synchronized JmsClient jms() throws Exception {
        if (jms == null) {
            jms = new JmsClient(brokerUrl());
        }
        return jms;
    }

    @Override
    public void close() throws Exception {
        if (jms != null) {
            jms.close();
        }
        gateway.close();
    }
}
