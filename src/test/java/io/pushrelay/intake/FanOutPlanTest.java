package io.pushrelay.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.pushrelay.message.ChannelType;
import io.pushrelay.message.GroupPage;
import io.pushrelay.message.Report;
import io.pushrelay.message.Target;
import io.pushrelay.message.WorkBatch;
import io.pushrelay.message.WorkMessage;
import io.pushrelay.support.Messages;
import org.junit.jupiter.api.Test;

/** A batch of requests' plans as one: work packed per provider up to its batch size, nothing lost, order kept. */
class FanOutPlanTest {

    static final Map<ChannelType, Integer> BATCH_SIZES = Map.of(ChannelType.ADM, 5, ChannelType.GCM, 3, ChannelType.ALEXA, 3);

    static FanOutPlan plan(String requestId, ChannelType channel, int targets, GroupPage nextPage) {
        WorkBatch batch = new WorkBatch(requestId, channel, Messages.builder().body(requestId).build(),
                IntStream.range(0, targets).mapToObj(i -> Target.of(channel, requestId + "-" + i)).toList(), false);
        return new FanOutPlan(new Report.Builder().build(), List.of(WorkMessage.of(batch)),
                nextPage == null ? List.of() : List.of(nextPage));
    }

    @Test
    void smallRequestsShareWorkMessagesOfTheirProviderUpToItsBatchSize() {
        GroupPage page = new GroupPage("g", "group", Map.of(), "", 0, 0, 10, false);
        FanOutPlan merged = FanOutPlan.together(List.of(
                plan("r1", ChannelType.ADM, 2, null),
                plan("r2", ChannelType.GCM, 1, null),
                plan("r3", ChannelType.ADM, 3, null),
                plan("r4", ChannelType.ADM, 1, page),
                plan("r5", ChannelType.GCM, 2, null),
                plan("r6", ChannelType.GCM, 1, null)), BATCH_SIZES);

        assertThat(merged.work()).extracting(WorkMessage::provider).containsExactly("adm", "adm", "fcm", "fcm");
        assertThat(merged.work()).extracting(m -> m.batches().stream().map(WorkBatch::requestId).toList())
                .containsExactly(List.of("r1", "r3"), List.of("r4"), List.of("r2", "r5"), List.of("r6"));
        assertThat(merged.work()).allSatisfy(m -> assertThat(m.targetCount()).isLessThanOrEqualTo(5));
        assertThat(merged.work().get(0).requestId()).as("the work of several requests names none").isNull();
        assertThat(merged.work().get(1).requestId()).isEqualTo("r4");
        assertThat(merged.nextPages()).containsExactly(page);
    }
}
