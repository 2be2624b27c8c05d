package io.pushrelay.campaign;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.pushrelay.message.Json;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.JobKey;

/**
 * Puts campaigns on Quartz: each enabled campaign is a route made from the {@code campaign-trigger} template
 * (routes/campaigns.camel.yaml), a camel-quartz consumer on its cron and time zone. With PostgreSQL the job store is
 * clustered, so of all gateways sharing the database one fires each scheduled time.
 */
public final class CampaignScheduler {

    static final String GROUP = "campaigns";

    private final CamelContext context;
    private final int misfireInstruction;
    /** The definition each scheduled campaign was scheduled with, to see what changed on another gateway. */
    private final Map<String, String> scheduled = new HashMap<>();

    public CampaignScheduler(CamelContext context, int misfireInstruction) {
        this.context = context;
        this.misfireInstruction = misfireInstruction;
    }

    /** (Re)creates the campaign's route; a changed cron reschedules the shared trigger. A disabled one is unscheduled. */
    public synchronized void schedule(Campaign campaign) throws Exception {
        if (!campaign.isEnabled()) {
            unschedule(campaign.campaignId());
            return;
        }
        removeRoute(campaign.campaignId());
        scheduled.put(campaign.campaignId(), Json.write(campaign));
        TemplatedRouteBuilder.builder(context, "campaign-trigger")
                .routeId(routeId(campaign.campaignId()))
                .parameter("campaignId", campaign.campaignId())
                .parameter("cron", campaign.schedule().cron().trim().replaceAll("\\s+", "+"))
                .parameter("timeZone", campaign.schedule().timeZone() == null ? "UTC" : campaign.schedule().timeZone())
                .parameter("misfire", String.valueOf(misfireInstruction))
                .add();
    }

    /** Removes the campaign's route and its Quartz job, on every gateway that shares the job store. */
    public synchronized void unschedule(String campaignId) throws Exception {
        removeRoute(campaignId);
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        if (quartz.getScheduler() != null) {
            quartz.getScheduler().deleteJob(JobKey.jobKey(campaignId, GROUP));
        }
    }

    /**
     * Brings this gateway's campaign routes in line with the stored campaigns, which another gateway may have changed:
     * every gateway of a cluster needs the route of every campaign, since Quartz may fire it on any of them.
     */
    public synchronized void sync(List<Campaign> stored) throws Exception {
        Map<String, Campaign> byId = new HashMap<>();
        for (Campaign c : stored) {
            byId.put(c.campaignId(), c);
            boolean wanted = c.isEnabled();
            String definition = Json.write(c);
            if (wanted && !definition.equals(scheduled.get(c.campaignId()))) {
                schedule(c);
            } else if (!wanted && scheduled.containsKey(c.campaignId())) {
                removeRoute(c.campaignId());
            }
        }
        for (String id : List.copyOf(scheduled.keySet())) {
            if (!byId.containsKey(id)) {
                removeRoute(id);
            }
        }
    }

    /** Only this gateway's route: the shared Quartz job is the business of the gateway that changed the campaign. */
    private void removeRoute(String campaignId) throws Exception {
        scheduled.remove(campaignId);
        String routeId = routeId(campaignId);
        if (context.getRoute(routeId) != null) {
            context.getRouteController().stopRoute(routeId);
            context.removeRoute(routeId);
        }
    }

    static String routeId(String campaignId) {
        return "campaign-" + campaignId;
    }
}
