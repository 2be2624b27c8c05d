package io.pushrelay.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.pushrelay.auth.AccessToken;
import io.pushrelay.auth.TokenRefreshProcessor;
import io.pushrelay.auth.TokenUnavailableException;
import io.pushrelay.http.HttpAnswer;
import io.pushrelay.http.HttpTransport;
import io.pushrelay.message.DeliveryStatus;
import io.pushrelay.message.EndpointResult;
import io.pushrelay.message.Json;
import io.pushrelay.message.Report;
import io.pushrelay.message.RegistryFeedback;
import io.pushrelay.message.Target;
import io.pushrelay.message.WorkBatch;
import io.pushrelay.message.WorkMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one work message for one provider: unless the provider's guard holds calls back (circuit open, rate
 * limit reached: the targets wait on the broker, not attempted), makes the calls of all its batches at once,
 * non-blocking, over the provider's HTTP client with a fresh token (one refresh and one retry after a 401), after one
 * ledger lookup for the whole message; the route's thread waits once, for every call. It classifies every answer as
 * it arrives, and returns what
 * the delivery route sends in the same transaction ({@link Delivered}): one final result per target, a dead letter per
 * failed target, the first outcomes a reply waits for, what the provider said about addresses (gone, or replaced) for
 * the registry, and per batch one work batch of the targets to try again, due after the longest wait any of them needs. No
 * thread sleeps here. Each call's outcome is kept in the delivery ledger as soon as its answer arrives, so a crash
 * repeats only the calls that were in flight: sent again, or dead-lettered as {@code InFlightAtCrash}, as the setting
 * {@code pushrelay.delivery.in-flight-at-crash} says.
 */
public final class BatchDelivery {

    /** The dead letter's Reason for a call in flight at a crash, when such calls are not sent again. */
    public static final String IN_FLIGHT_AT_CRASH = "InFlightAtCrash";

    /** What becomes of a call that was in flight when the gateway died: its answer, if any, is unknown. */
    public enum InFlightAtCrash {
        /** Send it again (the target may get it twice); its result counts the lost call in Attempts. */
        RESEND,
        /** Never send it twice: a dead letter (Reason InFlightAtCrash, Retryable) for an operator to replay. */
        DEAD_LETTER;

        final String value = name().toLowerCase(Locale.ROOT).replace('_', '-');

        public static InFlightAtCrash of(String setting) {
            return valueOf(setting.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(BatchDelivery.class);

    private final Provider provider;
    private final HttpTransport http;
    private final TokenRefreshProcessor tokens;
    private final RetryPolicy retry;
    private final ProviderGuard guard;
    private final DeliveryLedger ledger;
    private final Clock clock;
    private final InFlightAtCrash inFlightAtCrash;
    private volatile DeliveryListener listener = DeliveryListener.NONE;

    public BatchDelivery(Provider provider, HttpTransport http, TokenRefreshProcessor tokens, RetryPolicy retry,
            ProviderGuard guard, DeliveryLedger ledger, Clock clock,
            InFlightAtCrash inFlightAtCrash) {
        this.provider = provider;
        this.http = http;
        this.tokens = tokens;
        this.retry = retry;
        this.guard = guard;
        this.ledger = ledger;
        this.clock = clock;
        this.inFlightAtCrash = inFlightAtCrash;
    }

    /** Who hears of this provider's calls, circuit and retries (one listener; the gateway's observability). */
    public void listen(DeliveryListener listener) {
        this.listener = listener;
    }

    public Delivered deliver(String workMessage) {
        List<WorkBatch> received = Json.read(workMessage, WorkMessage.class).batches();
        Instant start = clock.instant();
        List<Pass> passes = received.stream().map(b -> new Pass(b, guard.closedAt(start))).toList();
        List<Pass> open = passes.stream().filter(p -> p.closed == null).toList();
        List<DeliveryLedger.Known> known = ledger.find(open.stream().map(p -> p.received).toList());
        Token token = token();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (int i = 0; i < open.size(); i++) {
            pending.addAll(open.get(i).start(known.get(i), token, start));
        }
        joined(pending);
        return Delivered.together(passes.stream().map(Pass::delivered).toList());
    }

    /** The token every call of a work message is sent with, or why there is none. */
    private record Token(AccessToken value, Classification unavailable) {
    }

    private Token token() {
        try {
            return new Token(tokens.current(), null);
        } catch (TokenUnavailableException e) {
            return new Token(null, tokenUnavailable(e));
        }
    }

    /** A refresh that found no token makes the call's outcome; any other failure stays one. */
    private static Classification tokenUnavailable(Throwable failure) {
        if (failure.getCause() instanceof TokenUnavailableException e) {
            return tokenUnavailable(e);
        }
        throw failure instanceof CompletionException c ? c : new CompletionException(failure);
    }

    private static Classification tokenUnavailable(TokenUnavailableException e) {
        return Classification.failure(DeliveryStatus.TEMPORARY_FAILURE, 503, "TokenUnavailable", e.getMessage());
    }

    /** One batch of a work message on its way: started with the others, reported once every call is answered. */
    private final class Pass {

        final WorkBatch received;
        final Instant closed;
        final Report.Builder out = new Report.Builder();
        final List<EndpointResult> firstOutcomes = new ArrayList<>();
        final List<Delivered.Retry> retries = new ArrayList<>();
        final Set<Target> resent = new HashSet<>();
        WorkBatch batch;
        List<ProviderCall> planned = List.of();
        int granted;
        List<CompletableFuture<Answered>> answers = List.of();

        Pass(WorkBatch received, Instant closed) {
            this.received = received;
            this.closed = closed;
            this.batch = received;
        }

        /** Publishes what is on record, keeps the calls lost in a crash, sends the rest; returns what to wait for. */
        List<CompletableFuture<?>> start(DeliveryLedger.Known known, Token token, Instant start) {
            List<CompletableFuture<?>> pending = new ArrayList<>();
            List<Target> toCall = new ArrayList<>();
            List<Map.Entry<Target, DeliveryLedger.Recorded>> lost = new ArrayList<>();
            for (Target target : received.targets()) {
                DeliveryLedger.Recorded recorded = known.outcomes().get(target);
                Instant startedAt = known.inFlight().get(target);
                if (recorded != null) {
                    // reached before a crash or a rollback but not published: publish it, call no one again
                    report(received, target.attempted(start), recorded, target.attempts() == 0, out, firstOutcomes);
                } else if (startedAt == null) {
                    toCall.add(target);
                } else if (inFlightAtCrash == InFlightAtCrash.RESEND) {
                    Target again = target.attempted(startedAt);
                    toCall.add(again);
                    resent.add(again);
                } else {
                    lost.add(Map.entry(target, lostInFlight(received, target.attempted(startedAt), start)));
                }
            }
            if (!known.inFlight().isEmpty()) {
                LOG.warn("{} {} call(s) of request {} were in flight when the gateway stopped: whether they were delivered is "
                        + "unknown; {} (pushrelay.delivery.in-flight-at-crash={})", known.inFlight().size(),
                        provider.name(), received.requestId(), inFlightAtCrash == InFlightAtCrash.RESEND
                                ? "sending them again" : "dead-lettering them as InFlightAtCrash", inFlightAtCrash.value);
            }
            if (!lost.isEmpty()) {
                pending.add(ledger.answered(received, lost, List.of()));
                for (Map.Entry<Target, DeliveryLedger.Recorded> l : lost) {
                    Target tried = l.getKey().attempted(known.inFlight().get(l.getKey()));
                    report(received, tried, l.getValue(), l.getKey().attempts() == 0, out, firstOutcomes);
                }
            }
            batch = received.withTargets(toCall);
            planned = provider.plan(batch);
            granted = guard.permits(planned.size(), start);
            answers = planned.subList(0, granted).stream().map(call -> send(batch, call, token)).toList();
            pending.addAll(answers);
            return pending;
        }

        /** What the batch's answers decided: called once every call of the work message is answered and kept. */
        Delivered delivered() {
            if (closed != null) {
                listener.retryScheduled(provider.name(), DeliveryListener.Retry.CIRCUIT_OPEN, received.targets());
                retries.add(defer(received, received.targets(), closed, "the provider keeps failing: its circuit is open",
                        firstOutcomes));
                return BatchDelivery.delivered(received, out, firstOutcomes, retries);
            }
            Instant now = clock.instant();
            if (granted < planned.size()) {
                List<Target> later = planned.subList(granted, planned.size()).stream().flatMap(c -> c.targets().stream()).toList();
                listener.retryScheduled(provider.name(), DeliveryListener.Retry.RATE_LIMIT, later);
                retries.add(defer(batch, later, guard.permitsAt(planned.size() - granted, now), "over the provider's rate limit",
                        firstOutcomes));
            }
            List<Target> again = new ArrayList<>();
            Duration wait = Duration.ZERO;
            for (CompletableFuture<Answered> answered : answers) {
                Answered answer = answered.join();
                Classification c = answer.classification();
                recordInGuard(c, answer.at());
                for (Outcome o : answer.outcomes()) {
                    boolean first = o.tried().attempts() == 1 || resent.contains(o.target());
                    if (o.recorded() != null) {
                        report(batch, o.tried(), o.recorded(), first, out, firstOutcomes);
                        continue;
                    }
                    feedback(o.tried(), c.addressGone(), c.updatedToken(), out);
                    again.add(o.tried());
                    Duration d = retry.delay(o.tried().attempts(), c.retryAfter());
                    wait = d.compareTo(wait) > 0 ? d : wait;
                    if (batch.replyWanted() && first) {
                        firstOutcomes.add(o.result().retryScheduled());
                    }
                }
            }
            if (!again.isEmpty()) {
                listener.retryScheduled(provider.name(), DeliveryListener.Retry.PROVIDER_FAILURE, again);
                retries.add(new Delivered.Retry(WorkMessage.of(batch.withTargets(again)), now.plus(wait).toEpochMilli()));
            }
            return BatchDelivery.delivered(batch, out, firstOutcomes, retries);
        }
    }

    private static Delivered delivered(WorkBatch batch, Report.Builder out, List<EndpointResult> firstOutcomes,
            List<Delivered.Retry> retries) {
        if (!firstOutcomes.isEmpty()) {
            out.firstOutcomes(batch.requestId(), firstOutcomes);
        }
        return new Delivered(out.build(), retries);
    }

    /** A final outcome's messages: what the registry must hear, the result, its dead letter, its first outcome. */
    private void report(WorkBatch batch, Target tried, DeliveryLedger.Recorded r, boolean first, Report.Builder out,
            List<EndpointResult> firstOutcomes) {
        feedback(tried, r.addressGone(), r.result().updatedToken(), out);
        published(batch, tried, r, r.result().timestamp(), out);
        if (batch.replyWanted() && first) {
            firstOutcomes.add(r.result());
        }
    }

    private static void feedback(Target tried, boolean addressGone, String updatedToken, Report.Builder out) {
        if (addressGone) {
            out.feedback(new RegistryFeedback(tried.channel(), tried.address(), null));
        } else if (updatedToken != null) {
            out.feedback(new RegistryFeedback(tried.channel(), tried.address(), updatedToken));
        }
    }

    /** The outcome of a call that was in flight at a crash, when the setting says not to send it again. */
    private static DeliveryLedger.Recorded lostInFlight(WorkBatch batch, Target tried, Instant now) {
        return new DeliveryLedger.Recorded(EndpointResult.of(batch.requestId(), tried, DeliveryStatus.UNKNOWN_FAILURE, 0,
                "the gateway stopped while this call was in flight, so whether it was delivered is unknown; not sent "
                        + "again (pushrelay.delivery.in-flight-at-crash=dead-letter): replay the dead letter to send it",
                null, null, now), IN_FLIGHT_AT_CRASH, false);
    }

    /** A final outcome's report: its result, and its dead letter when it failed. */
    private static void published(WorkBatch batch, Target tried, DeliveryLedger.Recorded r, Instant now,
            Report.Builder out) {
        EndpointResult result = r.result();
        out.result(result);
        if (result.deliveryStatus() != DeliveryStatus.SUCCESSFUL) {
            out.deadLetter(batch.requestId(), batch.message(), tried, r.reason(), result.statusCode(),
                    result.statusMessage(), result.deliveryStatus().retryable(), now);
        }
    }

    /** Puts targets back on the broker, not attempted, until {@code at}; a reply hears they wait. */
    private Delivered.Retry defer(WorkBatch batch, List<Target> targets, Instant at, String why,
            List<EndpointResult> firstOutcomes) {
        for (Target t : targets) {
            if (batch.replyWanted() && t.attempts() == 0) {
                firstOutcomes.add(EndpointResult.of(batch.requestId(), t, DeliveryStatus.THROTTLED, 429, why, null, null,
                        clock.instant()).retryScheduled());
            }
        }
        return new Delivered.Retry(WorkMessage.of(batch.withTargets(targets)), at.toEpochMilli());
    }

    /** The circuit counts the provider's own trouble: not a token endpoint that failed, not a bad message. */
    private void recordInGuard(Classification c, Instant now) {
        if (!c.status().retryable()) {
            if (guard.answered()) {
                listener.circuitClosed(provider.name());
            }
        } else if (!"TokenUnavailable".equals(c.reason())) {
            Instant until = guard.failed(now);
            if (until != null) {
                listener.circuitOpened(provider.name(), until);
            }
        }
    }

    /**
     * One call, marked as started in the ledger as it is sent; what its answer decided is kept there as soon as it
     * arrives, while the other calls go on. Completes once that is kept.
     */
    private CompletableFuture<Answered> send(WorkBatch batch, ProviderCall call, Token token) {
        if (token.value() == null) {
            Answered answer = answered(batch, call, token.unavailable());
            return ledger.answered(batch, answer.finals(), List.of()).thenApply(v -> answer);
        }
        // only a call that must never go twice waits for its mark; with resend a lost mark costs only the count of
        // attempts, so it is kept only for a call that is not answered soon
        CompletableFuture<Void> ready = CompletableFuture.completedFuture(null);
        if (inFlightAtCrash == InFlightAtCrash.DEAD_LETTER) {
            ready = ledger.started(batch, call.targets(), clock.instant());
        } else {
            ledger.startedUnlessAnsweredSoon(batch, call.targets(), clock.instant());
        }
        return ready.thenCompose(v -> timed(call, token.value()))
                .thenApply(c -> answered(batch, call, c))
                .thenCompose(answer -> ledger.answered(batch, answer.finals(), answer.retried()).thenApply(v -> answer));
    }

    /** What an answer means for each target of the call, decided as it arrives. */
    private Answered answered(WorkBatch batch, ProviderCall call, Classification c) {
        Instant at = clock.instant();
        List<Outcome> outcomes = new ArrayList<>(call.targets().size());
        for (Target target : call.targets()) {
            Target tried = target.attempted(at);
            EndpointResult result = EndpointResult.of(batch.requestId(), tried, c.status(), c.statusCode(), c.message(), c.messageId(),
                    c.updatedToken(), at);
            boolean retryLater = c.status().retryable() && !retry.exhausted(tried.attempts());
            outcomes.add(new Outcome(target, tried, result, retryLater ? null
                    : new DeliveryLedger.Recorded(result, c.successful() ? null : c.reason(), c.addressGone())));
        }
        return new Answered(c, at, outcomes);
    }

    /** One call's answer: its classification, when it arrived, and the outcome of each of its targets. */
    private record Answered(Classification classification, Instant at, List<Outcome> outcomes) {

        List<Map.Entry<Target, DeliveryLedger.Recorded>> finals() {
            return outcomes.stream().filter(o -> o.recorded() != null).map(o -> Map.entry(o.target(), o.recorded())).toList();
        }

        List<Target> retried() {
            return outcomes.stream().filter(o -> o.recorded() == null).map(Outcome::target).toList();
        }
    }

    /** A target as the work message held it, after this call, its result, and its final outcome (null: retry later). */
    private record Outcome(Target target, Target tried, EndpointResult result, DeliveryLedger.Recorded recorded) {
    }

    private static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * Waits for every call before giving up on any: a batch that failed while some of its calls were still out would
     * roll back and come back with those calls in flight, to be sent twice or dead-lettered although nothing crashed.
     */
    private static void joined(List<CompletableFuture<?>> futures) {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).handle((done, failed) -> null).join();
        futures.forEach(f -> joined(f));
    }

    /** The call's classified answer, told to the listener with how long it took. */
    private CompletableFuture<Classification> timed(ProviderCall call, AccessToken token) {
        long sent = System.nanoTime();
        return call(call, token).thenApply(c -> {
            listener.called(provider.name(), call, c, Duration.ofNanos(System.nanoTime() - sent));
            return c;
        });
    }

    /** The call's classified answer; after a 401, one more with a new token (refreshed off the HTTP I/O thread). */
    private CompletableFuture<Classification> call(ProviderCall call, AccessToken token) {
        return post(call, token).thenApply(answer -> provider.classify(call, answer)).thenCompose(c -> !c.tokenRejected()
                ? CompletableFuture.completedFuture(c)
                : tokens.replaceRejected(token).thenCompose(fresh -> post(call, fresh)).thenApply(answer -> provider.classify(call, answer))
                        .exceptionally(BatchDelivery::tokenUnavailable));
    }

    private CompletableFuture<HttpAnswer> post(ProviderCall call, AccessToken token) {
        Map<String, String> headers = new LinkedHashMap<>(call.headers());
        headers.put("Authorization", "Bearer " + token.value());
        return http.post(call.url(), headers, call.body());
    }
}
