package io.pushrelay.intake;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.pushrelay.message.ChannelType;
import io.pushrelay.message.GroupPage;
import io.pushrelay.message.Json;
import io.pushrelay.message.Target;
import io.pushrelay.provider.Provider;
import io.pushrelay.registry.Endpoint;
import io.pushrelay.registry.GroupRegistry;
import io.pushrelay.registry.RegistryDirectory;
import io.pushrelay.reply.ReplyBook;

/**
 * The fan-out of a group, one page of members per transaction: each page becomes work batches, and the next page a
 * message of its own. Memory and transaction size stay bounded whatever the group's size. When the last page is done
 * and the group changed while it was sent, the reply waits for the number of targets actually sent.
 */
public final class GroupFanOut {

    private final GroupRegistry groups;
    private final ReplyBook replies;
    private final Map<ChannelType, Provider> providers;
    private final Map<ChannelType, Integer> batchSizes;
    private final int pageSize;
    private final Clock clock;

    public GroupFanOut(GroupRegistry groups, ReplyBook replies, Map<ChannelType, Provider> providers,
            Map<ChannelType, Integer> batchSizes, int pageSize, Clock clock) {
        this.groups = groups;
        this.replies = replies;
        this.providers = providers;
        this.batchSizes = batchSizes;
        this.pageSize = pageSize;
        this.clock = clock;
    }

    public FanOutPlan next(String body) throws SQLException {
        GroupPage page = Json.read(body, GroupPage.class);
        List<Endpoint> members = groups.receivingPage(page.groupName(), page.after(), pageSize);
        List<Target> targets = members.stream().map(e -> RegistryDirectory.target(e, null, page.groupName())).toList();
        GroupPage nextPage = null;
        boolean changed = false;
        if (members.size() == pageSize) {
            nextPage = page.next(members.get(members.size() - 1).endpointId(), members.size());
        } else if (page.replyWanted() && page.emitted() + members.size() != page.expected()) {
            // the group changed while it was sent: the reply is due once what was really sent has an outcome
            replies.expect(page.requestId(), (int) (page.settled() + page.emitted() + members.size()));
            changed = true;
        }
        return new FanOut(page.requestId(), page.messages(), providers, batchSizes, page.replyWanted(), clock)
                .plan(targets, List.of(), changed, nextPage);
    }
}
