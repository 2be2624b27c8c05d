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

    public boolean exists(String groupName) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT 1 FROM push_group WHERE group_name = ?")) {
            select.setString(1, groupName);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
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
                page = page(groupName, after);
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

    private List<Endpoint> page(String groupName, String after) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(COLUMNS + RECEIVING + " AND m.endpoint_id > ? "
                        + "ORDER BY m.endpoint_id LIMIT " + PAGE)) {
            select.setString(1, groupName);
            select.setString(2, after);
            return new ArrayList<>(EndpointRegistry.read(select));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the members of group " + groupName + ": " + e.getMessage(), e);
        }
    }
}
