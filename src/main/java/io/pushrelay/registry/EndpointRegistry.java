package io.pushrelay.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.type.TypeReference;
import io.pushrelay.message.ChannelType;
import io.pushrelay.message.Json;
import io.pushrelay.database.Keys;

/**
 * The endpoint registry in the database: endpoints by ID, by user and by address. Lookups for a request are
 * batched (one query for up to 100 users), never one query per user.
 */
public final class EndpointRegistry {

    private static final String COLUMNS = "endpoint_id, channel_type, address, user_id, opt_out, endpoint_status, attributes";
    private static final int IN_CHUNK = 500;

    private final DataSource dataSource;
    private final Clock clock;

    public EndpointRegistry(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public Endpoint upsert(Endpoint endpoint) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return upsert(c, endpoint);
        }
    }

    Endpoint upsert(Connection c, Endpoint e) throws SQLException {
        Timestamp now = Timestamp.from(clock.instant());
        String attributes = e.attributes() == null ? null : Json.write(e.attributes());
        try (PreparedStatement update = c.prepareStatement("UPDATE endpoint SET channel_type = ?, address = ?, user_id = ?, "
                + "opt_out = ?, endpoint_status = ?, attributes = ?, updated_at = ? WHERE endpoint_id = ?")) {
            update.setString(1, e.channel().name());
            update.setString(2, e.address());
            update.setString(3, e.userId());
            update.setString(4, e.optOut());
            update.setString(5, e.endpointStatus());
            update.setString(6, attributes);
            update.setTimestamp(7, now);
            update.setString(8, e.endpointId());
            if (update.executeUpdate() == 0) {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO endpoint (" + COLUMNS
                        + ", created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, e.endpointId());
                    insert.setString(2, e.channel().name());
                    insert.setString(3, e.address());
                    insert.setString(4, e.userId());
                    insert.setString(5, e.optOut());
                    insert.setString(6, e.endpointStatus());
                    insert.setString(7, attributes);
                    insert.setTimestamp(8, now);
                    insert.setTimestamp(9, now);
                    insert.executeUpdate();
                }
            }
        }
        return e;
    }

    public Endpoint get(String endpointId) throws SQLException {
        Map<String, Endpoint> found = byIds(List.of(endpointId));
        return found.get(endpointId);
    }

    public boolean delete(String endpointId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement members = c.prepareStatement("DELETE FROM group_member WHERE endpoint_id = ?");
                    PreparedStatement endpoint = c.prepareStatement("DELETE FROM endpoint WHERE endpoint_id = ?")) {
                members.setString(1, endpointId);
                members.executeUpdate();
                endpoint.setString(1, endpointId);
                boolean deleted = endpoint.executeUpdate() > 0;
                c.commit();
                return deleted;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    public List<Endpoint> byUser(String userId) throws SQLException {
        return byUsers(List.of(userId)).getOrDefault(userId, List.of());
    }

    /** Every endpoint of these users, in one query per 500 users. */
    public Map<String, List<Endpoint>> byUsers(Collection<String> userIds) throws SQLException {
        Map<String, List<Endpoint>> result = new LinkedHashMap<>();
        for (Endpoint e : where("user_id", userIds)) {
            result.computeIfAbsent(e.userId(), u -> new ArrayList<>()).add(e);
        }
        return result;
    }

    public Map<String, Endpoint> byIds(Collection<String> endpointIds) throws SQLException {
        Map<String, Endpoint> result = new LinkedHashMap<>();
        for (Endpoint e : where("endpoint_id", endpointIds)) {
            result.put(e.endpointId(), e);
        }
        return result;
    }

    public List<Endpoint> byAddress(ChannelType channel, String address) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM endpoint WHERE channel_type = ? "
                        + "AND address = ? ORDER BY endpoint_id")) {
            select.setString(1, channel.name());
            select.setString(2, address);
            return read(select);
        }
    }

    private List<Endpoint> where(String column, Collection<String> values) throws SQLException {
        List<String> all = new ArrayList<>(values);
        List<Endpoint> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < all.size(); from += IN_CHUNK) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
                String marks = chunk.stream().map(v -> "?").collect(Collectors.joining(","));
                try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM endpoint WHERE " + column
                        + " IN (" + marks + ") ORDER BY endpoint_id")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setString(i + 1, chunk.get(i));
                    }
                    found.addAll(read(select));
                }
            }
        }
        return found;
    }

    static List<Endpoint> read(PreparedStatement select) throws SQLException {
        List<Endpoint> list = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                list.add(row(rs));
            }
        }
        return list;
    }

    static Endpoint row(ResultSet rs) throws SQLException {
        String attributes = rs.getString("attributes");
        String user = rs.getString("user_id");
        return new Endpoint(rs.getString("endpoint_id"), ChannelType.parse(rs.getString("channel_type")),
                rs.getString("address"), user == null ? null : new Endpoint.User(user), rs.getString("opt_out"),
                rs.getString("endpoint_status"), attributes == null ? null
                        : Json.MAPPER.convertValue(Json.tree(attributes), new TypeReference<Map<String, List<String>>>() { }));
    }

    /** The endpoint ID the registry gives an address that arrives without one (a group operation's registration ID). */
    public static String endpointIdFor(ChannelType channel, String address) {
        return channel.provider() + "-" + Keys.of(channel, address).substring(0, 32);
    }
}
