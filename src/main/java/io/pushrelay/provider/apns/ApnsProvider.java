package io.pushrelay.provider.apns;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.http.HttpAnswer;
import io.pushrelay.http.HttpProtocol;
import io.pushrelay.message.ChannelType;
import io.pushrelay.message.DeliveryStatus;
import io.pushrelay.message.Json;
import io.pushrelay.message.PushMessage;
import io.pushrelay.message.Target;
import io.pushrelay.message.WorkBatch;
import io.pushrelay.provider.AnswerParsing;
import io.pushrelay.provider.Classification;
import io.pushrelay.provider.LimitViolation;
import io.pushrelay.provider.Provider;
import io.pushrelay.provider.ProviderCall;

/**
 * Apple Push Notification service: {@code POST {base}/3/device/{token}} over HTTP/2, one call (one stream) per
 * device token, to production for APNS and APNS_VOIP, to the sandbox environment for APNS_SANDBOX and
 * APNS_VOIP_SANDBOX; VoIP channels use the topic's {@code .voip} form and push type {@code voip}.
 */
public final class ApnsProvider implements Provider {

    public static final int MAX_PAYLOAD_BYTES = 4096;
    public static final int MAX_VOIP_PAYLOAD_BYTES = 5120;
    public static final List<ChannelType> CHANNELS = List.of(ChannelType.of("APNS", "apns"),
            ChannelType.of("APNS_SANDBOX", "apns"), ChannelType.of("APNS_VOIP", "apns"),
            ChannelType.of("APNS_VOIP_SANDBOX", "apns"));
    /** 403 reasons that say the provider token is refused: sign a new one and try once more. */
    static final Set<String> TOKEN_REJECTED = Set.of("ExpiredProviderToken", "InvalidProviderToken", "MissingProviderToken");
    /** 410 reasons: the device token is no longer valid for the topic. */
    static final Set<String> GONE = Set.of("Unregistered", "ExpiredToken");

    private final String productionUrl;
    private final String sandboxUrl;
    private final String topic;
    private final Clock clock;

    public ApnsProvider(String productionUrl, String sandboxUrl, String topic, Clock clock) {
        this.productionUrl = Provider.base(productionUrl);
        this.sandboxUrl = Provider.base(sandboxUrl);
        this.topic = topic;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "apns";
    }

    @Override
    public List<ChannelType> channels() {
        return CHANNELS;
    }

    @Override
    public HttpProtocol protocol() {
        return HttpProtocol.HTTP_2;
    }

    /** APNs speaks HTTP/2 only. */
    @Override
    public boolean http2Only() {
        return true;
    }

    static boolean voip(ChannelType channel) {
        return channel.name().startsWith("APNS_VOIP");
    }

    static boolean sandbox(ChannelType channel) {
        return channel.name().endsWith("_SANDBOX");
    }

    @Override
    public LimitViolation limitViolation(PushMessage message, Target target) {
        int limit = voip(target.channel()) ? MAX_VOIP_PAYLOAD_BYTES : MAX_PAYLOAD_BYTES;
        int size = ApnsPayloadBuilder.build(message.forTarget(target)).getBytes(StandardCharsets.UTF_8).length;
        return size > limit ? LimitViolation.tooLarge("APNs accepts at most " + limit + " bytes of payload"
                + (limit == MAX_VOIP_PAYLOAD_BYTES ? " for a VoIP notification" : "") + "; this one is " + size + " bytes") : null;
    }

    @Override
    public List<ProviderCall> plan(WorkBatch batch) {
        List<ProviderCall> calls = new ArrayList<>(batch.targets().size());
        for (Target target : batch.targets()) {
            PushMessage message = batch.message().forTarget(target);
            String body = ApnsPayloadBuilder.build(message);
            String base = sandbox(target.channel()) ? sandboxUrl : productionUrl;
            calls.add(new ProviderCall(List.of(target), base + "/3/device/" + target.address(),
                    headers(target, message, body), body));
        }
        return calls;
    }

    /** apns-push-type, apns-topic, apns-priority, and apns-expiration and apns-collapse-id when the message has them. */
    Map<String, String> headers(Target target, PushMessage message, String body) {
        ApnsFields own = ApnsFields.of(message);
        String pushType = own.pushType() != null ? own.pushType() : voip(target.channel()) ? "voip"
                : background(message, body) ? "background" : "alert";
        Map<String, String> h = new LinkedHashMap<>();
        h.put("content-type", "application/json");
        h.put("apns-push-type", pushType);
        h.put("apns-topic", pushType.equals("voip") ? topic + ".voip" : topic);
        // Apple refuses priority 10 for a background push
        h.put("apns-priority", own.priority() != null ? own.priority() : pushType.equals("background") ? "5" : "10");
        if (own.timeToLive() != null) {
            Instant from = target.firstAttemptAt() != null ? target.firstAttemptAt() : clock.instant();
            h.put("apns-expiration", own.timeToLive() == 0 ? "0" : String.valueOf(from.getEpochSecond() + own.timeToLive()));
        }
        if (own.collapseId() != null) {
            h.put("apns-collapse-id", own.collapseId());
        }
        return h;
    }

    /** Silent, or RawContent whose aps has content-available and no alert, badge or sound: a background push. */
    private static boolean background(PushMessage message, String body) {
        if (message.rawContent() == null) {
            return message.silent();
        }
        try {
            JsonNode aps = Json.tree(body).path("aps");
            return aps.path("content-available").asInt() == 1 && !aps.has("alert") && !aps.has("badge") && !aps.has("sound");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public Classification classify(ProviderCall call, HttpAnswer answer) {
        if (answer.error() != null) {
            return AnswerParsing.transportFailure(answer.error());
        }
        int status = answer.status();
        if (status == 200) {
            return Classification.success(200, answer.header("apns-id"), null);
        }
        JsonNode json = AnswerParsing.json(answer);
        String apnsReason = json == null ? null : json.path("reason").asText(null);
        String reason = apnsReason != null ? apnsReason : "HTTP_" + status;
        String message = apnsReason != null ? apnsReason : "HTTP " + status + (json == null ? " (no JSON body)" : "");
        Classification c;
        if (status == 403 && apnsReason != null && TOKEN_REJECTED.contains(apnsReason)) {
            c = Classification.failure(DeliveryStatus.TEMPORARY_FAILURE, status, reason, message).rejectingToken();
        } else if (status == 410 || apnsReason != null && GONE.contains(apnsReason)) {
            JsonNode timestamp = json == null ? null : json.get("timestamp");
            Instant since = timestamp != null && timestamp.canConvertToLong() ? Instant.ofEpochMilli(timestamp.asLong()) : null;
            c = Classification.failure(DeliveryStatus.PERMANENT_FAILURE, status, reason, message).withAddressGone(since);
        } else {
            // 400s (BadDeviceToken, BadTopic, …), 403 others, 404, 405, 413 are permanent; 429 and 5xx retried
            c = AnswerParsing.byStatus(status, reason, message);
        }
        return c.status().retryable() ? c.retryAfter(AnswerParsing.retryAfter(answer, clock.instant())) : c;
    }
}
