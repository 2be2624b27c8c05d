package io.pushrelay.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a simulator answers: status, headers, body. */
record Reply(int status, Map<String, String> headers, String body) {

    static Reply json(int status, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        return new Reply(status, headers, body);
    }

    static Reply empty(int status) {
        return new Reply(status, new LinkedHashMap<>(), "");
    }

    static Reply html(int status) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/html; charset=UTF-8");
        String page = "<!DOCTYPE html><html lang=en><meta charset=utf-8><title>Error " + status + " (Server Error)!!1</title>"
                + "<p><b>" + status + ".</b> <ins>That’s an error.</ins><p>The server encountered a temporary error and "
                + "could not complete your request.<p>Please try again in 30 seconds. <ins>That’s all we know.</ins></html>";
        return new Reply(status, headers, page);
    }

    Reply header(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Reply(status, copy, body);
    }
}
