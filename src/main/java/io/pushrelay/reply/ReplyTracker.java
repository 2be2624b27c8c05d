package io.pushrelay.reply;

import java.sql.SQLException;

import io.pushrelay.message.FirstOutcomes;
import io.pushrelay.message.Json;
import org.apache.camel.Body;
import org.apache.camel.Header;

/** The replies stage: records first outcomes and, once every target of a request has one, returns its reply. */
public final class ReplyTracker {

    private final ReplyBook book;

    public ReplyTracker(ReplyBook book) {
        this.book = book;
    }

    /** The reply this message completes, or null while some target of the request has no outcome yet. */
    public ReplyBook.DueReply record(@Body String body, @Header("JMSMessageID") String jmsMessageId) throws SQLException {
        FirstOutcomes outcomes = Json.read(body, FirstOutcomes.class);
        return book.record(outcomes.requestId(), outcomes.results(), jmsMessageId);
    }
}
