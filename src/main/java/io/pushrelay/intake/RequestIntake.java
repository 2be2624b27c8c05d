package io.pushrelay.intake;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;

import jakarta.jms.JMSException;

import io.pushrelay.message.ChannelType;
import io.pushrelay.broker.Envelope;
import io.pushrelay.message.GroupPage;
import io.pushrelay.message.RejectedRequest;
import io.pushrelay.provider.Provider;
import io.pushrelay.registry.Resolution;
import io.pushrelay.registry.TargetDirectory;
import io.pushrelay.reply.ReplyBook;
import io.pushrelay.request.PushType;
import io.pushrelay.request.RequestParser;
import io.pushrelay.request.SendRequest;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake stage: parses and checks a send request, makes sure its RequestId fans out once, resolves who it
 * reaches, registers the reply it asks for, and returns the fan-out plan the intake route sends. A request that
 * cannot be accepted is thrown as a {@link RejectedRequest}, which the shared error policy parks on
 * {@code push.invalid} and answers.
 */
public final class RequestIntake {

    private static final Logger LOG = LoggerFactory.getLogger(RequestIntake.class);

    private final RequestParser parser = new RequestParser();
    private final RequestLedger ledger;
    private final ReplyBook replies;
    private final TargetDirectory directory;
    private final Map<ChannelType, Provider> providers;
    private final Map<ChannelType, Integer> batchSizes;
    private final Clock clock;

    public RequestIntake(RequestLedger ledger, ReplyBook replies, TargetDirectory directory,
            Map<ChannelType, Provider> providers, Map<ChannelType, Integer> batchSizes, Clock clock) {
        this.ledger = ledger;
        this.replies = replies;
        this.directory = directory;
        this.providers = providers;
        this.batchSizes = batchSizes;
        this.clock = clock;
    }

    public FanOutPlan accept(@Body Envelope envelope) throws SQLException, JMSException, RejectedRequest {
        String replyTo = envelope.replyTo();
        SendRequest request = parser.parse(envelope.body(), envelope.property("PushType"), envelope.property("RequestId"),
                envelope.identity());
        RequestLedger.Claim claim = ledger.claim(request.requestId(), request.type(), envelope.deliveryKey());
        if (claim == RequestLedger.Claim.DUPLICATE) {
            throw new RejectedRequest("DuplicateRequest", "RequestId " + request.requestId()
                    + " was accepted before; this message was not sent again", request.requestId());
        }
        Resolution resolution = directory.resolve(request);
        if (replyTo != null) {
            long expected = resolution.deliverableCount() + resolution.settled().size();
            replies.register(request.requestId(), request.type().property(), replyTo, envelope.correlationId(), (int) expected);
        }
        LOG.debug("Accepted {} request {} for {} targets", request.type().property(), request.requestId(),
                resolution.deliverableCount() + resolution.settled().size());
        GroupPage firstPage = resolution.pagedGroup() == null ? null
                : new GroupPage(request.requestId(), resolution.pagedGroup(), request.messages(), "", 0,
                        resolution.settled().size(), resolution.deliverableCount(), replyTo != null);
        return new FanOut(request.requestId(), request.messages(), providers, batchSizes, replyTo != null, clock)
                .plan(resolution.deliverable(), resolution.settled(), false, firstPage);
    }
}
