package io.pushrelay.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;

/** A group of {@code size} members, half ADM registration IDs and half FCM tokens, inserted directly in batches. */
public final class GroupSeed {

    private GroupSeed() {
    }

    public static void insert(DataSource dataSource, String group, int size) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection();
                PreparedStatement endpoint = c.prepareStatement("INSERT INTO endpoint (endpoint_id, channel_type, address, "
                        + "user_id, opt_out, endpoint_status, attributes, created_at, updated_at) VALUES (?, ?, ?, NULL, 'NONE', "
                        + "'ACTIVE', NULL, ?, ?)");
                PreparedStatement member = c.prepareStatement("INSERT INTO group_member (group_name, endpoint_id) VALUES (?, ?)");
                PreparedStatement groupRow = c.prepareStatement("INSERT INTO push_group (group_name, kind, created_at) VALUES (?, 'ADM', ?)")) {
            c.setAutoCommit(false);
            groupRow.setString(1, group);
            groupRow.setTimestamp(2, now);
            groupRow.executeUpdate();
            for (int i = 0; i < size; i++) {
                boolean adm = i % 2 == 0;
                String id = String.format("%s-%08d", group, i);
                endpoint.setString(1, id);
                endpoint.setString(2, adm ? "ADM" : "GCM");
                endpoint.setString(3, adm ? String.format("amzn1.adm-registration.v3.member%08d", i) : "member" + i + "-token:APA91bLargeGroup");
                endpoint.setTimestamp(4, now);
                endpoint.setTimestamp(5, now);
                endpoint.addBatch();
                member.setString(1, group);
                member.setString(2, id);
                member.addBatch();
                if (i % 5000 == 4999) {
                    endpoint.executeBatch();
                    member.executeBatch();
                    c.commit();
                }
            }
            endpoint.executeBatch();
            member.executeBatch();
            c.commit();
        }
    }
}
