package io.pushrelay.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import io.pushrelay.message.ChannelType;
import io.pushrelay.message.DeliveryStatus;
import io.pushrelay.message.EndpointResult;
import io.pushrelay.message.Outbound;
import io.pushrelay.message.Publications;
import io.pushrelay.message.PushMessage;
import io.pushrelay.message.Target;
import io.pushrelay.message.WorkBatch;
import io.pushrelay.provider.LimitViolation;
import io.pushrelay.provider.Provider;
import io.pushrelay.request.AddressRules;

/**
 * Splits a request's targets per provider into work messages of {@code batchSize} targets, lazily: targets are
 * pulled only as the publish route asks for the next message. Targets a provider's limits exclude (a payload too large),
 * whose address is malformed (a control character) or whose channel is switched off fail
 * here, with a result and a dead letter and no provider call. Settled outcomes come first; the first outcomes a reply
 * waits for come last.
 */
final class FanOut implements Iterator<Outbound> {

    private final String requestId;
    private final Map<ChannelType, PushMessage> messages;
    private final Iterator<Target> targets;
    private final Outbound continuation;
    private final Map<ChannelType, Provider> providers;
    private final Map<ChannelType, Integer> batchSizes;
    private final Publications publications;
    private final boolean replyWanted;
    private final Instant now;
    private final Map<ChannelType, List<Target>> pending = new HashMap<>();
    private final Map<ChannelType, Optional<LimitViolation>> sharedViolation = new HashMap<>();
    private final List<EndpointResult> firstOutcomes = new ArrayList<>();
    private final ArrayDeque<Outbound> ready = new ArrayDeque<>();
    private boolean drained;

    /**
     * @param continuation published last, when there is more to fan out in another transaction (a group's next
     *                     page); null when these targets are all
     */
    FanOut(String requestId, Map<ChannelType, PushMessage> messages, Iterable<Target> targets,
            List<EndpointResult> settled, Outbound continuation, Map<ChannelType, Provider> providers,
            Map<ChannelType, Integer> batchSizes, Publications publications, boolean replyWanted, Clock clock) {
        this.requestId = requestId;
        this.messages = messages;
        this.targets = targets.iterator();
        this.continuation = continuation;
        this.providers = providers;
        this.batchSizes = batchSizes;
        this.publications = publications;
        this.replyWanted = replyWanted;
        this.now = clock.instant();
        for (EndpointResult result : settled) {
            ready.add(publications.result(result));
            firstOutcomes.add(result);
        }
    }

    @Override
    public boolean hasNext() {
        fill();
        return !ready.isEmpty();
    }

    @Override
    public Outbound next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void fill() {
        while (ready.isEmpty() && targets.hasNext()) {
            take(targets.next());
        }
        if (ready.isEmpty() && !drained) {
            drained = true;
            pending.forEach((channel, batch) -> {
                if (!batch.isEmpty()) {
                    ready.add(work(channel, batch));
                }
            });
            pending.clear();
            if (replyWanted && !firstOutcomes.isEmpty()) {
                ready.add(publications.firstOutcomes(requestId, firstOutcomes));
            }
            if (continuation != null) {
                ready.add(continuation);
            }
        }
    }

    private void take(Target target) {
        ChannelType channel = target.channel();
        PushMessage message = messages.get(channel);
        Provider provider = providers.get(channel);
        if (provider == null) {
            fail(target, message, "ChannelDisabled", "the " + channel + " channel is switched off on this gateway");
            return;
        }
        String malformed = AddressRules.malformed(target.address());
        if (malformed != null) {
            fail(target, message, "InvalidAddress", "the address " + malformed + "; it was not sent");
            return;
        }
        LimitViolation violation = target.hasOverrides()
                ? provider.limitViolation(message, target)
                : sharedViolation.computeIfAbsent(channel, c -> Optional.ofNullable(provider.limitViolation(message, target)))
                        .orElse(null);
        if (violation != null) {
            fail(target, message, violation.reason(), violation.text());
            return;
        }
        List<Target> batch = pending.computeIfAbsent(channel, c -> new ArrayList<>());
        batch.add(target);
        if (batch.size() >= batchSizes.get(channel)) {
            ready.add(work(channel, batch));
            pending.put(channel, new ArrayList<>());
        }
    }

    private void fail(Target target, PushMessage message, String reason, String text) {
        EndpointResult result = EndpointResult.of(requestId, target, DeliveryStatus.PERMANENT_FAILURE, 400,
                text, null, null, now);
        ready.add(publications.result(result));
        ready.add(publications.deadLetter(requestId, message, target, reason, 400, text, false, now));
        if (replyWanted) {
            firstOutcomes.add(result);
        }
    }

    private Outbound work(ChannelType channel, List<Target> batch) {
        WorkBatch work = new WorkBatch(requestId, channel, messages.get(channel), List.copyOf(batch),
                replyWanted);
        return Outbound.of(publications.queues().work(channel.provider()), work)
                .with("RequestId", requestId)
                .with("ChannelType", channel);
    }
}
