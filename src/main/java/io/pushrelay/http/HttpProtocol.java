package io.pushrelay.http;

/** How a provider's calls travel. */
public enum HttpProtocol {
    /** Pooled keep-alive connections, one call at a time on each (ADM, Alexa). */
    HTTP_1_1,
    /**
     * Many calls at once as streams of a few connections, as many per connection as the provider allows (FCM,
     * APNs): h2c with prior knowledge for {@code http://} URLs, negotiated by ALPN for {@code https://}.
     */
    HTTP_2
}
