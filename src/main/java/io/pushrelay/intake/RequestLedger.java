package io.pushrelay.intake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.pushrelay.request.PushType;

/**
 * The record of accepted RequestIds. Claiming works across restarts and gateways: the first message with a
 * RequestId wins; the same message coming back (its first fan-out was rolled back with its transaction, so
 * nothing of it was published) may fan out again; any other message with that RequestId is a duplicate. Which
 * message it is, is told by its delivery key ({@link io.pushrelay.broker.Envelope#deliveryKey()}): its sender's
 * own message id, else the broker's id of it, never anything the broker makes anew on redelivery.
 * <p>
 * A batch of requests is claimed together: one query for the RequestIds on record, one statement inserting the new
 * ones, one commit. Its rows are committed before the batch's messages are, so a crash in between brings the same
 * messages back as redeliveries, which fan out again (nothing of them was published).
 */
public final class RequestLedger {

    public enum Claim { FIRST, REDELIVERY, DUPLICATE }

    /** A request asking to fan out: its RequestId, its type, and which message it came in. */
    public record Claimant(String requestId, PushType type, String deliveryKey) {
    }

    private final DataSource dataSource;
    private final Clock clock;

    public RequestLedger(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * Each claimant's claim, in order. Of two claimants in the batch with one RequestId the first wins. When another
     * gateway or consumer inserts one of the ids between our read and our insert, the insert fails and the batch
     * is claimed again, once: the second read sees the winner.
     */
    public List<Claim> claim(List<Claimant> claimants) throws SQLException {
        if (claimants.isEmpty()) {
            return List.of();
        }
        try {
            return tryClaim(claimants);
        } catch (SQLException e) {
            return tryClaim(claimants);
        }
    }

    private List<Claim> tryClaim(List<Claimant> claimants) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Map<String, String> owners = owners(c, claimants);
            Map<String, Claimant> newcomers = new LinkedHashMap<>();
            List<Claim> claims = new ArrayList<>(claimants.size());
            for (Claimant claimant : claimants) {
                String owner = owners.get(claimant.requestId());
                Claimant earlier = newcomers.get(claimant.requestId());
                if (owner != null) {
                    claims.add(owner.equals(claimant.deliveryKey()) ? Claim.REDELIVERY : Claim.DUPLICATE);
                } else if (earlier != null) {
                    claims.add(Claim.DUPLICATE);
                } else {
                    newcomers.put(claimant.requestId(), claimant);
                    claims.add(Claim.FIRST);
                }
            }
            insert(c, List.copyOf(newcomers.values()));
            return claims;
        }
    }

    private void insert(Connection c, List<Claimant> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        String values = String.join(",", Collections.nCopies(rows.size(), "(?, ?, ?, ?)"));
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO push_request (request_id, push_type, jms_message_id, received_at) VALUES " + values)) {
            Timestamp now = Timestamp.from(clock.instant());
            int i = 1;
            for (Claimant row : rows) {
                insert.setString(i++, row.requestId());
                insert.setString(i++, row.type().property());
                insert.setString(i++, row.deliveryKey());
                insert.setTimestamp(i++, now);
            }
            insert.executeUpdate();
        }
    }

    private static Map<String, String> owners(Connection c, List<Claimant> claimants) throws SQLException {
        List<String> ids = claimants.stream().map(Claimant::requestId).distinct().toList();
        String marks = String.join(",", Collections.nCopies(ids.size(), "?"));
        Map<String, String> owners = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT request_id, jms_message_id FROM push_request WHERE request_id IN (" + marks + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                select.setString(i + 1, ids.get(i));
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    owners.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return owners;
    }
}
