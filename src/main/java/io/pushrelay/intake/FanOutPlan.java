package io.pushrelay.intake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.pushrelay.message.ChannelType;
import io.pushrelay.message.GroupPage;
import io.pushrelay.message.Report;
import io.pushrelay.message.WorkBatch;
import io.pushrelay.message.WorkMessage;

/**
 * What a fan-out decided, for the route to send in one transaction: the report of the targets it settled (failed
 * before any provider call, or settled at intake), the work messages for each provider's work queue, and the groups'
 * next pages (none when these targets are all).
 */
public record FanOutPlan(Report report, List<WorkMessage> work, List<GroupPage> nextPages) {

    /**
     * The plans of a batch of requests as one: their reports together, their groups' next pages, and their work
     * batches packed into as few work messages per provider as the provider's batch size allows.
     */
    static FanOutPlan together(List<FanOutPlan> plans, Map<ChannelType, Integer> batchSizes) {
        if (plans.size() == 1) {
            return plans.get(0);
        }
        Map<String, List<List<WorkBatch>>> byProvider = new LinkedHashMap<>();
        Map<String, Integer> lastSize = new LinkedHashMap<>();
        for (FanOutPlan plan : plans) {
            for (WorkMessage message : plan.work()) {
                for (WorkBatch batch : message.batches()) {
                    List<List<WorkBatch>> packed = byProvider.computeIfAbsent(message.provider(), p -> new ArrayList<>());
                    int size = lastSize.getOrDefault(message.provider(), 0) + batch.targets().size();
                    if (packed.isEmpty() || size > batchSizes.get(batch.channel())) {
                        packed.add(new ArrayList<>());
                        size = batch.targets().size();
                    }
                    packed.get(packed.size() - 1).add(batch);
                    lastSize.put(message.provider(), size);
                }
            }
        }
        List<WorkMessage> work = new ArrayList<>();
        byProvider.forEach((provider, packed) -> packed.forEach(batches -> work.add(new WorkMessage(provider, batches))));
        return new FanOutPlan(Report.together(plans.stream().map(FanOutPlan::report).toList()),
                work,
                plans.stream().flatMap(p -> p.nextPages().stream()).filter(Objects::nonNull).toList());
    }
}
