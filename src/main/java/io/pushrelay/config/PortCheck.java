package io.pushrelay.config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;


/** Fails early, naming the key, when a port the gateway must listen on is taken: better than a bind stack trace. */
public final class PortCheck {

    private PortCheck() {
    }

    public static void requireFree(String key, String host, int port) {
        if (port <= 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new InvalidSettingException(key, "port " + port + " on " + host + " is already in use ("
                    + e.getMessage() + "); stop what holds it or choose another port");
        }
    }
}
