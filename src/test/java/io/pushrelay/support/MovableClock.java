package io.pushrelay.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand: it says {@link #now} until the test sets another instant. */
public final class MovableClock extends Clock {

    public Instant now;

    public MovableClock(String start) {
        this.now = Instant.parse(start);
    }

    @Override
    public ZoneOffset getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
