package io.pushrelay.cli;

import java.util.List;

/** A command that cannot do what it was asked: one line for the user and the exit code of contract §10. */
final class CommandFailure extends RuntimeException {

    static final int ANSWERED_WITH_ERROR = 1;
    static final int BAD_USAGE = 2;
    static final int BROKER_UNREACHABLE = 3;

    private final int exitCode;

    CommandFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** Bad usage unless {@code value} is one of {@code allowed}; {@code what} names the option or parameter. */
    static void requireOneOf(String what, List<String> allowed, String value) {
        if (!allowed.contains(value)) {
            throw new CommandFailure(BAD_USAGE, what + " must be one of " + String.join(", ", allowed) + ", not " + value);
        }
    }

    int exitCode() {
        return exitCode;
    }
}
