package io.pushrelay.campaign;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import io.pushrelay.message.Json;

/** Campaigns and their run history in the database. */
public final class CampaignStore {

    /** One firing: when it was scheduled, its RequestId, and once its targets have outcomes, the counts by status. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Run(@JsonProperty("ScheduledFireTime") Instant scheduledFireTime,
            @JsonProperty("RequestId") String requestId,
            @JsonProperty("FiredAt") Instant firedAt,
            @JsonProperty("Counts") Map<String, Integer> counts) {
    }

    static final int RUNS_SHOWN = 50;

    private final DataSource dataSource;
    private final Clock clock;

    public CampaignStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public void save(Campaign campaign) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement("UPDATE campaign SET definition = ?, enabled = ?, updated_at = ? "
                        + "WHERE campaign_id = ?")) {
            update.setString(1, Json.write(campaign));
            update.setBoolean(2, campaign.isEnabled());
            update.setTimestamp(3, Timestamp.from(clock.instant()));
            update.setString(4, campaign.campaignId());
            if (update.executeUpdate() == 0) {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO campaign (campaign_id, definition, enabled, "
                        + "updated_at) VALUES (?, ?, ?, ?)")) {
                    insert.setString(1, campaign.campaignId());
                    insert.setString(2, Json.write(campaign));
                    insert.setBoolean(3, campaign.isEnabled());
                    insert.setTimestamp(4, Timestamp.from(clock.instant()));
                    insert.executeUpdate();
                }
            }
        }
    }

    public Campaign find(String campaignId) throws SQLException {
        List<Campaign> found = query("SELECT definition FROM campaign WHERE campaign_id = ?", campaignId);
        return found.isEmpty() ? null : found.get(0);
    }

    public List<Campaign> all() throws SQLException {
        return query("SELECT definition FROM campaign ORDER BY campaign_id", null);
    }

    public boolean delete(String campaignId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement("DELETE FROM campaign WHERE campaign_id = ?")) {
            delete.setString(1, campaignId);
            return delete.executeUpdate() > 0;
        }
    }

    private List<Campaign> query(String sql, String parameter) throws SQLException {
        List<Campaign> campaigns = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            if (parameter != null) {
                select.setString(1, parameter);
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    campaigns.add(Json.read(rs.getString(1), Campaign.class));
                }
            }
        }
        return campaigns;
    }

    /** Records a firing; false when this RequestId fired already (another gateway, or a second fire of Quartz). */
    public boolean recordRun(String campaignId, String requestId, Instant scheduledFireTime) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("INSERT INTO campaign_run (request_id, campaign_id, "
                        + "scheduled_fire_time, fired_at) SELECT ?, ?, ?, ? WHERE NOT EXISTS "
                        + "(SELECT 1 FROM campaign_run WHERE request_id = ?)")) {
            insert.setString(1, requestId);
            insert.setString(2, campaignId);
            insert.setTimestamp(3, Timestamp.from(scheduledFireTime));
            insert.setTimestamp(4, Timestamp.from(clock.instant()));
            insert.setString(5, requestId);
            return insert.executeUpdate() > 0;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Counts the first outcomes of a run's targets by DeliveryStatus and keeps them with the run. */
    public void countOutcomes(String requestId) throws SQLException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement select = c.prepareStatement("SELECT result FROM push_outcome WHERE request_id = ?")) {
                select.setFetchSize(1000);
                select.setString(1, requestId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        counts.merge(Json.tree(rs.getString(1)).path("DeliveryStatus").asText(), 1, Integer::sum);
                    }
                }
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE campaign_run SET counts = ? WHERE request_id = ?")) {
                update.setString(1, Json.write(counts));
                update.setString(2, requestId);
                update.executeUpdate();
            }
        }
    }

    /** The newest runs of a campaign, newest first. */
    public List<Run> runs(String campaignId) throws SQLException {
        List<Run> runs = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT scheduled_fire_time, request_id, fired_at, counts "
                        + "FROM campaign_run WHERE campaign_id = ? ORDER BY scheduled_fire_time DESC")) {
            select.setMaxRows(RUNS_SHOWN);
            select.setString(1, campaignId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String counts = rs.getString(4);
                    runs.add(new Run(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            counts == null ? null : Json.MAPPER.convertValue(Json.tree(counts), new TypeReference<Map<String, Integer>>() { })));
                }
            }
        }
        return runs;
    }
}
