package io.pushrelay.http;

import java.util.Locale;
import java.util.Map;

/** A provider's answer as received, or the error that stopped it from arriving ({@code status} 0 then). */
public record HttpAnswer(int status, Map<String, String> headers, String body, Exception error) {

    public static HttpAnswer failed(Exception error) {
        return new HttpAnswer(0, Map.of(), "", error);
    }

    public String header(String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return e.getValue();
            }
        }
        return null;
    }

    public boolean isJson() {
        String type = header("Content-Type");
        return body != null && !body.isBlank() && (type == null || type.contains("json")) && body.trim().startsWith("{");
    }
}
