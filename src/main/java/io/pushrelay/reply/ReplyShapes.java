package io.pushrelay.reply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.pushrelay.message.DeliveryStatus;
import io.pushrelay.message.EndpointResult;
import io.pushrelay.message.Json;

/**
 * The reply each request shape gets (contract §5): Pinpoint's SendUsersMessageResponse and MessageResponse,
 * ADM's group answer, and the Alexa counts.
 */
public final class ReplyShapes {

    private ReplyShapes() {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record UsersResponse(@JsonProperty("RequestId") String requestId,
            @JsonProperty("Result") Map<String, Map<String, EndpointResult>> result) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record MessageResponse(@JsonProperty("RequestId") String requestId,
            @JsonProperty("Result") Map<String, EndpointResult> result,
            @JsonProperty("EndpointResult") Map<String, EndpointResult> endpointResult) {
    }

    /** ADM's answer; like ADM's, it names no failed IDs when there are none. */
    record GroupResponse(@JsonProperty("success") int success, @JsonProperty("failure") int failure,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("failed_registration_ids") List<String> failed) {
    }

    record AlexaResponse(@JsonProperty("success") int success, @JsonProperty("failure") int failure,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("failed_recipients") List<String> failed) {
    }

    public static String reply(String pushType, String requestId, List<EndpointResult> results) {
        return switch (pushType) {
            case "users" -> {
                Map<String, Map<String, EndpointResult>> byUser = new LinkedHashMap<>();
                for (EndpointResult r : results) {
                    Map<String, EndpointResult> endpoints = byUser.computeIfAbsent(r.userId(), u -> new LinkedHashMap<>());
                    // a user without endpoints shows as an empty map; its result on push.results says why
                    if (r.endpointId() != null) {
                        endpoints.put(r.endpointId(), r);
                    }
                }
                yield Json.write(new UsersResponse(requestId, byUser));
            }
            case "addresses" -> {
                Map<String, EndpointResult> byAddress = new LinkedHashMap<>();
                Map<String, EndpointResult> byEndpoint = new LinkedHashMap<>();
                for (EndpointResult r : results) {
                    if (r.endpointId() != null) {
                        byEndpoint.put(r.endpointId(), r);
                    } else {
                        byAddress.put(r.address(), r);
                    }
                }
                yield Json.write(new MessageResponse(requestId, byAddress, byEndpoint));
            }
            case "group" -> {
                List<String> failed = failedAddresses(results);
                yield Json.write(new GroupResponse(results.size() - failed.size(), failed.size(), failed));
            }
            default -> {
                List<String> failed = failedAddresses(results);
                yield Json.write(new AlexaResponse(results.size() - failed.size(), failed.size(), failed));
            }
        };
    }

    private static List<String> failedAddresses(List<EndpointResult> results) {
        List<String> failed = new ArrayList<>();
        for (EndpointResult r : results) {
            if (r.deliveryStatus() != DeliveryStatus.SUCCESSFUL) {
                failed.add(r.address());
            }
        }
        return failed;
    }
}
