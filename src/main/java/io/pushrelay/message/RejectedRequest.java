package io.pushrelay.message;

/**
 * A request that cannot be accepted as a whole: {@code reason} is a short code for selectors and dashboards,
 * the message a sentence a person understands. Beans throw it; the shared error policy
 * (the broker package's ErrorPolicy) parks the received message on {@code push.invalid} and answers its
 * sender. {@code requestId} names the request it was, when that is known and part of the answer (a duplicate).
 */
public class RejectedRequest extends Exception {

    private final String reason;
    private final String requestId;

    public RejectedRequest(String reason, String text) {
        this(reason, text, null);
    }

    public RejectedRequest(String reason, String text, String requestId) {
        super(text, null, false, false);
        this.reason = reason;
        this.requestId = requestId;
    }

    public String reason() {
        return reason;
    }

    /** The request's id when the rejection names it (its answer then includes it), else null. */
    public String requestId() {
        return requestId;
    }
}
