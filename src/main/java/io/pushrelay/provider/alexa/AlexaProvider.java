package io.pushrelay.provider.alexa;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.http.HttpAnswer;
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
 * The Alexa Notifications API: {@code POST {base}/v3/notifications}. Targets with the same notification share a
 * call of at most 100 recipients; every recipient of a call gets that call's outcome.
 */
public final class AlexaProvider implements Provider {

    public static final int MAX_RECIPIENTS = 100;
    static final Map<String, String> HEADERS = Map.of("Content-Type", "application/json", "Accept", "application/json");

    private final String sendUrl;
    private final String defaultLocale;
    private final Clock clock;

    public AlexaProvider(String baseUrl, String defaultLocale, Clock clock) {
        this.sendUrl = Provider.base(baseUrl) + "/v3/notifications";
        this.defaultLocale = defaultLocale;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "alexa";
    }

    @Override
    public List<ChannelType> channels() {
        return List.of(ChannelType.ALEXA);
    }

    @Override
    public LimitViolation limitViolation(PushMessage message, Target target) {
        return AlexaPayloadBuilder.notification(message.forTarget(target), defaultLocale) == null
                ? new LimitViolation("MissingText", "an Alexa notification needs a Title or a Body to speak") : null;
    }

    @Override
    public List<ProviderCall> plan(WorkBatch batch) {
        Map<String, List<Target>> byContent = new LinkedHashMap<>();
        for (Target target : batch.targets()) {
            JsonNode notification = AlexaPayloadBuilder.notification(batch.message().forTarget(target), defaultLocale);
            byContent.computeIfAbsent(Json.write(notification), k -> new ArrayList<>()).add(target);
        }
        List<ProviderCall> calls = new ArrayList<>();
        byContent.forEach((notification, targets) -> {
            for (int from = 0; from < targets.size(); from += MAX_RECIPIENTS) {
                List<Target> chunk = targets.subList(from, Math.min(targets.size(), from + MAX_RECIPIENTS));
                String body = AlexaPayloadBuilder.request(chunk.stream().map(Target::address).toList(), Json.tree(notification));
                calls.add(new ProviderCall(List.copyOf(chunk), sendUrl, HEADERS, body));
            }
        });
        return calls;
    }

    @Override
    public Classification classify(ProviderCall call, HttpAnswer answer) {
        if (answer.error() != null) {
            return AnswerParsing.transportFailure(answer.error());
        }
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return Classification.success(status, answer.header("X-Amzn-RequestId"), null);
        }
        JsonNode json = AnswerParsing.json(answer);
        String code = json == null ? null : json.path("code").asText(null);
        String message = json == null ? "HTTP " + status + " (no JSON body)" : json.path("message").asText("HTTP " + status);
        String reason = code != null ? code : "HTTP_" + status;
        if (status == 401) {
            return Classification.failure(DeliveryStatus.TEMPORARY_FAILURE, 401, reason, message).rejectingToken();
        }
        Classification c = AnswerParsing.byStatus(status, reason, message);
        return c.status().retryable() ? c.retryAfter(AnswerParsing.retryAfter(answer, clock.instant())) : c;
    }
}
