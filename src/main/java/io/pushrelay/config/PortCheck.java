package io.pushrelay.config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;


/** Fails early, naming the key, when a port the gateway must listen on is taken: better than a bind stack trace. */
public final class PortCheck {

    private PortCheck() {
    }

    public static void requireFree(String key, String host, int port) {
        String problem = problem(host, port);
        if (problem != null) {
            throw new InvalidSettingException(key, problem);
        }
    }

    /** Null when the port is free (or 0, any port), else what holds it up. */
    public static String problem(String host, int port) {
        if (port <= 0) {
            return null;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
            return null;
        } catch (IOException e) {
            return "port " + port + " on " + host + " is already in use (" + e.getMessage()
                    + "); stop what holds it or choose another port";
        }
    }
}
