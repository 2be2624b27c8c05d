package io.pushrelay.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.function.IntFunction;

import javax.sql.DataSource;

import io.pushrelay.message.ChannelType;

/** A group of endpoints inserted directly in batches, for groups far larger than a registry operation carries. */
public final class GroupSeed {

    /** One member's device. */
    public record Member(ChannelType channel, String address) {
    }

    private GroupSeed() {
    }

    /** Half ADM registration IDs, half FCM tokens. */
    public static void insert(DataSource dataSource, String group, int size) throws SQLException {
        insert(dataSource, group, size, i -> i % 2 == 0
                ? new Member(ChannelType.ADM, String.format("amzn1.adm-registration.v3.member%08d", i))
                : new Member(ChannelType.GCM, "member" + i + "-token:APA91bLargeGroup"));
    }

    public static void insert(DataSource dataSource, String group, int size, IntFunction<Member> members) throws SQLException {
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
                Member m = members.apply(i);
                String id = String.format("%s-%08d", group, i);
                endpoint.setString(1, id);
                endpoint.setString(2, m.channel().name());
                endpoint.setString(3, m.address());
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
