package io.pushrelay.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;

import javax.sql.DataSource;

import io.pushrelay.message.Json;
import io.pushrelay.message.RegistryFeedback;

/**
 * Applies what providers said about addresses: a gone address makes its endpoints INACTIVE and takes them out of
 * every group; a new address replaces the old one everywhere (endpoints keep their IDs, so groups follow). Applying
 * the same feedback twice changes nothing more.
 */
public final class FeedbackApplier {

    private final DataSource dataSource;
    private final Clock clock;

    public FeedbackApplier(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public void apply(String body) throws Exception {
        RegistryFeedback feedback = Json.read(body, RegistryFeedback.class);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (feedback.gone()) {
                    gone(c, feedback);
                } else {
                    replaced(c, feedback);
                }
                c.commit();
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Endpoints registered (or changed) after the provider's {@code GoneSince} are left as they are. */
    private void gone(Connection c, RegistryFeedback f) throws Exception {
        String before = " AND (CAST(? AS TIMESTAMP) IS NULL OR updated_at <= ?)";
        try (PreparedStatement members = c.prepareStatement("DELETE FROM group_member WHERE endpoint_id IN "
                + "(SELECT endpoint_id FROM endpoint WHERE channel_type = ? AND address = ?" + before + ")");
                PreparedStatement inactive = c.prepareStatement("UPDATE endpoint SET endpoint_status = 'INACTIVE', "
                        + "updated_at = ? WHERE channel_type = ? AND address = ?" + before)) {
            Timestamp since = f.goneSince() == null ? null : Timestamp.from(f.goneSince());
            members.setString(1, f.channel().name());
            members.setString(2, f.address());
            members.setTimestamp(3, since);
            members.setTimestamp(4, since);
            members.executeUpdate();
            inactive.setTimestamp(1, Timestamp.from(clock.instant()));
            inactive.setString(2, f.channel().name());
            inactive.setString(3, f.address());
            inactive.setTimestamp(4, since);
            inactive.setTimestamp(5, since);
            inactive.executeUpdate();
        }
    }

    private void replaced(Connection c, RegistryFeedback f) throws Exception {
        try (PreparedStatement update = c.prepareStatement("UPDATE endpoint SET address = ?, updated_at = ? "
                + "WHERE channel_type = ? AND address = ?")) {
            update.setString(1, f.newAddress());
            update.setTimestamp(2, Timestamp.from(clock.instant()));
            update.setString(3, f.channel().name());
            update.setString(4, f.address());
            update.executeUpdate();
        }
    }
}
