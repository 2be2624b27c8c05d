package io.pushrelay.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.pushrelay.message.ChannelType;
import io.pushrelay.message.DeliveryStatus;
import io.pushrelay.message.EndpointResult;
import io.pushrelay.message.GroupPage;
import io.pushrelay.message.PushMessage;
import io.pushrelay.message.Report;
import io.pushrelay.message.Target;
import io.pushrelay.message.WorkBatch;
import io.pushrelay.message.WorkMessage;
import io.pushrelay.provider.LimitViolation;
import io.pushrelay.provider.Provider;
import io.pushrelay.request.AddressRules;

/**
 * Splits a request's targets per provider into work batches of {@code batchSize} targets. Targets a provider's
 * limits exclude (a payload too large), whose address is malformed (a control character) or whose channel is switched
 * off fail here, with a result and a dead letter and no provider call. A request is bounded (addresses and users per
 * request; a group is sent page by page), so the whole plan is held in memory.
 */
final class FanOut {

    private final String requestId;
    private final Map<ChannelType, PushMessage> messages;
    private final Map<ChannelType, Provider> providers;
    private final Map<ChannelType, Integer> batchSizes;
    private final boolean replyWanted;
    private final Instant now;
    private final Report.Builder report = new Report.Builder();
    private final List<EndpointResult> firstOutcomes = new ArrayList<>();
    private final Map<ChannelType, Optional<LimitViolation>> sharedViolation = new HashMap<>();

    FanOut(String requestId, Map<ChannelType, PushMessage> messages, Map<ChannelType, Provider> providers,
            Map<ChannelType, Integer> batchSizes, boolean replyWanted, Clock clock) {
        this.requestId = requestId;
        this.messages = messages;
        this.providers = providers;
        this.batchSizes = batchSizes;
        this.replyWanted = replyWanted;
        this.now = clock.instant();
    }

    /**
     * @param settled     outcomes decided before the fan-out, reported as they are
     * @param outcomesDue first outcomes are reported even when there are none, so that the reply is checked again
     *                    (a group that changed while it was sent)
     * @param nextPage    the group's next page, to fan out in another transaction; null when these targets are all
     */
    FanOutPlan plan(Iterable<Target> targets, List<EndpointResult> settled, boolean outcomesDue, GroupPage nextPage) {
        for (EndpointResult result : settled) {
            report.result(result);
            firstOutcomes.add(result);
        }
        List<WorkMessage> work = new ArrayList<>();
        Map<ChannelType, List<Target>> pending = new LinkedHashMap<>();
        for (Target target : targets) {
            if (!deliverable(target)) {
                continue;
            }
            List<Target> batch = pending.computeIfAbsent(target.channel(), c -> new ArrayList<>());
            batch.add(target);
            if (batch.size() >= batchSizes.get(target.channel())) {
                work.add(WorkMessage.of(work(target.channel(), batch)));
                batch.clear();
            }
        }
        pending.forEach((channel, batch) -> {
            if (!batch.isEmpty()) {
                work.add(WorkMessage.of(work(channel, batch)));
            }
        });
        if (replyWanted && (!firstOutcomes.isEmpty() || outcomesDue)) {
            report.firstOutcomes(requestId, firstOutcomes);
        }
        return new FanOutPlan(report.build(), work, nextPage == null ? List.of() : List.of(nextPage));
    }

    /** Whether the target goes to its provider; if not, it failed here and is reported. */
    private boolean deliverable(Target target) {
        ChannelType channel = target.channel();
        PushMessage message = messages.get(channel);
        Provider provider = providers.get(channel);
        if (provider == null) {
            return fail(target, message, "ChannelDisabled", "the " + channel + " channel is switched off on this gateway");
        }
        String malformed = AddressRules.malformed(target.address());
        if (malformed != null) {
            return fail(target, message, "InvalidAddress", "the address " + malformed + "; it was not sent");
        }
        LimitViolation violation = target.hasOverrides()
                ? provider.limitViolation(message, target)
                : sharedViolation.computeIfAbsent(channel, c -> Optional.ofNullable(provider.limitViolation(message, target)))
                        .orElse(null);
        return violation == null || fail(target, message, violation.reason(), violation.text());
    }

    private boolean fail(Target target, PushMessage message, String reason, String text) {
        EndpointResult result = EndpointResult.of(requestId, target, DeliveryStatus.PERMANENT_FAILURE, 400,
                text, null, null, now);
        report.result(result);
        report.deadLetter(requestId, message, target, reason, 400, text, false, now);
        if (replyWanted) {
            firstOutcomes.add(result);
        }
        return false;
    }

    private WorkBatch work(ChannelType channel, List<Target> batch) {
        return new WorkBatch(requestId, channel, messages.get(channel), List.copyOf(batch), replyWanted);
    }
}
