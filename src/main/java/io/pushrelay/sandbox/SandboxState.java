package io.pushrelay.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the simulators share: scripted faults, the calls received, the access tokens issued, and the addresses
 * that are gone or rotated. Thread-safe: simulators run on Vert.x event loops, tests script from their own threads.
 */
public final class SandboxState {

    /** An access token a token endpoint issued, and for whom. */
    public record IssuedToken(String token, String client, Set<String> scopes, Instant expiresAt) {
        boolean validAt(Instant now) {
            return now.isBefore(expiresAt);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final int recordLimit;
    private final List<Fault> faults = new ArrayList<>();
    private final Deque<RecordedCall> calls = new ArrayDeque<>();
    private final Map<String, AtomicLong> callCounts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> delivered = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> maxInFlight = new ConcurrentHashMap<>();
    private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();
    private final Map<String, Duration> tokenLifetimes = new ConcurrentHashMap<>();
    private final Set<String> unregistered = ConcurrentHashMap.newKeySet();
    private final Map<String, String> rotations = new ConcurrentHashMap<>();
    private final Set<String> providers = ConcurrentHashMap.newKeySet();

    SandboxState(Clock clock, int recordLimit) {
        this.clock = clock;
        this.recordLimit = recordLimit;
    }

    Instant now() {
        return clock.instant();
    }

    /** A simulator of this provider (or token endpoint) answers calls: faults and addresses may name it. */
    void serves(String provider) {
        providers.add(provider);
    }

    /** The providers and token endpoints the sandbox simulates: adm, fcm, alexa, lwa, google. */
    public Set<String> providers() {
        return Set.copyOf(providers);
    }

    // ---- faults

    /** The faults still active, in the order they are matched. */
    public synchronized List<Fault> faults() {
        return List.copyOf(faults);
    }

    public synchronized void addFault(Fault fault) {
        faults.add(fault);
    }

    public synchronized void clearFaults() {
        faults.clear();
    }

    /** The first fault that matches the call, counted down; null when the call should be processed normally. */
    synchronized Fault takeFault(String provider, String address) {
        Iterator<Fault> it = faults.iterator();
        while (it.hasNext()) {
            Fault f = it.next();
            if (!f.provider().equals(provider) || (f.address() != null && !f.address().equals(address))) {
                continue;
            }
            if (f.times() > 0) {
                it.remove();
                if (f.times() > 1) {
                    faults.add(faults.size(), new Fault(f.provider(), f.address(), f.status(), f.reason(),
                            f.retryAfter(), f.delayMillis(), f.times() - 1, f.html()));
                }
            }
            return f;
        }
        return null;
    }

    // ---- calls

    synchronized void record(RecordedCall call) {
        callCounts.computeIfAbsent(call.provider(), p -> new AtomicLong()).incrementAndGet();
        if (call.notifications() > 0) {
            delivered.computeIfAbsent(call.provider(), p -> new LongAdder()).add(call.notifications());
        }
        calls.addLast(call);
        if (calls.size() > recordLimit) {
            calls.removeFirst();
        }
    }

    /** The calls a provider received, oldest first (the newest {@code recordLimit} of all providers are kept). */
    public synchronized List<RecordedCall> calls(String provider) {
        return calls.stream().filter(c -> provider == null || c.provider().equals(provider)).toList();
    }

    /** How many calls a provider received since the last clear, including those no longer kept. */
    public long callCount(String provider) {
        AtomicLong n = callCounts.get(provider);
        return n == null ? 0 : n.get();
    }

    /** Notifications accepted (answered 2xx) by every provider since the last clear, an Alexa call counting its recipients. */
    public long deliveredNotifications() {
        return delivered.values().stream().mapToLong(LongAdder::sum).sum();
    }

    void enter(String provider) {
        int now = inFlight.computeIfAbsent(provider, p -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
        maxInFlight.computeIfAbsent(provider, p -> new java.util.concurrent.atomic.AtomicInteger()).accumulateAndGet(now, Math::max);
    }

    void leave(String provider) {
        inFlight.get(provider).decrementAndGet();
    }

    /** The most calls a provider (or token endpoint) had in progress at once since the last reset. */
    /** Calls of a provider received and not yet answered. */
    public int inFlight(String provider) {
        java.util.concurrent.atomic.AtomicInteger now = inFlight.get(provider);
        return now == null ? 0 : now.get();
    }

    public int maxConcurrent(String provider) {
        var max = maxInFlight.get(provider);
        return max == null ? 0 : max.get();
    }

    public synchronized void clearCalls() {
        calls.clear();
        callCounts.clear();
        delivered.clear();
    }

    // ---- tokens

    IssuedToken issue(String prefix, String client, Set<String> scopes, Duration defaultLifetime) {
        Duration lifetime = tokenLifetimes.getOrDefault(client, defaultLifetime);
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        IssuedToken issued = new IssuedToken(token, client, Set.copyOf(scopes), now().plus(lifetime));
        tokens.put(token, issued);
        return issued;
    }

    IssuedToken token(String bearer) {
        return bearer == null ? null : tokens.get(bearer);
    }

    /** Tokens issued to this client from now on expire after {@code lifetime}. */
    public void setTokenLifetime(String client, Duration lifetime) {
        tokenLifetimes.put(client, lifetime);
    }

    /** Every token issued so far stops working at once, as after a credential rotation. */
    public void expireAllTokens() {
        tokens.replaceAll((k, t) -> new IssuedToken(t.token(), t.client(), t.scopes(), now().minusSeconds(1)));
    }

    public int tokensIssued(String client) {
        return (int) tokens.values().stream().filter(t -> t.client().equals(client)).count();
    }

    // ---- addresses

    /** The provider reports this registration ID, token or unit as gone. */
    public void unregister(String provider, String address) {
        unregistered.add(provider + "|" + address);
    }

    boolean isUnregistered(String provider, String address) {
        return unregistered.contains(provider + "|" + address);
    }

    /** ADM answers sends to {@code address} with {@code newAddress} as the current registration ID. */
    public void rotate(String address, String newAddress) {
        rotations.put(address, newAddress);
    }

    String rotated(String address) {
        return rotations.getOrDefault(address, address);
    }

    public synchronized void reset() {
        faults.clear();
        calls.clear();
        callCounts.clear();
        delivered.clear();
        maxInFlight.clear();
        tokenLifetimes.clear();
        unregistered.clear();
        rotations.clear();
    }
}
