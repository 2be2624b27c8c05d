package io.pushrelay.intake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;

import javax.sql.DataSource;

import io.pushrelay.request.PushType;

/**
 * The record of accepted RequestIds. Claiming works across restarts and gateways: the first message with a
 * RequestId wins; the same message coming back (its first fan-out was rolled back with its transaction, so
 * nothing of it was published) may fan out again; any other message with that RequestId is a duplicate. Which
 * message it is, is told by its delivery key ({@link io.pushrelay.broker.Envelope#deliveryKey()}): its sender's
 * own message id, else the broker's id of it, never anything the broker makes anew on redelivery.
 */
public final class RequestLedger {

    public enum Claim { FIRST, REDELIVERY, DUPLICATE }

    private final DataSource dataSource;
    private final Clock clock;

    public RequestLedger(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public Claim claim(String requestId, PushType type, String deliveryKey) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String owner = owner(c, requestId);
            if (owner != null) {
                return owner.equals(deliveryKey) ? Claim.REDELIVERY : Claim.DUPLICATE;
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO push_request (request_id, push_type, jms_message_id, received_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, requestId);
                insert.setString(2, type.property());
                insert.setString(3, deliveryKey);
                insert.setTimestamp(4, Timestamp.from(clock.instant()));
                insert.executeUpdate();
                return Claim.FIRST;
            } catch (SQLException e) {
                // another gateway or consumer inserted it between our read and our insert
                String winner = owner(c, requestId);
                if (winner == null) {
                    throw e;
                }
                return winner.equals(deliveryKey) ? Claim.REDELIVERY : Claim.DUPLICATE;
            }
        }
    }

    private static String owner(Connection c, String requestId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT jms_message_id FROM push_request WHERE request_id = ?")) {
            select.setString(1, requestId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
