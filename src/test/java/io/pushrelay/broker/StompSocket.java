package io.pushrelay.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** STOMP 1.2 frames over a plain socket, as a script would speak to the broker. */
final class StompSocket implements AutoCloseable {

    record Frame(String command, Map<String, String> headers, String body) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    StompSocket(String brokerUrl, Duration readTimeout) throws IOException {
        URI uri = URI.create(brokerUrl);
        socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout((int) readTimeout.toMillis());
        in = socket.getInputStream();
        out = socket.getOutputStream();
        send("CONNECT", Map.of("accept-version", "1.2", "host", "pushrelay"), "");
        Frame connected = read();
        if (!connected.command().equals("CONNECTED")) {
            throw new IOException("not connected: " + connected);
        }
    }

    void send(String command, Map<String, String> headers, String body) throws IOException {
        StringBuilder frame = new StringBuilder(command).append('\n');
        headers.forEach((k, v) -> frame.append(k).append(':').append(v).append('\n'));
        frame.append('\n').append(body).append('\0');
        out.write(frame.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next frame; heart-beat newlines between frames are skipped. */
    Frame read() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) == '\n' || b == '\r') {
            // heart-beat
        }
        while (b != 0) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            bytes.write(b);
            b = in.read();
        }
        String[] parts = bytes.toString(StandardCharsets.UTF_8).split("\n\n", 2);
        String[] lines = parts[0].split("\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.putIfAbsent(lines[i].substring(0, colon), lines[i].substring(colon + 1));
        }
        return new Frame(lines[0], headers, parts.length > 1 ? parts[1] : "");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
