package io.pushrelay.message;

/**
 * A request that cannot be accepted as a whole: {@code reason} is a short code for selectors and dashboards,
 * the message a sentence a person understands.
 */
public class RejectedRequest extends Exception {

    private final String reason;

    public RejectedRequest(String reason, String text) {
        super(text, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
