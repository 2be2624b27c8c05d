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

    /** The endpoint ID of the one result of a user without endpoints, in the reply and on push.results alike. */
    public static final String NO_ENDPOINT = "";

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

    /** Collects outcomes one at a time into the reply of a request shape. */
    public interface Builder {
        void add(EndpointResult result);

        String build();
    }

    public static Builder builder(String pushType, String requestId) {
        return switch (pushType) {
            case "users" -> new Builder() {
                private final Map<String, Map<String, EndpointResult>> byUser = new LinkedHashMap<>();

                @Override
                public void add(EndpointResult r) {
                    // a user without endpoints is answered as Pinpoint answers it: under the endpoint ID ""
                    byUser.computeIfAbsent(r.userId(), u -> new LinkedHashMap<>())
                            .put(r.endpointId() != null ? r.endpointId() : NO_ENDPOINT, r);
                }

                @Override
                public String build() {
                    return Json.write(new UsersResponse(requestId, byUser));
                }
            };
            case "addresses" -> new Builder() {
                private final Map<String, EndpointResult> byAddress = new LinkedHashMap<>();
                private final Map<String, EndpointResult> byEndpoint = new LinkedHashMap<>();

                @Override
                public void add(EndpointResult r) {
                    if (r.endpointId() != null) {
                        byEndpoint.put(r.endpointId(), r);
                    } else {
                        byAddress.put(r.address(), r);
                    }
                }

                @Override
                public String build() {
                    return Json.write(new MessageResponse(requestId, byAddress, byEndpoint));
                }
            };
            default -> new Builder() {
                private final List<String> failed = new ArrayList<>();
                private int success;

                @Override
                public void add(EndpointResult r) {
                    if (r.deliveryStatus() == DeliveryStatus.SUCCESSFUL) {
                        success++;
                    } else {
                        failed.add(r.address());
                    }
                }

                @Override
                public String build() {
                    return pushType.equals("group") ? Json.write(new GroupResponse(success, failed.size(), failed))
                            : Json.write(new AlexaResponse(success, failed.size(), failed));
                }
            };
        };
    }
}
