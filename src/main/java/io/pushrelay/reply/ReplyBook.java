package io.pushrelay.reply;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

import javax.sql.DataSource;

import io.pushrelay.message.EndpointResult;
import io.pushrelay.message.Json;
import io.pushrelay.database.Keys;

/**
 * The database side of replies: which requests wait for one, the first outcomes of their targets, and whether the
 * reply went out. It lives in the database so that a reply survives a restart of the gateway.
 */
public final class ReplyBook {

    /**
     * A reply that is due: where it goes (a destination in Artemis's qualified form, which keeps whether it is a
     * queue, a topic or a temporary one; see {@link io.pushrelay.broker.Envelope#destination}), its correlation id
     * (none when the request had none and its sender gave it no message id), the request it answers, and what it
     * says (JSON), and when the request was accepted (its reply's latency starts there).
     */
    public record DueReply(String replyTo, String correlationId, String requestId, String body, Instant requestedAt) {
    }

    private final DataSource dataSource;
    private final Clock clock;

    public ReplyBook(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** A request that waits for a reply: where it goes, its correlation id, how many first outcomes it waits for. */
    public record Registration(String requestId, String pushType, String replyTo, String correlationId, int expected) {
    }

    /**
     * Registers the replies a batch of requests waits for, in one transaction: a registration replaces one not yet
     * answered for the same RequestId (the same message fanning out again after a rollback).
     */
    public void register(List<Registration> registrations) throws SQLException {
        if (registrations.isEmpty()) {
            return;
        }
        String marks = String.join(",", Collections.nCopies(registrations.size(), "?"));
        String rows = String.join(",", Collections.nCopies(registrations.size(), "(?, ?, ?, ?, ?, ?)"));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM push_reply WHERE request_id IN (" + marks
                    + ") AND replied_at IS NULL");
                    PreparedStatement insert = c.prepareStatement("INSERT INTO push_reply (request_id, push_type, reply_to, "
                            + "correlation_id, expected, created_at) VALUES " + rows)) {
                Timestamp now = Timestamp.from(clock.instant());
                int d = 1;
                int i = 1;
                for (Registration r : registrations) {
                    delete.setString(d++, r.requestId());
                    insert.setString(i++, r.requestId());
                    insert.setString(i++, r.pushType());
                    insert.setString(i++, r.replyTo());
                    insert.setString(i++, r.correlationId());
                    insert.setInt(i++, r.expected());
                    insert.setTimestamp(i++, now);
                }
                delete.executeUpdate();
                insert.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Changes how many first outcomes a request's reply waits for (a group that changed while it was sent). */
    public void expect(String requestId, int expected) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement("UPDATE push_reply SET expected = ? WHERE request_id = ? "
                        + "AND replied_at IS NULL")) {
            update.setInt(1, expected);
            update.setString(2, requestId);
            update.executeUpdate();
        }
    }

    /**
     * Records first outcomes; returns the reply when this message completes the request. If the same JMS message
     * comes back (its transaction rolled back after the reply was marked), the reply is due again.
     */
    public DueReply record(String requestId, List<EndpointResult> results, String jmsMessageId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                DueReply due = record(c, requestId, results, jmsMessageId);
                c.commit();
                return due;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private DueReply record(Connection c, String requestId, List<EndpointResult> results, String jmsMessageId)
            throws SQLException {
        String pushType;
        String replyTo;
        String correlationId;
        int expected;
        String repliedBy;
        Instant requestedAt;
        try (PreparedStatement select = c.prepareStatement("SELECT push_type, reply_to, correlation_id, expected, replied_by, created_at "
                + "FROM push_reply WHERE request_id = ?")) {
            select.setString(1, requestId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                pushType = rs.getString(1);
                replyTo = rs.getString(2);
                correlationId = rs.getString(3);
                expected = rs.getInt(4);
                repliedBy = rs.getString(5);
                requestedAt = rs.getTimestamp(6).toInstant();
            }
        }
        if (repliedBy != null) {
            return repliedBy.equals(jmsMessageId)
                    ? new DueReply(replyTo, correlationId, requestId, body(c, pushType, requestId), requestedAt) : null;
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO push_outcome (request_id, target_key, result) "
                + "SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM push_outcome WHERE request_id = ? AND target_key = ?)")) {
            for (EndpointResult r : results) {
                String key = targetKey(r);
                insert.setString(1, requestId);
                insert.setString(2, key);
                insert.setString(3, Json.write(r));
                insert.setString(4, requestId);
                insert.setString(5, key);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        int have;
        try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM push_outcome WHERE request_id = ?")) {
            count.setString(1, requestId);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                have = rs.getInt(1);
            }
        }
        if (have < expected) {
            return null;
        }
        try (PreparedStatement mark = c.prepareStatement("UPDATE push_reply SET replied_at = ?, replied_by = ? "
                + "WHERE request_id = ? AND replied_at IS NULL")) {
            mark.setTimestamp(1, Timestamp.from(clock.instant()));
            mark.setString(2, jmsMessageId);
            mark.setString(3, requestId);
            if (mark.executeUpdate() == 0) {
                return null;
            }
        }
        return new DueReply(replyTo, correlationId, requestId, body(c, pushType, requestId), requestedAt);
    }

    /** The reply from the stored outcomes, read as a stream: a group's reply keeps only counts and failed IDs. */
    private static String body(Connection c, String pushType, String requestId) throws SQLException {
        ReplyShapes.Builder reply = ReplyShapes.builder(pushType, requestId);
        try (PreparedStatement select = c.prepareStatement("SELECT result FROM push_outcome WHERE request_id = ?")) {
            select.setFetchSize(1000);
            select.setString(1, requestId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    reply.add(Json.read(rs.getString(1), EndpointResult.class));
                }
            }
        }
        return reply.build();
    }

    /** One row per target: channel, address, endpoint and user identify it. */
    static String targetKey(EndpointResult r) {
        return Keys.of(r.channel(), r.address(), r.endpointId(), r.userId());
    }
}
