package io.pushrelay.reply;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Timer;
import io.pushrelay.message.FirstOutcomes;
import io.pushrelay.message.Json;
import org.apache.camel.Body;
import org.apache.camel.Header;

/** The replies stage: records first outcomes and, once every target of a request has one, returns its reply. */
public final class ReplyTracker {

    private final ReplyBook book;
    private final Timer latency;
    private final Clock clock;

    /** {@code latency}: {@code pushrelay_reply_seconds}, from a request's acceptance to its reply being due. */
    public ReplyTracker(ReplyBook book, Timer latency, Clock clock) {
        this.book = book;
        this.latency = latency;
        this.clock = clock;
    }

    /** The reply this message completes, or null while some target of the request has no outcome yet. */
    public ReplyBook.DueReply record(@Body String body, @Header("JMSMessageID") String jmsMessageId) throws SQLException {
        FirstOutcomes outcomes = Json.read(body, FirstOutcomes.class);
        ReplyBook.DueReply due = book.record(outcomes.requestId(), outcomes.results(), jmsMessageId);
        if (due != null) {
            latency.record(Duration.between(due.requestedAt(), clock.instant()));
        }
        return due;
    }
}
