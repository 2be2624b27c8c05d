package io.pushrelay.provider;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.pushrelay.message.EndpointResult;
import io.pushrelay.message.Json;
import io.pushrelay.message.Keys;
import io.pushrelay.message.Target;
import io.pushrelay.message.WorkBatch;

/**
 * Which targets of an attempt chain already have their final outcome: keyed on request, chain (the first fan-out,
 * or one replay of a dead letter) and target. A work message that comes back after its transaction rolled back
 * (a failed commit, a database hiccup) republishes those outcomes and calls the provider only for the others.
 */
public final class DeliveryLedger {

    /** A final outcome on record, with its dead letter's reason when it failed. */
    public record Recorded(EndpointResult result, String reason) {
    }

    private final DataSource dataSource;
    private final Queue<Pending> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writer = new ReentrantLock();

    public DeliveryLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Map<Target, Recorded> find(WorkBatch batch) {
        String chain = chainKey(batch);
        Map<String, Target> byKey = batch.targets().stream().collect(Collectors.toMap(t -> key(chain, t), t -> t, (a, b) -> a));
        Map<Target, Recorded> found = new HashMap<>();
        if (byKey.isEmpty()) {
            return found;
        }
        String marks = byKey.keySet().stream().map(k -> "?").collect(Collectors.joining(","));
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT delivery_key, result, reason FROM push_delivery "
                        + "WHERE delivery_key IN (" + marks + ")")) {
            int i = 1;
            for (String key : byKey.keySet()) {
                select.setString(i++, key);
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.put(byKey.get(rs.getString(1)), new Recorded(Json.read(rs.getString(2), EndpointResult.class), rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The delivery ledger cannot be read: " + e.getMessage(), e);
        }
        return found;
    }

    /**
     * Records the final outcomes of a batch. Batches finishing at the same time share one database transaction (a
     * group commit): whoever holds the writer lock writes every row queued so far, so a commit, the costly part on
     * H2 and PostgreSQL alike, is paid once for all of them. Returns once this batch's rows are committed.
     */
    public void record(WorkBatch batch, List<Map.Entry<Target, Recorded>> outcomes, Instant at) {
        if (outcomes.isEmpty()) {
            return;
        }
        List<Row> rows = new ArrayList<>(outcomes.size());
        Timestamp when = Timestamp.from(at);
        String chain = chainKey(batch);
        for (Map.Entry<Target, Recorded> outcome : outcomes) {
            rows.add(new Row(key(chain, outcome.getKey()), Json.write(outcome.getValue().result()), outcome.getValue().reason(), when));
        }
        Pending mine = new Pending(rows, new CompletableFuture<>());
        queued.add(mine);
        writer.lock();
        try {
            if (!mine.committed().isDone()) {
                List<Pending> group = new ArrayList<>();
                for (Pending p = queued.poll(); p != null; p = queued.poll()) {
                    group.add(p);
                }
                write(group);
            }
        } finally {
            writer.unlock();
        }
        try {
            mine.committed().join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    /** Batches waiting for the writer: for tests of the group commit. */
    int queuedBatches() {
        return queued.size();
    }

    private void write(List<Pending> group) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO push_delivery (delivery_key, result, reason, delivered_at) "
                    + "SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM push_delivery WHERE delivery_key = ?)")) {
                for (Pending pending : group) {
                    for (Row row : pending.rows()) {
                        insert.setString(1, row.key());
                        insert.setString(2, row.result());
                        insert.setString(3, row.reason());
                        insert.setTimestamp(4, row.at());
                        insert.setString(5, row.key());
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
            group.forEach(p -> p.committed().complete(null));
        } catch (SQLException | RuntimeException e) {
            IllegalStateException failure = new IllegalStateException("The delivery ledger cannot be written: " + e.getMessage(), e);
            group.forEach(p -> p.committed().completeExceptionally(failure));
        }
    }

    private record Row(String key, String result, String reason, Timestamp at) {
    }

    private record Pending(List<Row> rows, CompletableFuture<Void> committed) {
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
