package io.pushrelay.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.camel.Exchange;

/**
 * The console's page and its script and style sheet, from the jar ({@code console/} on the classpath): plain
 * HTML, CSS and JavaScript, nothing fetched from anywhere else. Only the files named here are served.
 */
public final class ConsoleAssets {

    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8");

    /** The asset's bytes, with its content type and headers that keep the page to itself; 404 for any other name. */
    public byte[] serve(String name, Exchange exchange) {
        String type = name == null ? null : TYPES.get(name);
        exchange.getMessage().setHeader("X-Content-Type-Options", "nosniff");
        if (type == null) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
            return ("No such file: " + name).getBytes(StandardCharsets.UTF_8);
        }
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, type);
        exchange.getMessage().setHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
        try (InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream("console/" + name)) {
            if (in == null) {
                throw new IllegalStateException("console/" + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
