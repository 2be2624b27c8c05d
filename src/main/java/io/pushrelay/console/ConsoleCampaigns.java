package io.pushrelay.console;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushrelay.campaign.Campaign;
import io.pushrelay.campaign.CampaignFiring;
import io.pushrelay.message.Json;
import org.apache.camel.Body;
import org.quartz.CronExpression;

/**
 * What the console adds to the answers of {@code push.campaigns}: each campaign's next fire times, from its cron in
 * its time zone within its window (none while it is disabled), as the scheduler fires them.
 */
public final class ConsoleCampaigns {

    static final int NEXT = 3;

    /** The answer of a list (each Item) or a get, with NextFireTimes; any other answer as it is. */
    public String withNextFireTimes(@Body String answer) {
        JsonNode node = Json.tree(answer);
        if (node.path("Item").isArray()) {
            node.path("Item").forEach(ConsoleCampaigns::addNextFireTimes);
        } else if (node.has("Schedule")) {
            addNextFireTimes(node);
        }
        return Json.write(node);
    }

    private static void addNextFireTimes(JsonNode item) {
        Campaign campaign = Json.MAPPER.convertValue(item, Campaign.class);
        ArrayNode times = ((ObjectNode) item).putArray("NextFireTimes");
        nextFireTimes(campaign, Instant.now()).forEach(t -> times.add(t.toString()));
    }

    static List<Instant> nextFireTimes(Campaign campaign, Instant after) {
        List<Instant> times = new ArrayList<>();
        if (!campaign.isEnabled() || campaign.schedule() == null || campaign.schedule().cron() == null) {
            return times;
        }
        CronExpression cron;
        try {
            cron = new CronExpression(campaign.schedule().cron());
        } catch (ParseException e) {
            return times;
        }
        String zone = campaign.schedule().timeZone();
        cron.setTimeZone(TimeZone.getTimeZone(zone == null ? "UTC" : zone));
        Date next = Date.from(after);
        // a window that starts later: fire times from its start; a window that has ended: none
        String start = campaign.schedule().startTime();
        if (start != null && Instant.parse(start).isAfter(after)) {
            next = Date.from(Instant.parse(start).minusMillis(1));
        }
        while (times.size() < NEXT && (next = cron.getNextValidTimeAfter(next)) != null
                && CampaignFiring.inWindow(campaign, next.toInstant())) {
            times.add(next.toInstant());
        }
        return times;
    }
}
