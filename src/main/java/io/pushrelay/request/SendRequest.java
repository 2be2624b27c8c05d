package io.pushrelay.request;

import java.util.List;
import java.util.Map;

import io.pushrelay.message.ChannelType;
import io.pushrelay.message.PushMessage;
import io.pushrelay.message.Target;

/**
 * A parsed, valid send request: its identity and shape, the message for each channel, and who it is for:
 * concrete addresses (with their overrides), endpoint IDs, user IDs (each with its overrides), or a group.
 */
public record SendRequest(
        String requestId,
        PushType type,
        Map<ChannelType, PushMessage> messages,
        List<Target> addresses,
        Map<String, Target> endpoints,
        Map<String, Target> users,
        String groupName) {
}
