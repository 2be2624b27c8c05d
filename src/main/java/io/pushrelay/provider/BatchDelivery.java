package io.pushrelay.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

import io.pushrelay.auth.AccessToken;
import io.pushrelay.auth.TokenRefreshProcessor;
import io.pushrelay.auth.TokenUnavailableException;
import io.pushrelay.message.DeliveryStatus;
import io.pushrelay.message.EndpointResult;
import io.pushrelay.message.Json;
import io.pushrelay.message.Outbound;
import io.pushrelay.message.Publications;
import io.pushrelay.message.RegistryFeedback;
import io.pushrelay.message.Target;
import io.pushrelay.message.WorkBatch;

/**
 * Delivers one work message for one provider: unless the provider's guard holds calls back (circuit open, rate
 * limit reached: the targets wait on the broker, not attempted), makes the batch's calls concurrently over the
 * provider's pool with a fresh token (one refresh and one retry after a 401), classifies every answer, and returns what the delivery route
 * publishes in the same transaction: one final result per target, a dead letter per failed target, the first
 * outcomes a reply waits for, what the provider said about addresses (gone, or replaced) for the registry, and one
 * work message of the targets to try again, scheduled on the broker after the longest wait any of them needs. No
 * thread sleeps here.
 */
public final class BatchDelivery {

    /** The broker property that holds a message back until the given epoch milliseconds. */
    public static final String SCHEDULED_DELIVERY = "_AMQ_SCHED_DELIVERY";

    private final Provider provider;
    private final HttpTransport http;
    private final TokenRefreshProcessor tokens;
    private final RetryPolicy retry;
    private final ProviderGuard guard;
    private final DeliveryLedger ledger;
    private final ExecutorService executor;
    private final Publications publications;
    private final Clock clock;

    public BatchDelivery(Provider provider, HttpTransport http, TokenRefreshProcessor tokens, RetryPolicy retry,
            ProviderGuard guard, DeliveryLedger ledger, ExecutorService executor, Publications publications, Clock clock) {
        this.provider = provider;
        this.http = http;
        this.tokens = tokens;
        this.retry = retry;
        this.guard = guard;
        this.ledger = ledger;
        this.executor = executor;
        this.publications = publications;
        this.clock = clock;
    }

    public List<Outbound> deliver(String workMessage) {
        WorkBatch received = Json.read(workMessage, WorkBatch.class);
        Instant start = clock.instant();
        Instant closed = guard.closedAt(start);
        if (closed != null) {
            return defer(received, received.targets(), closed, "the provider keeps failing: its circuit is open");
        }
        Map<Target, DeliveryLedger.Recorded> recorded = ledger.find(received);
        List<Outbound> out = new ArrayList<>();
        // a redelivery of a batch whose outcomes were reached but not published: publish them, call no one again
        recorded.forEach((target, r) -> out.addAll(published(received, target.attempted(start), r, start)));
        WorkBatch batch = recorded.isEmpty() ? received
                : received.withTargets(received.targets().stream().filter(t -> !recorded.containsKey(t)).toList());
        List<ProviderCall> planned = provider.plan(batch);
        int granted = guard.permits(planned.size(), start);
        List<ProviderCall> calls = planned.subList(0, granted);
        Map<ProviderCall, Classification> classified = send(calls);
        Instant now = clock.instant();
        if (granted < planned.size()) {
            List<Target> later = planned.subList(granted, planned.size()).stream().flatMap(c -> c.targets().stream()).toList();
            out.addAll(defer(batch, later, guard.permitsAt(planned.size() - granted, now), "over the provider's rate limit"));
        }
        List<EndpointResult> firstOutcomes = new ArrayList<>();
        List<Target> again = new ArrayList<>();
        List<Map.Entry<Target, DeliveryLedger.Recorded>> finals = new ArrayList<>();
        Duration wait = Duration.ZERO;
        for (ProviderCall call : calls) {
            Classification c = classified.get(call);
            recordInGuard(c, now);
            for (Target target : call.targets()) {
                Target tried = target.attempted(now);
                EndpointResult result = EndpointResult.of(batch.requestId(), tried, c.status(), c.statusCode(),
                        c.message(), c.messageId(), c.updatedToken(), now);
                if (c.addressGone()) {
                    out.add(publications.feedback(new RegistryFeedback(tried.channel(), tried.address(), null)));
                } else if (c.updatedToken() != null) {
                    out.add(publications.feedback(new RegistryFeedback(tried.channel(), tried.address(), c.updatedToken())));
                }
                boolean retryLater = c.status().retryable() && !retry.exhausted(tried.attempts());
                if (retryLater) {
                    again.add(tried);
                    Duration d = retry.delay(tried.attempts(), c.retryAfter());
                    wait = d.compareTo(wait) > 0 ? d : wait;
                } else {
                    DeliveryLedger.Recorded r = new DeliveryLedger.Recorded(result, c.successful() ? null : c.reason());
                    finals.add(Map.entry(target, r));
                    out.addAll(published(batch, tried, r, now));
                }
                if (batch.replyWanted() && tried.attempts() == 1) {
                    firstOutcomes.add(retryLater ? result.retryScheduled() : result);
                }
            }
        }
        ledger.record(batch, finals, now);
        if (!again.isEmpty()) {
            out.add(Outbound.of(publications.queues().work(provider.channel().provider()), batch.withTargets(again))
                    .with("RequestId", batch.requestId())
                    .with(SCHEDULED_DELIVERY, now.plus(wait).toEpochMilli()));
        }
        if (!firstOutcomes.isEmpty()) {
            out.add(publications.firstOutcomes(batch.requestId(), firstOutcomes));
        }
        return out;
    }

    /** A final outcome's messages: its result, and its dead letter when it failed. */
    private List<Outbound> published(WorkBatch batch, Target tried, DeliveryLedger.Recorded r, Instant now) {
        EndpointResult result = r.result();
        if (result.deliveryStatus() == DeliveryStatus.SUCCESSFUL) {
            return List.of(publications.result(result));
        }
        return List.of(publications.result(result), publications.deadLetter(batch.requestId(), batch.message(),
                tried, r.reason(), result.statusCode(),
                result.statusMessage(), result.deliveryStatus().retryable(), now));
    }

    /** Puts targets back on the broker, not attempted, until {@code at}; a reply hears they wait. */
    private List<Outbound> defer(WorkBatch batch, List<Target> targets, Instant at, String why) {
        List<Outbound> out = new ArrayList<>();
        out.add(Outbound.of(publications.queues().work(provider.channel().provider()), batch.withTargets(targets))
                .with("RequestId", batch.requestId())
                .with(SCHEDULED_DELIVERY, at.toEpochMilli()));
        List<EndpointResult> waiting = new ArrayList<>();
        for (Target t : targets) {
            if (batch.replyWanted() && t.attempts() == 0) {
                waiting.add(EndpointResult.of(batch.requestId(), t, DeliveryStatus.THROTTLED, 429, why, null, null,
                        clock.instant()).retryScheduled());
            }
        }
        if (!waiting.isEmpty()) {
            out.add(publications.firstOutcomes(batch.requestId(), waiting));
        }
        return out;
    }

    /** The circuit counts the provider's own trouble: not a token endpoint that failed, not a bad message. */
    private void recordInGuard(Classification c, Instant now) {
        if (!c.status().retryable()) {
            guard.answered();
        } else if (!"TokenUnavailable".equals(c.reason())) {
            guard.failed(now);
        }
    }

    private Map<ProviderCall, Classification> send(List<ProviderCall> calls) {
        Map<ProviderCall, Classification> classified = new LinkedHashMap<>();
        AccessToken token;
        try {
            token = tokens.current();
        } catch (TokenUnavailableException e) {
            Classification unavailable = Classification.failure(DeliveryStatus.TEMPORARY_FAILURE, 503,
                    "TokenUnavailable", e.getMessage());
            calls.forEach(call -> classified.put(call, unavailable));
            return classified;
        }
        List<CompletableFuture<Classification>> futures = new ArrayList<>(calls.size());
        for (ProviderCall call : calls) {
            AccessToken t = token;
            futures.add(CompletableFuture.supplyAsync(() -> call(call, t), executor));
        }
        for (int i = 0; i < calls.size(); i++) {
            classified.put(calls.get(i), futures.get(i).join());
        }
        return classified;
    }

    private Classification call(ProviderCall call, AccessToken token) {
        Classification c = provider.classify(call, post(call, token));
        if (!c.tokenRejected()) {
            return c;
        }
        try {
            return provider.classify(call, post(call, tokens.refreshAfterRejection(token)));
        } catch (TokenUnavailableException e) {
            return Classification.failure(DeliveryStatus.TEMPORARY_FAILURE, 503, "TokenUnavailable", e.getMessage());
        }
    }

    private HttpAnswer post(ProviderCall call, AccessToken token) {
        Map<String, String> headers = new LinkedHashMap<>(call.headers());
        headers.put("Authorization", "Bearer " + token.value());
        return http.post(call.url(), headers, call.body());
    }
}
