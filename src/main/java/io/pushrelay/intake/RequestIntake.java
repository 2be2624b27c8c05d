package io.pushrelay.intake;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;

import jakarta.jms.JMSException;

import io.pushrelay.message.ChannelType;
import io.pushrelay.message.Envelope;
import io.pushrelay.message.GroupPage;
import io.pushrelay.message.Outbound;
import io.pushrelay.message.Publications;
import io.pushrelay.message.RejectedRequest;
import io.pushrelay.message.Replies;
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
 * reaches, registers the reply it asks for, and returns the messages to publish, lazily. A request that cannot be
 * accepted goes to {@code push.invalid} unchanged, with its reason, and is answered with the reason when it asked
 * for a reply.
 */
public final class RequestIntake {

    private static final Logger LOG = LoggerFactory.getLogger(RequestIntake.class);

    private final RequestParser parser = new RequestParser();
    private final RequestLedger ledger;
    private final ReplyBook replies;
    private final TargetDirectory directory;
    private final Map<ChannelType, Provider> providers;
    private final Map<ChannelType, Integer> batchSizes;
    private final Publications publications;
    private final Clock clock;

    public RequestIntake(RequestLedger ledger, ReplyBook replies, TargetDirectory directory,
            Map<ChannelType, Provider> providers, Map<ChannelType, Integer> batchSizes, Publications publications,
            Clock clock) {
        this.ledger = ledger;
        this.replies = replies;
        this.directory = directory;
        this.providers = providers;
        this.batchSizes = batchSizes;
        this.publications = publications;
        this.clock = clock;
    }

    public Iterator<Outbound> accept(@Body Envelope envelope) throws SQLException, JMSException {
        String replyTo = envelope.replyTo();
        SendRequest request;
        Resolution resolution;
        try {
            request = parser.parse(envelope.body(), envelope.property("PushType"), envelope.property("RequestId"),
                    envelope.identity());
            RequestLedger.Claim claim = ledger.claim(request.requestId(), request.type(), envelope.deliveryKey());
            if (claim == RequestLedger.Claim.DUPLICATE) {
                return rejected(envelope, new RejectedRequest("DuplicateRequest", "RequestId " + request.requestId()
                        + " was accepted before; this message was not sent again"), request.requestId());
            }
            resolution = directory.resolve(request);
        } catch (RejectedRequest rejection) {
            return rejected(envelope, rejection, null);
        }
        if (replyTo != null) {
            long expected = resolution.deliverableCount() + resolution.settled().size();
            replies.register(request.requestId(), request.type().property(), replyTo, envelope.correlationId(), (int) expected);
        }
        LOG.debug("Accepted {} request {} for {} targets", request.type().property(), request.requestId(),
                resolution.deliverableCount() + resolution.settled().size());
        Outbound groupPages = resolution.pagedGroup() == null ? null
                : Outbound.of(GroupFanOut.QUEUE, new GroupPage(request.requestId(), resolution.pagedGroup(),
                        request.messages(), "", 0, resolution.settled().size(), resolution.deliverableCount(), replyTo != null))
                        .with("RequestId", request.requestId());
        return new FanOut(request.requestId(), request.messages(), resolution.deliverable(), resolution.settled(),
                groupPages, providers, batchSizes, publications, replyTo != null, clock);
    }

    private Iterator<Outbound> rejected(Envelope envelope, RejectedRequest rejection, String requestId) {
        LOG.info("Rejected a request to {}: {} ({})", publications.queues().invalid(), rejection.reason(), rejection.getMessage());
        return Replies.rejected(publications.queues().invalid(), envelope, rejection, requestId).iterator();
    }
}
