package io.pushrelay.campaign;

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

    public CampaignScheduler(CamelContext context, int misfireInstruction) {
        this.context = context;
        this.misfireInstruction = misfireInstruction;
    }

    public synchronized void schedule(Campaign campaign) throws Exception {
        unschedule(campaign.campaignId());
        if (!campaign.isEnabled()) {
            return;
        }
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
        String routeId = routeId(campaignId);
        if (context.getRoute(routeId) != null) {
            context.getRouteController().stopRoute(routeId);
            context.removeRoute(routeId);
        }
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        if (quartz.getScheduler() != null) {
            quartz.getScheduler().deleteJob(JobKey.jobKey(campaignId, GROUP));
        }
    }

    static String routeId(String campaignId) {
        return "campaign-" + campaignId;
    }
}
