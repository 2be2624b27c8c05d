package io.pushrelay.provider.adm;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.http.HttpAnswer;
import io.pushrelay.message.ChannelType;
import io.pushrelay.message.DeliveryStatus;
import io.pushrelay.message.PushMessage;
import io.pushrelay.message.Target;
import io.pushrelay.message.WorkBatch;
import io.pushrelay.provider.AnswerParsing;
import io.pushrelay.provider.Classification;
import io.pushrelay.provider.LimitViolation;
import io.pushrelay.provider.Provider;
import io.pushrelay.provider.ProviderCall;
import org.apache.hc.core5.net.PercentCodec;

/** Amazon Device Messaging: {@code POST {base}/messaging/registrations/{id}/messages}, one call per target. */
public final class AdmProvider implements Provider {

    public static final int MAX_PAYLOAD_BYTES = 6 * 1024;
    static final Set<String> GONE = Set.of("InvalidRegistrationId", "Unregistered");

    private final String baseUrl;
    private final Clock clock;

    public AdmProvider(String baseUrl, Clock clock) {
        this.baseUrl = Provider.base(baseUrl);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "adm";
    }

    @Override
    public List<ChannelType> channels() {
        return List.of(ChannelType.ADM);
    }

    @Override
    public LimitViolation limitViolation(PushMessage message, Target target) {
        int size = AdmPayloadBuilder.build(message.forTarget(target)).getBytes(StandardCharsets.UTF_8).length;
        return size > MAX_PAYLOAD_BYTES ? LimitViolation.tooLarge("ADM accepts at most " + MAX_PAYLOAD_BYTES
                + " bytes of payload; this one is " + size + " bytes") : null;
    }

    @Override
    public List<ProviderCall> plan(WorkBatch batch) {
        List<ProviderCall> calls = new ArrayList<>(batch.targets().size());
        String shared = null;
        for (Target target : batch.targets()) {
            String body;
            if (target.hasOverrides()) {
                body = AdmPayloadBuilder.build(batch.message().forTarget(target));
            } else {
                // without overrides every target gets the same body: build it once per batch
                shared = shared != null ? shared : AdmPayloadBuilder.build(batch.message().forTarget(target));
                body = shared;
            }
            calls.add(new ProviderCall(List.of(target), sendUrl(target.address()), HEADERS, body));
        }
        return calls;
    }

    /**
     * The registration ID as one path segment, percent-encoded as RFC 3986 asks (a space is {@code %20}, never the
     * form encoding's {@code +}); every character but the unreserved ones is encoded, so that '+', '/' and '=' of a
     * base64 ID reach ADM as they were given.
     */
    String sendUrl(String registrationId) {
        return baseUrl + "/messaging/registrations/" + PercentCodec.encode(registrationId, StandardCharsets.UTF_8) + "/messages";
    }

    static final Map<String, String> HEADERS = headers();

    private static Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("Accept", "application/json");
        h.put("X-Amzn-Type-Version", "com.amazon.device.messaging.ADMMessage@1.0");
        h.put("X-Amzn-Accept-Type", "com.amazon.device.messaging.ADMSendResult@1.0");
        return Map.copyOf(h);
    }

    @Override
    public Classification classify(ProviderCall call, HttpAnswer answer) {
        if (answer.error() != null) {
            return AnswerParsing.transportFailure(answer.error());
        }
        JsonNode json = AnswerParsing.json(answer);
        int status = answer.status();
        if (status == 200) {
            String sent = call.targets().get(0).address();
            String current = json == null ? null : json.path("registrationID").asText(null);
            return Classification.success(200, answer.header("X-Amzn-RequestId"),
                    current != null && !current.equals(sent) ? current : null);
        }
        String reason = json == null ? null : json.path("reason").asText(null);
        String message = reason != null ? reason : "HTTP " + status + (json == null ? " (no JSON body)" : "");
        Classification c;
        if (status == 401) {
            c = Classification.failure(DeliveryStatus.TEMPORARY_FAILURE, 401, reason != null ? reason : "AccessTokenExpired",
                    message).rejectingToken();
        } else if (status == 400 && GONE.contains(reason)) {
            c = Classification.failure(DeliveryStatus.PERMANENT_FAILURE, 400, reason, message).withAddressGone();
        } else {
            c = AnswerParsing.byStatus(status, reason != null ? reason : "HTTP_" + status, message);
        }
        return c.status().retryable() ? c.retryAfter(AnswerParsing.retryAfter(answer, clock.instant())) : c;
    }
}
