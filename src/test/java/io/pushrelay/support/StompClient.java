package io.pushrelay.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * STOMP 1.2 frames over a plain socket, as a shell script or a small library would speak them: no client library
 * stands between the test and the broker's STOMP protocol manager.
 */
public final class StompClient implements AutoCloseable {

    /** One frame: its command, headers and body. */
    public record Frame(String command, Map<String, String> headers, String body) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public StompClient(String host, int port) throws IOException {
        socket = new Socket(host, port);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        write("CONNECT", Map.of("accept-version", "1.2", "host", host), "", false);
        Frame connected = read(Duration.ofSeconds(10));
        if (connected == null || !connected.command().equals("CONNECTED")) {
            throw new IOException("STOMP CONNECT answered " + connected);
        }
    }

    /** A frame; {@code withLength} adds content-length, which makes Artemis turn a SEND into a BytesMessage. */
    public synchronized void write(String command, Map<String, String> headers, String body, boolean withLength)
            throws IOException {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder frame = new StringBuilder(command).append('\n');
        headers.forEach((k, v) -> frame.append(k).append(':').append(v).append('\n'));
        if (withLength) {
            frame.append("content-length:").append(payload.length).append('\n');
        }
        frame.append('\n');
        out.write(frame.toString().getBytes(StandardCharsets.UTF_8));
        out.write(payload);
        out.write(0);
        out.flush();
    }

    /** The next frame that is not a heart-beat, or null when none comes within the timeout. */
    public Frame read(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        while (Instant.now().isBefore(deadline)) {
            socket.setSoTimeout((int) Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                return null;
            }
            if (b < 0) {
                throw new IOException("the broker closed the STOMP connection");
            }
            if (b == 0) {
                Frame frame = parse(buffer.toString(StandardCharsets.UTF_8));
                if (frame != null) {
                    return frame;
                }
                buffer.reset();
            } else {
                buffer.write(b);
            }
        }
        return null;
    }

    private static Frame parse(String raw) {
        String text = raw.replaceFirst("^[\r\n]+", "");
        if (text.isEmpty()) {
            return null;
        }
        int end = text.indexOf("\n\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 2);
        String[] lines = head.split("\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(lines[i].substring(0, colon), lines[i].substring(colon + 1));
            }
        }
        return new Frame(lines[0], headers, body);
    }

    @Override
    public void close() throws IOException {
        try {
            write("DISCONNECT", Map.of(), "", false);
        } catch (IOException e) {
            // the broker closes the connection itself after an ERROR frame
        } finally {
            socket.close();
        }
    }
}
