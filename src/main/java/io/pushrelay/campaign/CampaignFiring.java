package io.pushrelay.campaign;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import io.pushrelay.message.Json;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A campaign firing: it becomes an ordinary send request on the requests queue, with the RequestId
 * {@code campaign:<CampaignId>:<scheduled fire time, ISO-8601 UTC>}. The intake sends a RequestId once, so a time
 * fired twice (two gateways, a recovered Quartz job) still sends once. The route sends it to the requests queue with
 * that RequestId as correlation id and {@code push.campaign-outcomes} as reply destination: its outcome comes back to
 * the campaign's run history as the request's reply.
 */
public final class CampaignFiring {

    private static final Logger LOG = LoggerFactory.getLogger(CampaignFiring.class);

    private final CampaignStore store;
    private final Clock clock;

    public CampaignFiring(CampaignStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** One firing: the send request (JSON text) and its RequestId. */
    public record Firing(String requestId, String request) {
    }

    /** Quartz fired: the firing, or null when the campaign is gone, switched off, or outside its start/end window. */
    public Firing fire(@Header("CampaignId") String campaignId, @Header("scheduledFireTime") Date scheduledFireTime)
            throws SQLException {
        Campaign campaign = store.find(campaignId);
        Instant scheduled = scheduledFireTime == null ? clock.instant() : scheduledFireTime.toInstant();
        if (campaign == null || !campaign.isEnabled() || !inWindow(campaign, scheduled)) {
            LOG.info("Campaign {} not sent for {}: {}", campaignId, scheduled,
                    campaign == null ? "it no longer exists" : !campaign.isEnabled() ? "it is disabled" : "outside its window");
            return null;
        }
        return request(campaign, scheduled);
    }

    /** The send request of one firing (run-now fires whether the campaign is enabled or not). */
    public Firing request(Campaign campaign, Instant scheduled) throws SQLException {
        Instant fireTime = scheduled.truncatedTo(ChronoUnit.SECONDS);
        String requestId = "campaign:" + campaign.campaignId() + ":" + fireTime;
        store.recordRun(campaign.campaignId(), requestId, fireTime);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("RequestId", requestId);
        if (campaign.target().groupName() != null) {
            request.put("group_name", campaign.target().groupName());
        } else {
            Map<String, Object> users = new LinkedHashMap<>();
            campaign.target().userIds().forEach(u -> users.put(u, Map.of()));
            request.put("Users", users);
        }
        request.put("MessageConfiguration", campaign.messageConfiguration());
        LOG.info("Campaign {} fires as {}", campaign.campaignId(), requestId);
        return new Firing(requestId, Json.write(request));
    }

    public static boolean inWindow(Campaign campaign, Instant at) {
        Campaign.Schedule s = campaign.schedule();
        return (s.startTime() == null || !at.isBefore(Instant.parse(s.startTime())))
                && (s.endTime() == null || at.isBefore(Instant.parse(s.endTime())));
    }
}
