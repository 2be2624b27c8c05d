package io.pushrelay.provider;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    public DeliveryLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Map<Target, Recorded> find(WorkBatch batch) {
        Map<String, Target> byKey = batch.targets().stream().collect(Collectors.toMap(t -> key(batch, t), t -> t, (a, b) -> a));
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

    /** Records the final outcomes of a batch in one database transaction. */
    public void record(WorkBatch batch, List<Map.Entry<Target, Recorded>> outcomes, Instant at) {
        if (outcomes.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO push_delivery (delivery_key, result, reason, delivered_at) "
                    + "SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM push_delivery WHERE delivery_key = ?)")) {
                for (Map.Entry<Target, Recorded> outcome : outcomes) {
                    String key = key(batch, outcome.getKey());
                    insert.setString(1, key);
                    insert.setString(2, Json.write(outcome.getValue().result()));
                    insert.setString(3, outcome.getValue().reason());
                    insert.setTimestamp(4, Timestamp.from(at));
                    insert.setString(5, key);
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The delivery ledger cannot be written: " + e.getMessage(), e);
        }
    }

    static String key(WorkBatch batch, Target t) {
        return Keys.of(batch.requestId(), batch.chain(), t.channel(), t.address(), t.endpointId(), t.userId());
    }
}
