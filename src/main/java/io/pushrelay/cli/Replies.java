package io.pushrelay.cli;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.message.Json;
import picocli.CommandLine;

/** The gateway's replies as the CLI shows them, and what a rejection means for the exit code. */
final class Replies {

    private Replies() {
    }

    /** The reply that came, as JSON; none in time is a failure with exit code 1. */
    static JsonNode awaited(Optional<String> reply, long timeoutSeconds) {
        String text = reply.orElseThrow(() -> new CommandFailure(CommandFailure.ANSWERED_WITH_ERROR,
                "no reply within " + timeoutSeconds + " s (the broker took the message; is the gateway running?)"));
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CommandFailure(CommandFailure.ANSWERED_WITH_ERROR, "the reply is not JSON: " + text);
        }
    }

    /** A rejection or error answer ({@code {"Reason", "ReasonText"}}, contract §9) as one line, else empty. */
    static Optional<String> rejection(JsonNode reply) {
        return reply.has("Reason") && reply.has("ReasonText")
                ? Optional.of("rejected: " + reply.path("Reason").asText() + " — " + reply.path("ReasonText").asText())
                : Optional.empty();
    }

    /** Prints the reply (on one line with {@code json}, else indented); 1 for a rejection, told on stderr too. */
    static int print(JsonNode reply, boolean json, CommandLine cli) throws JsonProcessingException {
        cli.getOut().println(json ? Json.MAPPER.writeValueAsString(reply)
                : Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(reply));
        Optional<String> rejection = rejection(reply);
        rejection.ifPresent(line -> cli.getErr().println("pushrelay: " + line));
        return rejection.isPresent() ? CommandFailure.ANSWERED_WITH_ERROR : 0;
    }
}
