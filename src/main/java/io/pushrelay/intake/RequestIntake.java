package io.pushrelay.intake;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.jms.JMSException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pushrelay.broker.Envelope;
import io.pushrelay.message.ChannelType;
import io.pushrelay.message.GroupPage;
import io.pushrelay.message.RejectedRequest;
import io.pushrelay.provider.Provider;
import io.pushrelay.registry.Resolution;
import io.pushrelay.registry.TargetDirectory;
import io.pushrelay.reply.ReplyBook;
import io.pushrelay.request.RequestParser;
import io.pushrelay.request.SendRequest;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake stage, for a batch of send requests taken in one transaction. Each request is parsed, checked and
 * resolved on its own ({@link #accept}): one that cannot be accepted is thrown as a {@link RejectedRequest}, which
 * the shared error policy parks on {@code push.invalid} and answers, and the others go on. Then the batch is
 * claimed together ({@link #claim}): each RequestId fans out once, the replies asked for are registered, and the
 * batch's work is merged into few work messages per provider, so that one commit carries many small requests.
 */
public final class RequestIntake {

    private static final Logger LOG = LoggerFactory.getLogger(RequestIntake.class);

    /** A request accepted on its own, not yet claimed: its fan-out plan and the reply it asks for. */
    public record Accepted(Envelope envelope, SendRequest request, FanOutPlan plan, ReplyBook.Registration reply) {
    }

    /** A message whose RequestId fanned out before: parked and answered by the error policy. */
    public record Duplicate(Envelope envelope, RejectedRequest rejection) {
    }

    /** What the batch sends: the merged plan of the requests that fan out now, and the duplicates to park. */
    public record Claimed(FanOutPlan plan, List<Duplicate> duplicates) {
    }

    private final RequestParser parser = new RequestParser();
    private final RequestLedger ledger;
    private final ReplyBook replies;
    private final TargetDirectory directory;
    private final Map<ChannelType, Provider> providers;
    private final Map<ChannelType, Integer> batchSizes;
    private final Clock clock;
    private final MeterRegistry meters;

    /** {@code meters}: where {@code pushrelay_requests_accepted_total{type}} counts the requests claimed. */
    public RequestIntake(RequestLedger ledger, ReplyBook replies, TargetDirectory directory,
            Map<ChannelType, Provider> providers, Map<ChannelType, Integer> batchSizes, Clock clock, MeterRegistry meters) {
        this.ledger = ledger;
        this.replies = replies;
        this.directory = directory;
        this.providers = providers;
        this.batchSizes = batchSizes;
        this.clock = clock;
        this.meters = meters;
    }

    public Accepted accept(@Body Envelope envelope) throws SQLException, JMSException, RejectedRequest {
        String replyTo = envelope.replyTo();
        SendRequest request = parser.parse(envelope.body(), envelope.property("PushType"), envelope.property("RequestId"),
                envelope.identity());
        Resolution resolution = directory.resolve(request);
        long expected = resolution.deliverableCount() + resolution.settled().size();
        ReplyBook.Registration reply = replyTo == null ? null : new ReplyBook.Registration(request.requestId(),
                request.type().property(), replyTo, envelope.correlationId(), (int) expected);
        GroupPage firstPage = resolution.pagedGroup() == null ? null
                : new GroupPage(request.requestId(), resolution.pagedGroup(), request.messages(), "", 0,
                        resolution.settled().size(), resolution.deliverableCount(), replyTo != null);
        FanOutPlan plan = new FanOut(request.requestId(), request.messages(), providers, batchSizes, replyTo != null, clock)
                .plan(resolution.deliverable(), resolution.settled(), false, firstPage);
        return new Accepted(envelope, request, plan, reply);
    }

    /** Claims the RequestIds of the requests the batch accepted, and merges what fans out now. */
    public Claimed claim(@Body List<Accepted> accepted) throws SQLException {
        List<RequestLedger.Claim> claims = ledger.claim(accepted.stream().map(a -> new RequestLedger.Claimant(
                a.request().requestId(), a.request().type(), a.envelope().deliveryKey())).toList());
        List<FanOutPlan> plans = new ArrayList<>();
        List<ReplyBook.Registration> registrations = new ArrayList<>();
        List<Duplicate> duplicates = new ArrayList<>();
        for (int i = 0; i < accepted.size(); i++) {
            Accepted a = accepted.get(i);
            String requestId = a.request().requestId();
            if (claims.get(i) == RequestLedger.Claim.DUPLICATE) {
                duplicates.add(new Duplicate(a.envelope(), new RejectedRequest("DuplicateRequest", "RequestId " + requestId
                        + " was accepted before; this message was not sent again", requestId)));
                continue;
            }
            plans.add(a.plan());
            if (a.reply() != null) {
                registrations.add(a.reply());
            }
            Counter.builder("pushrelay.requests.accepted").description("Send requests accepted (claimed), by type")
                    .tag("type", a.request().type().property()).register(meters).increment();
            LOG.debug("Accepted {} request {} for {} targets", a.request().type().property(), requestId,
                    a.reply() == null ? "its" : a.reply().expected());
        }
        replies.register(registrations);
        return new Claimed(FanOutPlan.together(plans, batchSizes), duplicates);
    }

    /** The step that hands a duplicate to the error policy. */
    public void refuse(@Body Duplicate duplicate) throws RejectedRequest {
        throw duplicate.rejection();
    }
}
