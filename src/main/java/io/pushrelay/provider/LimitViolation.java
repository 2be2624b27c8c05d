package io.pushrelay.provider;

/** A provider limit one target's payload breaks: the reason code of its dead letter and a sentence. */
public record LimitViolation(String reason, String text) {

    public static LimitViolation tooLarge(String text) {
        return new LimitViolation("PayloadTooLarge", text);
    }
}
