package io.pushrelay.provider;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.pushrelay.message.EndpointResult;
import io.pushrelay.message.Json;
import io.pushrelay.database.Keys;
import io.pushrelay.message.Target;
import io.pushrelay.message.WorkBatch;
import org.apache.camel.support.service.ServiceSupport;

/**
 * What became of each provider call, kept apart from the work message's JMS transaction so that a crash forgets
 * nothing that was answered: keyed on request, chain (the first fan-out, or one replay of a dead letter) and target.
 * A call is marked as started just before it is sent (when nobody waits for the mark, only if it is still out a moment
 * later: {@link #startedUnlessAnsweredSoon}) and its final outcome is kept as soon as its answer arrives
 * (a transient failure removes the mark instead: its retry is the work message's business). A work message that
 * comes back after a crash or a rolled-back transaction republishes the outcomes on record, calls the provider
 * only for the other targets, and learns which of them were in flight: marked, with no answer on record.
 * <p>
 * One writer thread commits everything queued since its last commit in one database transaction (a group commit):
 * whatever arrives while a commit runs shares the next one, so nothing waits longer than one commit in progress,
 * and a commit, the costly part on H2 and PostgreSQL alike, is paid once for many calls.
 */
public final class DeliveryLedger extends ServiceSupport {

    /**
     * A final outcome on record, with its dead letter's reason when it failed, whether the address is gone and since
     * when the provider says it is (null when it does not say).
     */
    public record Recorded(EndpointResult result, String reason, boolean addressGone, Instant goneSince) {
    }

    /** What a work message finds on record: final outcomes, and when the calls without an answer were started. */
    public record Known(Map<Target, Recorded> outcomes, Map<Target, Instant> inFlight) {
    }

    /** Keys per lookup statement: well under PostgreSQL's limit of bind parameters, and plans stay few. */
    static final int KEYS_PER_QUERY = 1000;

    private static final Pending STOP = new Pending(List.of(), List.of(), List.of(), new CompletableFuture<>(), List.of(), 0);
    /** How long a mark nobody waits on is held back, in case its call is answered first. */
    static final Duration MARK_DELAY = Duration.ofMillis(200);

    private final DataSource dataSource;
    private final BlockingQueue<Pending> queued = new LinkedBlockingQueue<>();
    private Thread writer;
    /** Guards {@link #accepting} with the queue, so that no entry is added after the writer's last drain. */
    private final Object gate = new Object();
    private boolean accepting;

    public DeliveryLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The final outcomes of the batch's targets, and the targets whose call for their next attempt has no answer. */
    public Known find(WorkBatch batch) {
        return find(List.of(batch)).get(0);
    }

    /**
     * What {@link #find(WorkBatch)} finds for each batch of a work message, in their order, with one query of each
     * table per {@value #KEYS_PER_QUERY} targets instead of one per batch.
     */
    public List<Known> find(List<WorkBatch> batches) {
        Map<String, Target> byKey = new LinkedHashMap<>();
        // two batches of one request may hold the same target: each hears of it
        Map<String, List<Integer>> batchOf = new HashMap<>();
        List<Known> known = new ArrayList<>(batches.size());
        for (int b = 0; b < batches.size(); b++) {
            String chain = chainKey(batches.get(b));
            for (Target t : batches.get(b).targets()) {
                byKey.putIfAbsent(key(chain, t), t);
                batchOf.computeIfAbsent(key(chain, t), k -> new ArrayList<>(1)).add(b);
            }
            known.add(new Known(new HashMap<>(), new HashMap<>()));
        }
        List<String> keys = new ArrayList<>(byKey.keySet());
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < keys.size(); from += KEYS_PER_QUERY) {
                List<String> some = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_QUERY));
                findFinals(c, some, byKey, batchOf, known);
                findStarted(c, some, byKey, batchOf, known);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The delivery ledger cannot be read: " + e.getMessage(), e);
        }
        return known;
    }

    private static void findFinals(Connection c, List<String> keys, Map<String, Target> byKey, Map<String, List<Integer>> batchOf,
            List<Known> known) throws SQLException {
        try (PreparedStatement finals = c.prepareStatement("SELECT delivery_key, result, reason, address_gone, gone_since "
                + "FROM push_delivery WHERE delivery_key IN (" + marks(keys) + ")")) {
            bind(finals, keys);
            try (ResultSet rs = finals.executeQuery()) {
                while (rs.next()) {
                    Target t = byKey.get(rs.getString(1));
                    Timestamp since = rs.getTimestamp(5);
                    Recorded r = new Recorded(Json.read(rs.getString(2), EndpointResult.class), rs.getString(3), rs.getBoolean(4),
                            since == null ? null : since.toInstant());
                    batchOf.get(rs.getString(1)).forEach(b -> known.get(b).outcomes().put(t, r));
                }
            }
        }
    }

    /** Run after {@link #findFinals}: a target with an outcome on record is not in flight. */
    private static void findStarted(Connection c, List<String> keys, Map<String, Target> byKey, Map<String, List<Integer>> batchOf,
            List<Known> known) throws SQLException {
        try (PreparedStatement started = c.prepareStatement("SELECT delivery_key, attempt, started_at "
                + "FROM push_delivery_start WHERE delivery_key IN (" + marks(keys) + ")")) {
            bind(started, keys);
            try (ResultSet rs = started.executeQuery()) {
                while (rs.next()) {
                    Target t = byKey.get(rs.getString(1));
                    int attempt = rs.getInt(2);
                    Instant at = rs.getTimestamp(3).toInstant();
                    for (int b : batchOf.get(rs.getString(1))) {
                        Known k = known.get(b);
                        // a mark of an earlier attempt belongs to a call answered since (its retry is this message)
                        if (!k.outcomes().containsKey(t) && attempt == t.attempts() + 1) {
                            k.inFlight().put(t, at);
                        }
                    }
                }
            }
        }
    }

    private static String marks(List<String> keys) {
        return keys.stream().map(k -> "?").collect(Collectors.joining(","));
    }

    private static void bind(PreparedStatement statement, List<String> keys) throws SQLException {
        for (int i = 0; i < keys.size(); i++) {
            statement.setString(i + 1, keys.get(i));
        }
    }

    /** Marks the calls for these targets' next attempt as started; completes once the marks are committed. */
    public CompletableFuture<Void> started(WorkBatch batch, List<Target> targets, Instant at) {
        return enqueue(List.of(), marks(batch, targets, at), List.of());
    }

    /**
     * Marks calls that nobody waits on as started, kept only if a call is still unanswered {@link #MARK_DELAY} later:
     * most calls are answered sooner, and their marks are never written (the ledger's writes halve under load, and it
     * keeps up with answers arriving by the thousand). A crash forgets the marks not yet kept: those calls are sent
     * again like any other in flight, without their lost call counted in Attempts.
     */
    public void startedUnlessAnsweredSoon(WorkBatch batch, List<Target> targets, Instant at) {
        List<Mark> marks = marks(batch, targets, at);
        long due = System.nanoTime() + MARK_DELAY.toNanos();
        synchronized (gate) {
            if (accepting) {
                queued.add(new Pending(List.of(), List.of(), List.of(), null, marks, due));
            }
        }
    }

    private static List<Mark> marks(WorkBatch batch, List<Target> targets, Instant at) {
        String chain = chainKey(batch);
        Timestamp when = Timestamp.from(at);
        return targets.stream().map(t -> new Mark(key(chain, t), t.attempts() + 1, when)).toList();
    }

    /**
     * Keeps what a call's answer decided: the final outcomes (keyed on the targets as the work message holds them),
     * and, for the targets whose call failed transiently and will be retried, removes their marks. Completes once
     * committed.
     */
    public CompletableFuture<Void> answered(WorkBatch batch, List<Map.Entry<Target, Recorded>> finals, List<Target> retried) {
        String chain = chainKey(batch);
        List<Row> rows = new ArrayList<>(finals.size());
        Timestamp when = Timestamp.from(Instant.now());
        for (Map.Entry<Target, Recorded> outcome : finals) {
            Recorded r = outcome.getValue();
            rows.add(new Row(key(chain, outcome.getKey()), batch.requestId(), Json.write(r.result()), r.reason(),
                    r.addressGone(), r.goneSince() == null ? null : Timestamp.from(r.goneSince()), when));
        }
        return enqueue(rows, List.of(), retried.stream().map(t -> new Mark(key(chain, t), t.attempts() + 1, when)).toList());
    }

    private CompletableFuture<Void> enqueue(List<Row> rows, List<Mark> marks, List<Mark> unmarks) {
        if (rows.isEmpty() && marks.isEmpty() && unmarks.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Pending pending = new Pending(rows, marks, unmarks, new CompletableFuture<>(), List.of(), 0);
        synchronized (gate) {
            if (!accepting) {
                return CompletableFuture.failedFuture(unavailable("is not running"));
            }
            queued.add(pending);
        }
        return pending.committed();
    }

    /**
     * Why an entry was not kept while the ledger is stopped: transient for the error policy (an SQL fault with no
     * state), so the work message waits for a redelivery instead of being parked.
     */
    private static IllegalStateException unavailable(String why) {
        String message = "The delivery ledger " + why;
        return new IllegalStateException(message, new SQLTransientException(message));
    }

    @Override
    protected void doStart() {
        synchronized (gate) {
            accepting = true;
        }
        writer = new Thread(this::writeLoop, "pushrelay-delivery-ledger");
        writer.setDaemon(true);
        writer.start();
    }

    /** Commits what is queued, then stops: not with an interrupt, which H2 answers by closing its file. */
    @Override
    protected void doStop() throws InterruptedException {
        queued.add(STOP);
        writer.join(TimeUnit.SECONDS.toMillis(10));
    }

    /** Entries waiting for the writer: for tests of the group commit. */
    int queuedEntries() {
        return queued.size();
    }

    private void writeLoop() {
        try {
            List<Pending> heldBack = new ArrayList<>();
            while (true) {
                List<Pending> group = new ArrayList<>();
                Pending first = heldBack.isEmpty() ? queued.take()
                        : queued.poll(Math.max(0, heldBack.get(0).due() - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (first != null) {
                    group.add(first);
                    queued.drainTo(group);
                }
                boolean stop = group.remove(STOP);
                group.stream().filter(p -> p.committed() == null).forEach(heldBack::add);
                group.removeIf(p -> p.committed() == null);
                settle(heldBack, group);
                // held-back marks that are due (all of them at a stop) join this group; the group's outcomes drop
                // the marks of their calls
                long now = System.nanoTime();
                while (!heldBack.isEmpty() && (stop || heldBack.get(0).due() <= now)) {
                    Pending due = heldBack.remove(0);
                    group.add(new Pending(List.of(), due.heldMarks(), List.of(), CompletableFuture.completedFuture(null), List.of(), 0));
                }
                write(group);
                if (stop) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // whatever ends the loop, nothing may wait for a commit that will never come
            List<Pending> late = new ArrayList<>();
            synchronized (gate) {
                accepting = false;
                queued.drainTo(late);
            }
            late.remove(STOP);
            IllegalStateException stopped = unavailable("has stopped");
            late.stream().filter(p -> p.committed() != null).forEach(p -> p.committed().completeExceptionally(stopped));
        }
    }

    /** Drops the held-back marks of calls this group answers or retries: they will never need writing. */
    private static void settle(List<Pending> heldBack, List<Pending> group) {
        Set<String> settled = new HashSet<>();
        Set<Mark> unmarked = new HashSet<>();
        group.forEach(p -> {
            p.rows().forEach(r -> settled.add(r.key()));
            p.unmarks().forEach(m -> unmarked.add(m.withoutTime()));
        });
        if (settled.isEmpty() && unmarked.isEmpty()) {
            return;
        }
        heldBack.replaceAll(p -> new Pending(List.of(), List.of(), List.of(), null, p.heldMarks().stream()
                .filter(m -> !settled.contains(m.key()) && !unmarked.contains(m.withoutTime())).toList(), p.due()));
        heldBack.removeIf(p -> p.heldMarks().isEmpty());
    }

    private void write(List<Pending> group) {
        if (group.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // a mark whose call was answered within the same group is never written: its outcome, or the removal
                // of a retried call's mark, commits with it, so no one could have seen it (half the rows under load)
                Set<String> settled = new HashSet<>();
                group.forEach(p -> p.rows().forEach(r -> settled.add(r.key())));
                Set<Mark> marked = new HashSet<>();
                group.forEach(p -> p.marks().forEach(m -> marked.add(m.withoutTime())));
                Set<Mark> unmarked = new HashSet<>();
                group.forEach(p -> p.unmarks().forEach(m -> unmarked.add(m.withoutTime())));
                insertMarks(c, group.stream().flatMap(p -> p.marks().stream())
                        .filter(m -> !settled.contains(m.key()) && !unmarked.contains(m.withoutTime())).toList());
                insertFinals(c, group);
                deleteMarks(c, group.stream().flatMap(p -> p.unmarks().stream()).filter(m -> !marked.contains(m.withoutTime())).toList());
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            group.forEach(p -> p.committed().complete(null));
        } catch (SQLException | RuntimeException e) {
            IllegalStateException failure = new IllegalStateException("The delivery ledger cannot be written: " + e.getMessage(), e);
            group.forEach(p -> p.committed().completeExceptionally(failure));
        }
    }

    private static void insertMarks(Connection c, List<Mark> marks) throws SQLException {
        if (marks.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO push_delivery_start (delivery_key, attempt, started_at) "
                + "SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM push_delivery_start WHERE delivery_key = ? AND attempt = ?)")) {
            for (Mark mark : marks) {
                insert.setString(1, mark.key());
                insert.setInt(2, mark.attempt());
                insert.setTimestamp(3, mark.at());
                insert.setString(4, mark.key());
                insert.setInt(5, mark.attempt());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void insertFinals(Connection c, List<Pending> group) throws SQLException {
        if (group.stream().allMatch(p -> p.rows().isEmpty())) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO push_delivery (delivery_key, request_id, result, reason, address_gone, gone_since, delivered_at) "
                + "SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM push_delivery WHERE delivery_key = ?)")) {
            for (Pending pending : group) {
                for (Row row : pending.rows()) {
                    insert.setString(1, row.key());
                    insert.setString(2, row.requestId());
                    insert.setString(3, row.result());
                    insert.setString(4, row.reason());
                    insert.setBoolean(5, row.addressGone());
                    insert.setTimestamp(6, row.goneSince());
                    insert.setTimestamp(7, row.at());
                    insert.setString(8, row.key());
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private static void deleteMarks(Connection c, List<Mark> unmarks) throws SQLException {
        if (unmarks.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM push_delivery_start WHERE delivery_key = ? AND attempt = ?")) {
            for (Mark mark : unmarks) {
                delete.setString(1, mark.key());
                delete.setInt(2, mark.attempt());
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    private record Row(String key, String requestId, String result, String reason, boolean addressGone, Timestamp goneSince,
            Timestamp at) {
    }

    private record Mark(String key, int attempt, Timestamp at) {

        /** The mark as a call's identity, whenever it was made. */
        Mark withoutTime() {
            return new Mark(key, attempt, null);
        }
    }

    /** What one caller queued; marks held back have no future (nobody waits) and a time they are due. */
    private record Pending(List<Row> rows, List<Mark> marks, List<Mark> unmarks, CompletableFuture<Void> committed,
            List<Mark> heldMarks, long due) {
    }

    /**
     * A row's key: half the hash of the request and chain, then half the hash of the target. The rows of one batch
     * share their first half, so its inserts land together in the index instead of one page each: a commit then
     * rewrites a few index pages, not a hundred.
     */
    static String key(String chainKey, Target t) {
        return chainKey + Keys.of(t.channel(), t.address(), t.endpointId(), t.userId()).substring(0, 32);
    }

    static String chainKey(WorkBatch batch) {
        return Keys.of(batch.requestId(), batch.chain()).substring(0, 32);
    }
}
