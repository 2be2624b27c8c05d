package io.pushrelay.console;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pushrelay.message.ChannelType;
import io.pushrelay.message.RejectedRequest;
import io.pushrelay.registry.Endpoint;
import io.pushrelay.registry.EndpointRegistry;
import io.pushrelay.registry.GroupRegistry;
import org.apache.camel.Header;

/**
 * The registry reads push.endpoints and push.groups have no operation for: the endpoints of an address, and a group's
 * size with one page of its members (a group of a million is never read whole). Through the registry's own classes.
 */
public final class ConsoleRegistry {

    static final int PAGE = 50;

    private final EndpointRegistry endpoints;
    private final GroupRegistry groups;

    public ConsoleRegistry(EndpointRegistry endpoints, GroupRegistry groups) {
        this.endpoints = endpoints;
        this.groups = groups;
    }

    /** {@code {"Item": [endpoint, ...]}}: the endpoints with this address on this channel. */
    public Map<String, Object> byAddress(@Header("channel") String channel, @Header("address") String address)
            throws RejectedRequest, SQLException {
        ChannelType type = channel == null ? null : ChannelType.parse(channel);
        if (type == null || !ConsoleDeadLetters.present(address)) {
            throw new RejectedRequest("InvalidField", "Name a channel (" + ChannelType.listed() + ") and an address");
        }
        return Map.of("Item", endpoints.byAddress(type, address.trim()));
    }

    /**
     * {@code {"GroupName", "ReceivingMembers", "Members", "Next"}}: how many ACTIVE, not opted-out members the group
     * has, and a page of them after endpoint {@code after}, in endpoint-ID order; Next is the page after, if any.
     */
    public Map<String, Object> group(@Header("name") String name, @Header("after") String after)
            throws RejectedRequest, SQLException {
        if (!ConsoleDeadLetters.present(name) || !groups.exists(name)) {
            throw new RejectedRequest("UnknownGroup", "There is no group " + name);
        }
        List<Endpoint> page = groups.receivingPage(name, after == null ? "" : after, PAGE);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("GroupName", name);
        answer.put("ReceivingMembers", groups.receivingMemberCount(name));
        answer.put("Members", page);
        answer.put("Next", page.size() < PAGE ? null : page.get(page.size() - 1).endpointId());
        return answer;
    }
}
