package io.pushrelay.message;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The first outcome of some of a request's targets, for the reply that waits for all of them. */
public record FirstOutcomes(@JsonProperty("RequestId") String requestId,
        @JsonProperty("Results") List<EndpointResult> results) {
}
