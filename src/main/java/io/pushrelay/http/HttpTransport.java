package io.pushrelay.http;

import java.util.Map;

/** Sends one HTTP POST and returns what came back; never throws: a failure to get an answer is in the answer. */
public interface HttpTransport {

    HttpAnswer post(String url, Map<String, String> headers, String body);
}
