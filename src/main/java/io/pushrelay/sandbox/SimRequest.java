package io.pushrelay.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A received request, reduced to what the simulators look at. Header names are lower-cased. */
record SimRequest(String method, String path, Map<String, String> headers, String body, Map<String, String> pathParams) {

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The bearer token of the Authorization header, or null. */
    String bearer() {
        String auth = header("authorization");
        return auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : null;
    }

    boolean contentTypeIs(String mediaType) {
        String type = header("content-type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith(mediaType);
    }

    /** The body as an application/x-www-form-urlencoded form. */
    Map<String, String> form() {
        Map<String, String> form = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            form.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return form;
    }
}
