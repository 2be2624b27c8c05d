package io.pushrelay.reply;

import java.sql.SQLException;
import java.util.List;

import io.pushrelay.message.FirstOutcomes;
import io.pushrelay.message.Json;
import io.pushrelay.message.Outbound;
import org.apache.camel.Body;
import org.apache.camel.Header;

/** The replies stage: records first outcomes and, once every target of a request has one, sends its reply. */
public final class ReplyTracker {

    private final ReplyBook book;

    public ReplyTracker(ReplyBook book) {
        this.book = book;
    }

    public List<Outbound> record(@Body String body, @Header("JMSMessageID") String jmsMessageId) throws SQLException {
        FirstOutcomes outcomes = Json.read(body, FirstOutcomes.class);
        ReplyBook.DueReply due = book.record(outcomes.requestId(), outcomes.results(), jmsMessageId);
        if (due == null) {
            return List.of();
        }
        return List.of(Outbound.of(due.replyTo(), due.body()).with("JMSCorrelationID", due.correlationId())
                .with("RequestId", outcomes.requestId()));
    }
}
