package io.pushrelay.cli;

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

    int exitCode() {
        return exitCode;
    }
}
