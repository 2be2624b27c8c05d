package io.pushrelay.campaign;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.message.Json;
import io.pushrelay.broker.Envelope;
import io.pushrelay.message.RejectedRequest;
import io.pushrelay.registry.GroupRegistry;
import io.pushrelay.request.RequestParser;
import org.apache.camel.Body;
import org.quartz.CronExpression;

/**
 * The campaign operations of {@code push.campaigns}: upsert (checked: cron, time zone, window, target, that its group
 * exists, message), get (with the run history), delete, list, and run-now, which fires at once whether the campaign is
 * enabled or not.
 * A malformed operation, or one on a campaign that does not exist, is a {@link RejectedRequest}.
 */
public final class CampaignOperations {

    static final String CAMPAIGN_ID = "[A-Za-z0-9._-]{1,128}";

    /** Quartz's own format, shown to whoever gives a cron in another one. */
    static final String CRON_FORMAT = "Quartz's format is expected: 6 or 7 fields, seconds first (seconds minutes "
            + "hours day-of-month month day-of-week [year]), with '?' in day-of-month or day-of-week, "
            + "e.g. '0 0 9 * * ?' for 09:00 every day or '0 30 8 ? * MON-FRI' for 08:30 on weekdays";

    private final CampaignStore store;
    private final GroupRegistry groups;
    private final CampaignScheduler scheduler;
    private final CampaignFiring firing;
    private final Clock clock;

    public CampaignOperations(CampaignStore store, GroupRegistry groups, CampaignScheduler scheduler,
            CampaignFiring firing, Clock clock) {
        this.store = store;
        this.groups = groups;
        this.scheduler = scheduler;
        this.firing = firing;
        this.clock = clock;
    }

    /** What an operation leads to: its answer, and for run-now the firing to send. */
    public record Outcome(Object answer, CampaignFiring.Firing firing) {
    }

    public Outcome handle(@Body Envelope request) throws Exception {
        return apply(request.body());
    }

    Outcome apply(String body) throws Exception {
        JsonNode request = object(body);
        String operation = request.path("operation").asText("");
        switch (operation) {
            case "upsert" -> {
                Campaign campaign;
                try {
                    campaign = Json.read(body, Campaign.class);
                } catch (IllegalArgumentException e) {
                    throw new RejectedRequest("InvalidField", "The campaign does not have the contract's shape: " + e.getMessage());
                }
                return new Outcome(upsert(campaign), null);
            }
            case "list" -> {
                return new Outcome(Map.of("Item", store.all()), null);
            }
            case "get", "delete", "run-now" -> {
                String id = request.path("CampaignId").asText("");
                Campaign campaign = store.find(id);
                if (campaign == null) {
                    throw new RejectedRequest("UnknownCampaign", "There is no campaign " + id);
                }
                if (operation.equals("get")) {
                    Map<String, Object> answer = new LinkedHashMap<>(Json.MAPPER.convertValue(campaign, Map.class));
                    answer.put("Runs", store.runs(id));
                    return new Outcome(answer, null);
                }
                if (operation.equals("delete")) {
                    scheduler.unschedule(id);
                    store.delete(id);
                    return new Outcome(Map.of("CampaignId", id, "Deleted", true), null);
                }
                CampaignFiring.Firing now = firing.request(campaign, clock.instant());
                return new Outcome(Map.of("CampaignId", id, "RequestId", now.requestId()), now);
            }
            default -> throw new RejectedRequest("UnknownOperation",
                    "operation must be upsert, get, delete, list or run-now, not '" + operation + "'");
        }
    }

    /** Checks, stores and (re)schedules a campaign; one for a group that does not exist is rejected now, not when it fires. */
    public Campaign upsert(Campaign campaign) throws Exception {
        check(campaign);
        String group = campaign.target().groupName();
        if (group != null && !groups.exists(group)) {
            throw new RejectedRequest("UnknownGroup", "There is no group named " + group
                    + ": create it first (operation create on push.groups)");
        }
        store.save(campaign);
        scheduler.schedule(campaign);
        return campaign;
    }

    static void check(Campaign c) throws RejectedRequest {
        if (c.campaignId() == null || !c.campaignId().matches(CAMPAIGN_ID)) {
            throw new RejectedRequest("InvalidField", "CampaignId must be 1 to 128 letters, digits, '.', '_' or '-'");
        }
        if (c.schedule() == null || c.schedule().cron() == null) {
            throw new RejectedRequest("InvalidCron", "Schedule.Cron is required");
        }
        String cron = c.schedule().cron().trim();
        if (cron.split("\\s+").length == 5) {
            throw new RejectedRequest("InvalidCron", "Schedule.Cron '" + cron + "' has the 5 fields of a Unix cron; "
                    + CRON_FORMAT);
        }
        try {
            CronExpression.validateExpression(cron);
        } catch (java.text.ParseException e) {
            throw new RejectedRequest("InvalidCron", "Schedule.Cron '" + cron + "' does not parse (" + e.getMessage()
                    + "); " + CRON_FORMAT);
        }
        if (c.schedule().timeZone() != null) {
            try {
                ZoneId.of(c.schedule().timeZone());
            } catch (Exception e) {
                throw new RejectedRequest("InvalidTimeZone", "Schedule.TimeZone '" + c.schedule().timeZone()
                        + "' is not a time zone such as Europe/Berlin");
            }
        }
        Instant start = instant(c.schedule().startTime(), "StartTime");
        Instant end = instant(c.schedule().endTime(), "EndTime");
        if (start != null && end != null && !start.isBefore(end)) {
            throw new RejectedRequest("InvalidField", "Schedule.StartTime must be before Schedule.EndTime");
        }
        Campaign.Target t = c.target();
        boolean group = t != null && t.groupName() != null;
        boolean users = t != null && t.userIds() != null && !t.userIds().isEmpty();
        if (group == users) {
            throw new RejectedRequest("InvalidField", "Target must name either a GroupName or a list of UserIds");
        }
        if (group && !t.groupName().matches(RequestParser.GROUP_NAME)) {
            throw new RejectedRequest("InvalidGroupName", "group names are 1 to 128 letters, digits, '-', '_' or '.'");
        }
        if (users && t.userIds().size() > RequestParser.MAX_USERS) {
            throw new RejectedRequest("TooManyUsers", "A campaign may name at most " + RequestParser.MAX_USERS + " users");
        }
        RequestParser.checkMessageConfiguration(c.messageConfiguration());
    }

    private static Instant instant(String value, String field) throws RejectedRequest {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new RejectedRequest("InvalidField", "Schedule." + field + " must be an ISO-8601 instant such as 2026-12-01T09:00:00Z");
        }
    }

    private static JsonNode object(String body) throws RejectedRequest {
        try {
            JsonNode node = Json.tree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IllegalArgumentException e) {
            throw new RejectedRequest("InvalidJson", "The message is not valid JSON: " + e.getMessage());
        }
        throw new RejectedRequest("InvalidJson", "A campaign operation is a JSON object");
    }
}
