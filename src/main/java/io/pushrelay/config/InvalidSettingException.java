package io.pushrelay.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Configuration values that cannot be used: every problem found, each naming its key, so that the operator fixes
 * them all in one go instead of one per start.
 */
public class InvalidSettingException extends RuntimeException {

    /** One key and what is wrong with its value. */
    public record Problem(String key, String problem) {
        @Override
        public String toString() {
            return key + ": " + problem;
        }
    }

    private final List<Problem> problems;

    public InvalidSettingException(String key, String problem) {
        this(List.of(new Problem(key, problem)));
    }

    public InvalidSettingException(List<Problem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** The key of the first problem. */
    public String key() {
        return problems.get(0).key();
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String message(List<Problem> problems) {
        if (problems.size() == 1) {
            return "Invalid configuration " + problems.get(0);
        }
        return "Invalid configuration, " + problems.size() + " problems:"
                + problems.stream().map(p -> "\n  " + p).collect(Collectors.joining());
    }
}
