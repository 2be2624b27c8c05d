package io.pushrelay.registry;

import java.security.SecureRandom;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.message.ChannelType;
import io.pushrelay.broker.Envelope;
import io.pushrelay.message.RejectedRequest;
import io.pushrelay.request.AddressRules;
import io.pushrelay.request.RequestParser;
import org.apache.camel.Body;

/**
 * The group operations of {@code push.groups} (contract §6). ADM's (create, add, remove, retrieve, delete) with
 * ADM's partial success: each registration ID that is malformed or already reported gone (INACTIVE) is listed in
 * {@code failed_registration_ids}, one the registry does not know yet is registered as an endpoint without a user,
 * and a create where none succeeds creates nothing. FCM's device groups (create, add, remove by
 * {@code notification_key_name} and {@code notification_key}) answer {@code {"notification_key"}}, hold at most 20
 * tokens, drop invalid tokens on create, and disappear when their last token is removed.
 */
public final class GroupOperations {

    public static final int FCM_MAX_MEMBERS = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final GroupRegistry groups;
    private final EndpointRegistry endpoints;

    public GroupOperations(GroupRegistry groups, EndpointRegistry endpoints) {
        this.groups = groups;
        this.endpoints = endpoints;
    }

    /** The operation's answer; a malformed or impossible one is a {@link RejectedRequest}. */
    public Object handle(@Body Envelope request) throws Exception {
        return apply(RegistryJson.object(request.body()));
    }

    Object apply(JsonNode request) throws Exception {
        return request.has("notification_key_name") || request.has("notification_key") ? fcm(request) : adm(request);
    }

    /** One member as asked for: its channel and address. */
    record Member(ChannelType channel, String address) {
    }

    // ---- ADM group messaging

    Object adm(JsonNode request) throws Exception {
        String operation = RegistryJson.text(request, "operation", true);
        String name = groupName(RegistryJson.text(request, "group_name", true));
        return switch (operation) {
            case "create" -> {
                if (groups.exists(name)) {
                    throw new RejectedRequest("GroupExists", "There is a group named " + name + " already");
                }
                List<Member> members = members(request);
                yield groups.transaction(c -> {
                    groups.create(c, new GroupRegistry.Group(name, GroupRegistry.Group.ADM, null));
                    Map<String, Object> result = join(c, name, members);
                    if ((int) result.get("success") == 0) {
                        c.rollback();
                    }
                    return result;
                });
            }
            case "add" -> {
                existing(name);
                List<Member> members = members(request);
                yield groups.transaction(c -> join(c, name, members));
            }
            case "remove" -> {
                existing(name);
                List<Member> members = members(request);
                yield groups.transaction(c -> leave(c, name, members));
            }
            case "retrieve" -> {
                existing(name);
                yield Map.of("registration_ids", groups.activeAddresses(name));
            }
            case "delete" -> {
                existing(name);
                groups.transaction(c -> {
                    groups.delete(c, name);
                    return null;
                });
                yield counts(1, List.of());
            }
            default -> throw new RejectedRequest("UnknownOperation",
                    "operation must be create, add, remove, retrieve or delete, not '" + operation + "'");
        };
    }

    /** Adds each member that is well formed and not gone, registering unknown addresses; ADM's counts back. */
    private Map<String, Object> join(Connection c, String name, List<Member> members) throws Exception {
        int success = 0;
        List<String> failed = new ArrayList<>();
        for (Member m : members) {
            String endpointId = usableEndpoint(c, m);
            if (endpointId == null) {
                failed.add(m.address());
            } else {
                groups.addMember(c, name, endpointId);
                success++;
            }
        }
        return counts(success, failed);
    }

    private Map<String, Object> leave(Connection c, String name, List<Member> members) throws Exception {
        int success = 0;
        List<String> failed = new ArrayList<>();
        for (Member m : members) {
            boolean removed = false;
            for (Endpoint e : endpoints.byAddress(m.channel(), m.address())) {
                removed |= groups.removeMember(c, name, e.endpointId());
            }
            if (removed) {
                success++;
            } else {
                failed.add(m.address());
            }
        }
        return counts(success, failed);
    }

    /** The endpoint a member maps to: an ACTIVE one with that address, or a new one; null if malformed or gone. */
    private String usableEndpoint(Connection c, Member m) throws Exception {
        if (!AddressRules.valid(m.channel(), m.address())) {
            return null;
        }
        List<Endpoint> known = endpoints.byAddress(m.channel(), m.address());
        for (Endpoint e : known) {
            if (e.active()) {
                return e.endpointId();
            }
        }
        if (!known.isEmpty()) {
            return null;
        }
        String id = EndpointRegistry.endpointIdFor(m.channel(), m.address());
        endpoints.upsert(c, new Endpoint(id, m.channel(), m.address(), null, Endpoint.OPT_OUT_NONE, Endpoint.ACTIVE, null));
        return id;
    }

    private static Map<String, Object> counts(int success, List<String> failed) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("success", success);
        result.put("failure", failed.size());
        if (!failed.isEmpty()) {
            result.put("failed_registration_ids", failed);
        }
        return result;
    }

    private static List<Member> members(JsonNode request) throws RejectedRequest {
        List<Member> members = new ArrayList<>();
        JsonNode ids = request.get("registration_ids");
        JsonNode mixed = request.get("members");
        if (ids != null) {
            ChannelType channel = request.has("channel") ? RegistryJson.channel(request.get("channel"), "channel") : ChannelType.ADM;
            if (!ids.isArray()) {
                throw new RejectedRequest("InvalidField", "registration_ids must be a list of strings");
            }
            for (JsonNode id : ids) {
                if (!id.isTextual()) {
                    throw new RejectedRequest("InvalidField", "registration_ids must be a list of strings");
                }
                members.add(new Member(channel, id.asText()));
            }
        }
        if (mixed != null) {
            if (!mixed.isArray()) {
                throw new RejectedRequest("InvalidField", "members must be a list of {ChannelType, Address}");
            }
            for (JsonNode m : mixed) {
                members.add(new Member(RegistryJson.channel(m.get("ChannelType"), "members[].ChannelType"),
                        RegistryJson.text(m, "Address", true)));
            }
        }
        if (members.isEmpty()) {
            throw new RejectedRequest("MissingTargets", "registration_ids (or members) must name at least one device");
        }
        if (members.size() > 10_000) {
            throw new RejectedRequest("TooManyAddresses", "One operation may name at most 10000 devices");
        }
        return members;
    }

    private void existing(String name) throws Exception {
        if (!groups.exists(name)) {
            throw new RejectedRequest("UnknownGroup", "There is no group named " + name);
        }
    }

    private static String groupName(String name) throws RejectedRequest {
        if (!name.matches(RequestParser.GROUP_NAME)) {
            throw new RejectedRequest("InvalidGroupName", "group names are 1 to 128 letters, digits, '-', '_' or '.'");
        }
        return name;
    }

    // ---- FCM device groups

    Object fcm(JsonNode request) throws Exception {
        String operation = RegistryJson.text(request, "operation", true);
        String name = RegistryJson.text(request, "notification_key_name", false);
        String key = RegistryJson.text(request, "notification_key", false);
        List<String> tokens = tokens(request);
        return switch (operation) {
            case "create" -> {
                if (name == null) {
                    throw new RejectedRequest("InvalidField", "notification_key_name is required to create a device group");
                }
                groupName(name);
                if (groups.exists(name)) {
                    throw new RejectedRequest("NotificationKeyExists", "notification_key already exists");
                }
                List<Member> valid = tokens.stream().filter(t -> AddressRules.valid(ChannelType.GCM, t))
                        .map(t -> new Member(ChannelType.GCM, t)).toList();
                if (valid.isEmpty()) {
                    throw new RejectedRequest("NoValidRegistrationIds", "registration_ids holds no valid FCM registration token");
                }
                if (valid.size() > FCM_MAX_MEMBERS) {
                    throw new RejectedRequest("TooManyMembers", "a device group holds at most " + FCM_MAX_MEMBERS + " tokens");
                }
                String newKey = notificationKey();
                yield groups.transaction(c -> {
                    groups.create(c, new GroupRegistry.Group(name, GroupRegistry.Group.FCM, newKey));
                    join(c, name, valid);
                    return Map.of("notification_key", newKey);
                });
            }
            case "add", "remove" -> {
                GroupRegistry.Group group = deviceGroup(name, key);
                List<Member> members = tokens.stream().map(t -> new Member(ChannelType.GCM, t)).toList();
                yield groups.transaction(c -> {
                    if (operation.equals("add")) {
                        join(c, group.name(), members);
                        if (groups.memberCount(c, group.name()) > FCM_MAX_MEMBERS) {
                            c.rollback();
                            throw new RejectedRequest("TooManyMembers", "a device group holds at most " + FCM_MAX_MEMBERS + " tokens");
                        }
                    } else {
                        leave(c, group.name(), members);
                        if (groups.memberCount(c, group.name()) == 0) {
                            groups.delete(c, group.name());
                        }
                    }
                    return Map.of("notification_key", group.notificationKey());
                });
            }
            default -> throw new RejectedRequest("UnknownOperation",
                    "a device-group operation is create, add or remove, not '" + operation + "'");
        };
    }

    private GroupRegistry.Group deviceGroup(String name, String key) throws Exception {
        if (key == null) {
            throw new RejectedRequest("InvalidField", "notification_key is required to add or remove");
        }
        GroupRegistry.Group group = groups.findByKey(key);
        if (group == null || (name != null && !name.equals(group.name()))) {
            throw new RejectedRequest("UnknownGroup", "no device group has this notification_key"
                    + (name == null ? "" : " and the name " + name));
        }
        return group;
    }

    private static List<String> tokens(JsonNode request) throws RejectedRequest {
        JsonNode ids = request.get("registration_ids");
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            throw new RejectedRequest("MissingTargets", "registration_ids must list at least one token");
        }
        List<String> tokens = new ArrayList<>();
        for (JsonNode id : ids) {
            if (!id.isTextual()) {
                throw new RejectedRequest("InvalidField", "registration_ids must be a list of strings");
            }
            tokens.add(id.asText());
        }
        return tokens;
    }

    private static String notificationKey() {
        byte[] bytes = new byte[96];
        RANDOM.nextBytes(bytes);
        return "APA91b" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
