package io.pushrelay.provider;

import java.util.List;
import java.util.Map;

import io.pushrelay.message.Target;

/** One HTTP POST to a provider, for one or more targets. The Authorization header is added when it is sent. */
public record ProviderCall(List<Target> targets, String url, Map<String, String> headers, String body) {
}
