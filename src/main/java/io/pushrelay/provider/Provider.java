package io.pushrelay.provider;

import java.util.List;

import io.pushrelay.http.HttpAnswer;
import io.pushrelay.http.HttpProtocol;
import io.pushrelay.message.ChannelType;
import io.pushrelay.message.PushMessage;
import io.pushrelay.message.Target;
import io.pushrelay.message.WorkBatch;

/**
 * What the gateway needs to know of one push provider: its limits, how a batch of targets becomes HTTP calls, and
 * what an answer means. Each provider package implements it and knows nothing of the others.
 */
public interface Provider {

    /** adm, fcm, alexa: the plug-in's name, which names its work queue and settings. */
    String name();

    /** The channels it delivers to (APNs has four: production, sandbox, and each for VoIP); one work queue for all. */
    List<ChannelType> channels();

    /** How its API is spoken: HTTP/1.1 unless the provider serves HTTP/2 (FCM, APNs). */
    default HttpProtocol protocol() {
        return HttpProtocol.HTTP_1_1;
    }

    /** True when the provider speaks nothing but HTTP/2 (APNs): its calls go on the non-blocking client whatever is set. */
    default boolean http2Only() {
        return false;
    }

    /** Null when the target's payload fits the provider's limits, else which limit it breaks. */
    LimitViolation limitViolation(PushMessage message, Target target);

    /** The calls for a batch: one per target (ADM, FCM), or one per 100 recipients with the same content (Alexa). */
    List<ProviderCall> plan(WorkBatch batch);

    /** What the provider's answer (or the failure to get one) means for the call's targets. */
    Classification classify(ProviderCall call, HttpAnswer answer);

    /** A configured base URL with the paths of the provider's API appended: without its trailing slash. */
    static String base(String configuredUrl) {
        return configuredUrl.endsWith("/") ? configuredUrl.substring(0, configuredUrl.length() - 1) : configuredUrl;
    }
}
