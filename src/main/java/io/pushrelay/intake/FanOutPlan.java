package io.pushrelay.intake;

import java.util.List;

import io.pushrelay.message.GroupPage;
import io.pushrelay.message.Report;
import io.pushrelay.message.WorkBatch;

/**
 * What a fan-out decided, for the route to send in one transaction: the report of the targets it settled (failed
 * before any provider call, or settled at intake), one work batch per provider and batch of targets, and the group's
 * next page, or null when these targets are all.
 */
public record FanOutPlan(Report report, List<WorkBatch> work, GroupPage nextPage) {
}
