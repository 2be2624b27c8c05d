package io.pushrelay.provider.fcm;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.http.HttpAnswer;
import io.pushrelay.http.HttpProtocol;
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

/** Firebase Cloud Messaging HTTP v1: {@code POST {base}/v1/projects/{project}/messages:send}, one call per token. */
public final class FcmProvider implements Provider {

    public static final int MAX_PAYLOAD_BYTES = 4096;
    /** Google's guidance for QUOTA_EXCEEDED: back off at least a minute. */
    static final Duration QUOTA_FLOOR = Duration.ofSeconds(60);
    static final String FCM_ERROR = "type.googleapis.com/google.firebase.fcm.v1.FcmError";
    static final Map<String, String> HEADERS = Map.of("Content-Type", "application/json; charset=UTF-8",
            "Accept", "application/json");

    private final String sendUrl;
    private final Clock clock;

    public FcmProvider(String baseUrl, String projectId, Clock clock) {
        this.sendUrl = Provider.base(baseUrl) + "/v1/projects/" + projectId + "/messages:send";
        this.clock = clock;
    }

    /** FCM v1 serves HTTP/2: its calls share a few connections as concurrent streams. */
    @Override
    public HttpProtocol protocol() {
        return HttpProtocol.HTTP_2;
    }

    @Override
    public String name() {
        return "fcm";
    }

    @Override
    public List<ChannelType> channels() {
        return List.of(ChannelType.GCM);
    }

    @Override
    public LimitViolation limitViolation(PushMessage message, Target target) {
        int size = FcmPayloadBuilder.payloadBytes(FcmPayloadBuilder.message(message.forTarget(target), target.address()));
        return size > MAX_PAYLOAD_BYTES ? LimitViolation.tooLarge("FCM accepts at most " + MAX_PAYLOAD_BYTES
                + " bytes of data and notification text; this one is " + size + " bytes") : null;
    }

    @Override
    public List<ProviderCall> plan(WorkBatch batch) {
        List<ProviderCall> calls = new ArrayList<>(batch.targets().size());
        for (Target target : batch.targets()) {
            String body = FcmPayloadBuilder.request(batch.message().forTarget(target), target.address());
            calls.add(new ProviderCall(List.of(target), sendUrl, HEADERS, body));
        }
        return calls;
    }

    @Override
    public Classification classify(ProviderCall call, HttpAnswer answer) {
        if (answer.error() != null) {
            return AnswerParsing.transportFailure(answer.error());
        }
        JsonNode json = AnswerParsing.json(answer);
        int status = answer.status();
        if (status == 200) {
            return Classification.success(200, json == null ? null : json.path("name").asText(null), null);
        }
        JsonNode error = json == null ? null : json.path("error");
        String canonical = error == null ? null : error.path("status").asText(null);
        String message = error == null ? "HTTP " + status + " (no JSON body)" : error.path("message").asText("HTTP " + status);
        String errorCode = null;
        if (error != null) {
            for (JsonNode detail : error.path("details")) {
                if (FCM_ERROR.equals(detail.path("@type").asText())) {
                    errorCode = detail.path("errorCode").asText(null);
                }
            }
        }
        String reason = errorCode != null ? errorCode : canonical != null ? canonical : "HTTP_" + status;
        Duration retryAfter = AnswerParsing.retryAfter(answer, clock.instant());
        if (errorCode == null && status == 401) {
            return Classification.failure(DeliveryStatus.TEMPORARY_FAILURE, 401, reason, message).rejectingToken();
        }
        if ("QUOTA_EXCEEDED".equals(errorCode) || (errorCode == null && status == 429)) {
            Duration wait = retryAfter == null || retryAfter.compareTo(QUOTA_FLOOR) < 0 ? QUOTA_FLOOR : retryAfter;
            return Classification.failure(DeliveryStatus.THROTTLED, status, reason, message).retryAfter(wait);
        }
        if ("UNREGISTERED".equals(errorCode)) {
            return Classification.failure(DeliveryStatus.PERMANENT_FAILURE, status, reason, message).withAddressGone();
        }
        if ("INVALID_ARGUMENT".equals(errorCode) && message.toLowerCase().contains("registration token")) {
            return Classification.failure(DeliveryStatus.PERMANENT_FAILURE, status, reason, message).withAddressGone();
        }
        if ("UNAVAILABLE".equals(errorCode) || "INTERNAL".equals(errorCode)) {
            return Classification.failure(DeliveryStatus.TEMPORARY_FAILURE, status, reason, message).retryAfter(retryAfter);
        }
        if (errorCode != null) {
            return Classification.failure(DeliveryStatus.PERMANENT_FAILURE, status, reason, message);
        }
        Classification c = AnswerParsing.byStatus(status, reason, message);
        return c.status().retryable() ? c.retryAfter(retryAfter) : c;
    }
}
