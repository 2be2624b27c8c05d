package io.pushrelay.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import javax.sql.DataSource;

/** Groups and their members in the database; members are read in pages, never all at once. */
public final class GroupRegistry {

    static final int PAGE = 1000;
    private static final String COLUMNS = "SELECT e.endpoint_id, e.channel_type, e.address, e.user_id, e.opt_out, "
            + "e.endpoint_status, e.attributes ";
    private static final String ACTIVE = "FROM group_member m JOIN endpoint e ON e.endpoint_id = m.endpoint_id "
            + "WHERE m.group_name = ? AND e.endpoint_status = 'ACTIVE'";
    private static final String RECEIVING = ACTIVE + " AND e.opt_out = 'NONE'";

    private final DataSource dataSource;

    public GroupRegistry(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A group: ADM-style (kind ADM, members of any channel) or an FCM device group with its notification key. */
    public record Group(String name, String kind, String notificationKey) {
        public static final String ADM = "ADM";
        public static final String FCM = "FCM";
    }

    /** Work on one connection in one transaction. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws Exception;
    }

    public <T> T transaction(SqlWork<T> work) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    public boolean exists(String groupName) throws SQLException {
        return find("group_name", groupName) != null;
    }

    public Group find(String groupName) throws SQLException {
        return find("group_name", groupName);
    }

    public Group findByKey(String notificationKey) throws SQLException {
        return find("notification_key", notificationKey);
    }

    private Group find(String column, String value) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT group_name, kind, notification_key FROM push_group WHERE "
                        + column + " = ?")) {
            select.setString(1, value);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? new Group(rs.getString(1), rs.getString(2), rs.getString(3)) : null;
            }
        }
    }

    void create(Connection c, Group group) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO push_group (group_name, kind, notification_key, "
                + "created_at) VALUES (?, ?, ?, CURRENT_TIMESTAMP)")) {
            insert.setString(1, group.name());
            insert.setString(2, group.kind());
            insert.setString(3, group.notificationKey());
            insert.executeUpdate();
        }
    }

    void delete(Connection c, String groupName) throws SQLException {
        try (PreparedStatement members = c.prepareStatement("DELETE FROM group_member WHERE group_name = ?");
                PreparedStatement group = c.prepareStatement("DELETE FROM push_group WHERE group_name = ?")) {
            members.setString(1, groupName);
            members.executeUpdate();
            group.setString(1, groupName);
            group.executeUpdate();
        }
    }

    /** Adds a member; false when it was one already. */
    boolean addMember(Connection c, String groupName, String endpointId) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO group_member (group_name, endpoint_id) SELECT ?, ? "
                + "WHERE NOT EXISTS (SELECT 1 FROM group_member WHERE group_name = ? AND endpoint_id = ?)")) {
            insert.setString(1, groupName);
            insert.setString(2, endpointId);
            insert.setString(3, groupName);
            insert.setString(4, endpointId);
            return insert.executeUpdate() > 0;
        }
    }

    /** Removes a member; false when it was none. */
    boolean removeMember(Connection c, String groupName, String endpointId) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM group_member WHERE group_name = ? AND endpoint_id = ?")) {
            delete.setString(1, groupName);
            delete.setString(2, endpointId);
            return delete.executeUpdate() > 0;
        }
    }

    int memberCount(Connection c, String groupName) throws SQLException {
        try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM group_member WHERE group_name = ?")) {
            count.setString(1, groupName);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The addresses of a group's ACTIVE members (ADM's retrieve). */
    public List<String> activeAddresses(String groupName) throws SQLException {
        List<String> addresses = new ArrayList<>();
        for (Endpoint e : receivingMembers(groupName)) {
            addresses.add(e.address());
        }
        addresses.addAll(optedOutMembers(groupName).stream().map(Endpoint::address).toList());
        return addresses;
    }

    /** How many ACTIVE, not opted-out members a group has. */
    public long receivingMemberCount(String groupName) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement count = c.prepareStatement("SELECT COUNT(*) " + RECEIVING)) {
            count.setString(1, groupName);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The ACTIVE members that opted out: they are told OPT_OUT, not sent to. */
    public List<Endpoint> optedOutMembers(String groupName) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(COLUMNS + ACTIVE + " AND e.opt_out <> 'NONE' ORDER BY m.endpoint_id")) {
            select.setString(1, groupName);
            return EndpointRegistry.read(select);
        }
    }

    /** The ACTIVE, not opted-out members in endpoint-ID order, one page of {@value #PAGE} at a time as iterated. */
    public Iterable<Endpoint> receivingMembers(String groupName) {
        return () -> new Iterator<>() {
            private List<Endpoint> page = List.of();
            private int index;
            private String after = "";
            private boolean last;

            @Override
            public boolean hasNext() {
                if (index < page.size()) {
                    return true;
                }
                if (last) {
                    return false;
                }
                page = receivingPage(groupName, after, PAGE);
                index = 0;
                last = page.size() < PAGE;
                if (!page.isEmpty()) {
                    after = page.get(page.size() - 1).endpointId();
                }
                return !page.isEmpty();
            }

            @Override
            public Endpoint next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.get(index++);
            }
        };
    }

    /** Up to {@code limit} ACTIVE, not opted-out members after endpoint {@code after}, in endpoint-ID order. */
    public List<Endpoint> receivingPage(String groupName, String after, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(COLUMNS + RECEIVING + " AND m.endpoint_id > ? "
                        + "ORDER BY m.endpoint_id LIMIT " + limit)) {
            select.setString(1, groupName);
            select.setString(2, after);
            return new ArrayList<>(EndpointRegistry.read(select));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the members of group " + groupName + ": " + e.getMessage(), e);
        }
    }
}
