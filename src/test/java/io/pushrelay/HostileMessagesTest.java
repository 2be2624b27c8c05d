package io.pushrelay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushrelay.support.GatewayTest;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * About a thousand generated hostile inputs (fixed seed, in families) and fifty valid requests, all on push.requests,
 * each carrying its own {@code Probe}; then every one is accounted for (contract §3.1, §4, §5, §9): on push.invalid
 * with a specific Reason, a ReasonText, its properties and its body as it came (bytes stay bytes); or, where only some
 * of its targets are malformed, one result per named target and no provider call for the malformed ones; valid ones
 * delivered once per target. Nothing ends on push.broker-dlq. The broker redelivers fast here, so that a message the
 * gateway cannot park would reach push.broker-dlq within the test.
 */
class HostileMessagesTest extends GatewayTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final Duration SETTLE = Duration.ofSeconds(40);
    /** What the gateway answers a wrong type or a missing required field with. */
    static final Set<String> FIELD_REASONS = Set.of("InvalidField", "InvalidGroupName", "MissingTargets", "UnknownShape",
            "UnsupportedChannel");

    /** A Serializable the gateway has no copy of: it must not need one to park the message. */
    record Parcel(String name, int count) implements Serializable {
    }

    enum Kind { TEXT, BYTES, MAP, OBJECT, STREAM, EMPTY, AMQP_MAP, AMQP_LIST }

    /** One input and what must become of it: parked with one of {@code reasons}, or results for its targets. */
    static final class Input {
        final String family;
        final String probe;
        final Kind kind;
        Object body;
        Set<String> reasons;
        final Map<String, String> pushProperties = new LinkedHashMap<>();
        /** address → expected DeliveryStatus (one result each). */
        final Map<String, String> targets = new LinkedHashMap<>();
        /** Addresses of its own (it alone names them): exactly one call for a SUCCESSFUL one, none for a failing one. */
        final Set<String> own = new java.util.HashSet<>();
        String problem;

        Input(String family, String probe, Kind kind) {
            this.family = family;
            this.probe = probe;
            this.kind = kind;
        }

        boolean parks() {
            return reasons != null;
        }
    }

    final Random random = new Random(20240612);
    final List<Input> inputs = new ArrayList<>();
    int next;
    String userAddress;
    List<String> groupMembers;
    static final String USER = "hostile-user";
    static final String GROUP = "hostile-group";

    @Override
    protected Map<String, String> overrides() {
        return Map.of("pushrelay.broker.redelivery-delay", "100ms", "pushrelay.broker.max-redelivery-delay", "200ms");
    }

    // ---- addresses, each naming its input's probe, so that a call for it can be found

    static String adm(String probe, String tag) {
        return "amzn1.adm-registration.v3.Hostile" + probe + tag + "Z";
    }

    static String fcm(String probe, String tag) {
        return "fcm" + probe + tag + "ZAbcdefghijklmnopqrst";
    }

    static String unit(String probe, String tag) {
        return "amzn1.alexa.unit.did.Hostile" + probe + tag + "Z";
    }

    Input input(String family, Kind kind) {
        Input in = new Input(family, String.format("hp%04dq", next++), kind);
        inputs.add(in);
        return in;
    }

    Input parked(String family, Kind kind, Object body, Set<String> reasons) {
        Input in = input(family, kind);
        in.body = body;
        in.reasons = reasons;
        return in;
    }

    static ObjectNode message() {
        ObjectNode configuration = NODES.objectNode();
        configuration.putObject("DefaultMessage").put("Title", "T").put("Body", "B");
        return configuration;
    }

    ObjectNode addressesRequest(Input in) {
        ObjectNode root = NODES.objectNode().put("RequestId", in.probe);
        ObjectNode addresses = root.putObject("Addresses");
        addresses.putObject(adm(in.probe, "a")).put("ChannelType", "ADM");
        addresses.putObject(fcm(in.probe, "f")).put("ChannelType", "GCM");
        root.set("MessageConfiguration", message());
        return root;
    }

    ObjectNode usersRequest(Input in) {
        ObjectNode root = NODES.objectNode().put("RequestId", in.probe);
        root.putObject("Users").putObject(USER);
        root.set("MessageConfiguration", message());
        root.putObject("Context").put("campaign", "c1");
        root.put("TraceId", "trace-" + in.probe);
        return root;
    }

    ObjectNode groupRequest(Input in) {
        ObjectNode root = NODES.objectNode().put("RequestId", in.probe).put("group_name", GROUP);
        root.putObject("data").put("k", "v");
        root.putObject("notification").put("title", "T").put("body", "B");
        return root.put("consolidationKey", "ck").put("expiresAfter", 3600).put("priority", "normal");
    }

    ObjectNode alexaRequest(Input in, String... units) {
        ObjectNode root = NODES.objectNode().put("RequestId", in.probe);
        ArrayNode recipients = root.putArray("recipients");
        for (String u : units) {
            recipients.addObject().put("type", "Unit").put("id", u);
        }
        ObjectNode variant = root.putObject("notification").putArray("variants").addObject().put("type", "DeviceNotification");
        variant.putObject("content").putArray("variants").addObject().put("type", "SpokenText").putArray("values").addObject()
                .put("locale", "en-US").put("text", "hi");
        return root;
    }

    /** The targets a request of this shape reaches when it is served, and which of them are its own. */
    void delivered(Input in, JsonNode request) {
        if (request.has("Addresses")) {
            request.get("Addresses").fieldNames().forEachRemaining(a -> own(in, a, "SUCCESSFUL"));
        } else if (request.has("recipients")) {
            request.get("recipients").forEach(r -> own(in, r.get("id").asText(), "SUCCESSFUL"));
        } else if (request.has("group_name")) {
            groupMembers.forEach(a -> in.targets.put(a, "SUCCESSFUL"));
        } else {
            in.targets.put(userAddress, "SUCCESSFUL");
        }
    }

    static void own(Input in, String address, String status) {
        in.targets.put(address, status);
        in.own.add(address);
    }

    static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the families

    void randomBytes() {
        for (int i = 0; i < 80; i++) {
            byte[] noise = new byte[1 + random.nextInt(300)];
            random.nextBytes(noise);
            parked("random-bytes", Kind.BYTES, noise, Set.of("InvalidEncoding", "InvalidJson"));
        }
    }

    void randomText() {
        for (int i = 0; i < 50; i++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(200);
            for (int j = 0; j < n; j++) {
                s.append((char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x10000)));
            }
            parked("random-text", Kind.TEXT, s.toString(), Set.of("InvalidJson"));
        }
    }

    void invalidUtf8() {
        byte[][] broken = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF},
                {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};
        String[] where = {"a", "f", "T\"", "B\""};
        for (int i = 0; i < 60; i++) {
            Input in = input("invalid-utf8", Kind.BYTES);
            String json = text(addressesRequest(in));
            String at = where[i % where.length];
            int cut = json.indexOf(at.length() == 1 ? in.probe + at : "\"" + at) + (at.length() == 1 ? in.probe.length() : 2);
            byte[] head = json.substring(0, cut).getBytes(StandardCharsets.UTF_8);
            byte[] tail = json.substring(cut).getBytes(StandardCharsets.UTF_8);
            byte[] bad = broken[random.nextInt(broken.length)];
            byte[] body = new byte[head.length + bad.length + tail.length];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(bad, 0, body, head.length, bad.length);
            System.arraycopy(tail, 0, body, head.length + bad.length, tail.length);
            in.body = body;
            in.reasons = Set.of("InvalidEncoding");
        }
    }

    void oneMebibyte() {
        int mib = 1024 * 1024;
        for (int i = 0; i < 10; i++) {
            Input in = input("one-mib-bodies", i % 3 == 2 ? Kind.BYTES : i % 2 == 0 ? Kind.TEXT : Kind.BYTES);
            ObjectNode request = addressesRequest(in);
            ((ObjectNode) request.at("/MessageConfiguration/DefaultMessage")).put("Body", "x".repeat(mib));
            String json = text(request);
            if (i % 3 == 2) {
                byte[] noise = new byte[mib];
                random.nextBytes(noise);
                in.body = noise;
            } else {
                in.body = in.kind == Kind.TEXT ? json : json.getBytes(StandardCharsets.UTF_8);
            }
            in.reasons = Set.of("RequestTooLarge", "InvalidEncoding");
        }
    }

    void deepNesting() {
        for (int i = 0; i < 30; i++) {
            Input in = input("deep-nesting", Kind.TEXT);
            int depth = 65 + random.nextInt(i % 2 == 0 ? 200 : 100_000);
            String nest = i % 3 == 0 ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            String json = text(addressesRequest(in));
            in.body = i % 4 == 0 ? nest : json.replace("\"Body\":\"B\"", "\"Body\":\"B\",\"Data\":" + nest);
            in.reasons = Set.of("InvalidJson", "RequestTooLarge");
        }
    }

    void truncatedJson() {
        for (int i = 0; i < 30; i++) {
            Input in = input("truncated-json", Kind.TEXT);
            String json = text(i % 2 == 0 ? addressesRequest(in) : alexaRequest(in, unit(in.probe, "u")));
            String[] mutilations = {json.substring(0, 1 + random.nextInt(json.length() - 1)), json + "}", json + json,
                json.replace("\":", "\"="), json.replace(",", ",,"), json.replace("\"", "'"), "//" + json, json + " x"};
            in.body = mutilations[i % mutilations.length];
            in.reasons = Set.of("InvalidJson");
        }
    }

    void notAnObject() {
        String[] bodies = {"", " ", "\n\t", "null", "42", "-0.5e7", "true", "\"Addresses\"", "[]", "[{}]"};
        for (int i = 0; i < 20; i++) {
            parked("json-not-an-object", Kind.TEXT, bodies[i % bodies.length] + (i >= 10 ? " " : ""), Set.of("InvalidJson"));
        }
    }

    void unknownShape() {
        String[] fields = {"users", "addresses", "Group_name", "Recipients", "Targets", "MessageConfiguration", "RequestId"};
        for (int i = 0; i < 20; i++) {
            Input in = input("unknown-shape", Kind.TEXT);
            ObjectNode root = NODES.objectNode().put("RequestId", in.probe);
            root.putObject(fields[i % fields.length]).putObject(adm(in.probe, "a")).put("ChannelType", "ADM");
            root.set("MessageConfiguration", message());
            in.body = text(root);
            in.reasons = Set.of("UnknownShape");
        }
    }

    /** A field of a shape: where it is, the JSON type it takes, whether the request is whole without it. */
    record Field(String path, String type, boolean optional) {
    }

    static final List<JsonNode> WRONG = List.of(NODES.numberNode(42), NODES.numberNode(1.5), NODES.booleanNode(true),
            NODES.textNode("text"), NODES.arrayNode(), NODES.objectNode());

    static boolean ofType(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "integer" -> value.isIntegralNumber();
            default -> value.isBoolean();
        };
    }

    interface Shape {
        ObjectNode build(Input in);
    }

    void wrongTypes(String shape, Shape base, List<Field> fields) {
        for (Field field : fields) {
            for (JsonNode wrong : WRONG) {
                if (ofType(wrong, field.type())) {
                    continue;
                }
                Input in = input(shape + "-wrong-types", Kind.TEXT);
                in.body = text(set(base.build(in), field.path(), wrong));
                in.reasons = FIELD_REASONS;
            }
            Input in = input(shape + "-nulls", Kind.TEXT);
            ObjectNode request = base.build(in);
            JsonNode before = request.deepCopy();
            in.body = text(set(request, field.path(), NODES.nullNode()));
            if (field.optional()) {
                delivered(in, before);
            } else {
                in.reasons = FIELD_REASONS;
            }
        }
    }

    /** The request with the value at a path ("/Addresses/{a}/ChannelType", "{a}" its first address) replaced. */
    static ObjectNode set(ObjectNode root, String path, JsonNode value) {
        String[] steps = path.substring(1).split("/");
        JsonNode node = root;
        for (int i = 0; i < steps.length; i++) {
            String step = steps[i].equals("{a}") ? node.fieldNames().next() : steps[i];
            boolean last = i == steps.length - 1;
            if (node.isArray()) {
                int index = Integer.parseInt(step);
                if (last) {
                    ((ArrayNode) node).set(index, value);
                } else {
                    node = node.get(index);
                }
            } else if (last) {
                ((ObjectNode) node).set(step, value);
            } else {
                node = node.get(step);
            }
        }
        return root;
    }

    static final List<Field> MESSAGE_FIELDS = List.of(new Field("/MessageConfiguration", "object", false),
            new Field("/MessageConfiguration/DefaultMessage", "object", true),
            new Field("/MessageConfiguration/DefaultMessage/Title", "string", true),
            new Field("/MessageConfiguration/DefaultMessage/Body", "string", true));

    List<Field> withMessage(Field... fields) {
        List<Field> all = new ArrayList<>(Arrays.asList(fields));
        all.addAll(MESSAGE_FIELDS);
        return all;
    }

    void shapes() {
        wrongTypes("users", this::usersRequest, withMessage(new Field("/Users", "object", false),
                new Field("/Users/" + USER, "object", true), new Field("/Context", "object", true),
                new Field("/TraceId", "string", true), new Field("/RequestId", "string", true)));
        wrongTypes("users", in -> {
            ObjectNode r = usersRequest(in);
            ((ObjectNode) r.at("/Users/" + USER)).put("TitleOverride", "t").put("BodyOverride", "b").put("RawContent", "{}")
                    .set("Substitutions", NODES.objectNode().set("Name", NODES.arrayNode().add("Ann")));
            ((ObjectNode) r.at("/Users/" + USER)).putObject("Context").put("k", "v");
            return r;
        }, List.of(new Field("/Users/" + USER + "/TitleOverride", "string", true),
                new Field("/Users/" + USER + "/BodyOverride", "string", true),
                new Field("/Users/" + USER + "/RawContent", "string", true),
                new Field("/Users/" + USER + "/Substitutions", "object", true),
                new Field("/Users/" + USER + "/Context", "object", true)));
        wrongTypes("addresses", in -> {
            ObjectNode r = addressesRequest(in);
            ObjectNode first = (ObjectNode) r.at("/Addresses").elements().next();
            first.put("TitleOverride", "t").put("BodyOverride", "b").put("RawContent", "{}").putObject("Context").put("k", "v");
            ObjectNode configuration = (ObjectNode) r.get("MessageConfiguration");
            configuration.putObject("ADMMessage").put("ExpiresAfter", 3600).put("ConsolidationKey", "ck");
            configuration.putObject("GCMMessage").put("TimeToLive", 60).put("Priority", "high").put("CollapseKey", "c");
            ((ObjectNode) configuration.get("DefaultMessage")).put("SilentPush", false).putObject("Data").put("k", "v");
            return r;
        }, withMessage(new Field("/Addresses", "object", false), new Field("/Addresses/{a}", "object", false),
                new Field("/Addresses/{a}/ChannelType", "string", false), new Field("/Addresses/{a}/TitleOverride", "string", true),
                new Field("/Addresses/{a}/BodyOverride", "string", true), new Field("/Addresses/{a}/RawContent", "string", true),
                new Field("/Addresses/{a}/Context", "object", true), new Field("/Endpoints", "object", true),
                new Field("/MessageConfiguration/DefaultMessage/SilentPush", "boolean", true),
                new Field("/MessageConfiguration/DefaultMessage/Data", "object", true),
                new Field("/MessageConfiguration/ADMMessage/ExpiresAfter", "integer", true),
                new Field("/MessageConfiguration/ADMMessage/ConsolidationKey", "string", true),
                new Field("/MessageConfiguration/GCMMessage/TimeToLive", "integer", true),
                new Field("/MessageConfiguration/GCMMessage/Priority", "string", true),
                new Field("/MessageConfiguration/GCMMessage/CollapseKey", "string", true)));
        wrongTypes("group", this::groupRequest, List.of(new Field("/group_name", "string", false),
                new Field("/data", "object", true), new Field("/notification", "object", true),
                new Field("/notification/title", "string", true), new Field("/notification/body", "string", true),
                new Field("/consolidationKey", "string", true), new Field("/expiresAfter", "integer", true),
                new Field("/priority", "string", true)));
        wrongTypes("alexa", in -> alexaRequest(in, unit(in.probe, "u")), List.of(new Field("/recipients", "array", false),
                new Field("/recipients/0", "object", false), new Field("/recipients/0/type", "string", false),
                new Field("/recipients/0/id", "string", false), new Field("/notification", "object", false),
                new Field("/notification/variants", "array", false), new Field("/notification/variants/0", "object", false),
                new Field("/notification/variants/0/type", "string", false),
                new Field("/notification/variants/0/content", "object", false),
                new Field("/notification/variants/0/content/variants", "array", false),
                new Field("/notification/variants/0/content/variants/0/type", "string", false),
                new Field("/notification/variants/0/content/variants/0/values", "array", false),
                new Field("/notification/variants/0/content/variants/0/values/0/locale", "string", false),
                new Field("/notification/variants/0/content/variants/0/values/0/text", "string", false)));
    }

    static final String[] CONTROLS = {"\u0000", "\r\n", "\t", "\u001b", "\u007f"};

    /** Malformed addresses next to a good one: each fails alone, with a result, and is never sent. */
    void controlCharacters() {
        for (int i = 0; i < 60; i++) {
            Input in = input("control-chars-in-addresses", Kind.TEXT);
            ObjectNode root = NODES.objectNode().put("RequestId", in.probe);
            ObjectNode addresses = root.putObject("Addresses");
            String good = adm(in.probe, "G");
            addresses.putObject(good).put("ChannelType", "ADM");
            own(in, good, "SUCCESSFUL");
            int bad = 1 + random.nextInt(3);
            for (int b = 0; b < bad; b++) {
                String c = CONTROLS[random.nextInt(CONTROLS.length)];
                String[] channel = {"ADM", "GCM", "ALEXA"};
                int ch = random.nextInt(3);
                String tag = "B" + b + c + "x";
                String address = ch == 0 ? adm(in.probe, tag) : ch == 1 ? fcm(in.probe, tag) : unit(in.probe, tag);
                addresses.putObject(address).put("ChannelType", channel[ch]);
                own(in, address, "PERMANENT_FAILURE");
            }
            root.set("MessageConfiguration", message());
            in.body = text(root);
        }
        for (int i = 0; i < 20; i++) {
            Input in = input("control-chars-in-addresses", Kind.TEXT);
            String good = unit(in.probe, "G");
            String bad = unit(in.probe, "B0" + CONTROLS[i % CONTROLS.length] + "x");
            in.body = text(alexaRequest(in, good, bad));
            own(in, good, "SUCCESSFUL");
            own(in, bad, "PERMANENT_FAILURE");
        }
        // written into the JSON unescaped, a control character makes it invalid JSON (DEL alone is allowed there)
        for (int i = 0; i < 20; i++) {
            Input in = input("control-chars-in-addresses", Kind.TEXT);
            String c = CONTROLS[i % 4];
            in.body = text(addressesRequest(in)).replace(in.probe + "a", in.probe + "a" + c);
            in.reasons = Set.of("InvalidJson");
        }
    }

    void loneSurrogates() {
        for (int i = 0; i < 30; i++) {
            Input in = input("lone-surrogates", Kind.TEXT);
            String json = switch (i % 5) {
                case 0 -> text(addressesRequest(in)).replace(in.probe + "a", in.probe + "a\\ud800");
                case 1 -> text(addressesRequest(in)).replace(in.probe + "f", in.probe + "f\\udfff");
                case 2 -> text(alexaRequest(in, unit(in.probe, "u"))).replace(in.probe + "u", in.probe + "u\\ud83d");
                case 3 -> text(usersRequest(in)).replace(USER, USER + "\\ud800");
                default -> text(groupRequest(in)).replace("\"T\"", "\"T\\udc00\"");
            };
            in.body = json;
            in.reasons = Set.of("InvalidJson");
        }
    }

    void mixedShapes() {
        for (int i = 0; i < 40; i++) {
            Input in = input("mixed-shapes", Kind.TEXT);
            ObjectNode root = addressesRequest(in);
            List<Runnable> extra = List.of(() -> root.putObject("Users").putObject(USER),
                    () -> root.put("group_name", GROUP),
                    () -> root.set("recipients", alexaRequest(in, unit(in.probe, "u")).get("recipients")));
            int pick = 1 + random.nextInt(7);
            for (int b = 0; b < 3; b++) {
                if ((pick & (1 << b)) != 0) {
                    extra.get(b).run();
                }
            }
            if (i % 5 == 0) {
                root.remove("Addresses");
                root.putObject("Endpoints").putObject("e-" + in.probe);
                root.putObject("Users").putObject(USER);
            }
            in.body = text(root);
            in.reasons = Set.of("AmbiguousShape");
        }
    }

    void requestLimits() {
        for (int i = 0; i < 40; i++) {
            Input in = input("request-limits", Kind.TEXT);
            ObjectNode root;
            String reason;
            switch (i % 10) {
                case 0 -> {
                    root = usersRequest(in);
                    for (int u = 0; u < 101; u++) {
                        ((ObjectNode) root.get("Users")).putObject("u" + u + in.probe);
                    }
                    reason = "TooManyUsers";
                }
                case 1 -> {
                    root = addressesRequest(in).put("RequestId", in.probe + "r".repeat(300));
                    reason = "InvalidField";
                }
                case 2 -> {
                    root = groupRequest(in).put("group_name", "bad name/" + in.probe);
                    reason = "InvalidGroupName";
                }
                case 3 -> {
                    root = groupRequest(in).put("group_name", "nosuchgroup" + in.probe);
                    reason = "UnknownGroup";
                }
                case 4 -> {
                    root = addressesRequest(in);
                    ((ObjectNode) root.get("Addresses").elements().next()).put("ChannelType", "SMS");
                    reason = "UnsupportedChannel";
                }
                case 5 -> {
                    root = addressesRequest(in);
                    in.pushProperties.put("PushType", "sms");
                    reason = "UnknownPushType";
                }
                case 6 -> {
                    root = addressesRequest(in);
                    in.pushProperties.put("PushType", "group");
                    reason = "ShapeMismatch";
                }
                case 7 -> {
                    root = usersRequest(in);
                    root.putObject("Users");
                    reason = "MissingTargets";
                }
                case 8 -> {
                    root = addressesRequest(in);
                    root.putObject("Addresses");
                    reason = "MissingTargets";
                }
                default -> {
                    root = alexaRequest(in);
                    reason = "MissingTargets";
                }
            }
            in.body = text(root);
            in.reasons = Set.of(reason);
        }
    }

    void otherBodies() {
        for (int i = 0; i < 25; i++) {
            Input in = input("map-messages", Kind.MAP);
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("RequestId", in.probe);
            map.put("Addresses", adm(in.probe, "a"));
            map.put("n", i);
            in.body = map;
            in.reasons = Set.of("UnsupportedBody");
            Input object = input("object-messages", Kind.OBJECT);
            object.body = i % 2 == 0 ? new Parcel(object.probe, i) : text(addressesRequest(object));
            object.reasons = Set.of("UnsupportedBody");
            Input stream = input("stream-messages", Kind.STREAM);
            stream.body = List.of(text(addressesRequest(stream)), i, true);
            stream.reasons = Set.of("UnsupportedBody");
            parked("empty-messages", Kind.EMPTY, null, Set.of("InvalidJson"));
        }
        for (int i = 0; i < 20; i++) {
            Input map = input("amqp-map-bodies", Kind.AMQP_MAP);
            map.body = new LinkedHashMap<>(Map.of("RequestId", map.probe, "Addresses", adm(map.probe, "a")));
            map.reasons = Set.of("UnsupportedBody");
            Input list = input("amqp-list-bodies", Kind.AMQP_LIST);
            list.body = List.of(text(addressesRequest(list)), "second");
            list.reasons = Set.of("UnsupportedBody");
        }
    }

    void valid() {
        for (int i = 0; i < 50; i++) {
            Input in = input("valid", Kind.TEXT);
            ObjectNode request = switch (i % 5) {
                case 0, 1 -> {
                    ObjectNode r = addressesRequest(in);
                    ((ObjectNode) r.get("Addresses")).putObject(unit(in.probe, "u")).put("ChannelType", "ALEXA");
                    yield r;
                }
                case 2 -> alexaRequest(in, unit(in.probe, "u1"), unit(in.probe, "u2"));
                case 3 -> groupRequest(in);
                default -> usersRequest(in);
            };
            in.body = text(request);
            delivered(in, request);
        }
    }

    // ---- sending

    void send(Session session, MessageProducer producer, Input in) throws Exception {
        Message m = switch (in.kind) {
            case TEXT -> session.createTextMessage((String) in.body);
            case BYTES -> {
                BytesMessage b = session.createBytesMessage();
                b.writeBytes((byte[]) in.body);
                yield b;
            }
            case MAP, AMQP_MAP -> {
                MapMessage map = session.createMapMessage();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) in.body).entrySet()) {
                    map.setObject((String) e.getKey(), e.getValue());
                }
                yield map;
            }
            case OBJECT -> session.createObjectMessage((Serializable) in.body);
            case STREAM, AMQP_LIST -> {
                StreamMessage s = session.createStreamMessage();
                for (Object o : (List<?>) in.body) {
                    s.writeObject(o);
                }
                yield s;
            }
            case EMPTY -> session.createMessage();
        };
        m.setStringProperty("Probe", in.probe);
        m.setStringProperty("RequestId", in.probe);
        for (Map.Entry<String, String> p : in.pushProperties.entrySet()) {
            m.setStringProperty(p.getKey(), p.getValue());
        }
        producer.send(m);
    }

    // ---- accounting

    /** A received message and its body, read while its consumer is open (a large message streams from its session). */
    record Received(Message message, Object body) {
        static Received of(Message m) throws Exception {
            Object body = null;
            if (m instanceof TextMessage t) {
                body = t.getText();
            } else if (m instanceof BytesMessage b) {
                byte[] bytes = new byte[(int) b.getBodyLength()];
                b.readBytes(bytes);
                body = bytes;
            } else if (m instanceof MapMessage map) {
                Map<String, Object> kept = new HashMap<>();
                for (Object name : Collections.list(map.getMapNames())) {
                    kept.put((String) name, map.getObject((String) name));
                }
                body = kept;
            } else if (m instanceof ObjectMessage o) {
                try {
                    body = o.getObject();
                } catch (jakarta.jms.JMSException e) {
                    body = "unreadable: " + e;
                }
            } else if (m instanceof StreamMessage s) {
                List<Object> kept = new ArrayList<>();
                try {
                    while (true) {
                        kept.add(s.readObject());
                    }
                } catch (MessageEOFException end) {
                    // all of it read
                }
                body = kept;
            }
            return new Received(m, body);
        }

        String property(String name) throws Exception {
            return message.getStringProperty(name);
        }
    }

    /** Whether a parked message's body is the input's, of the same type; null when it is. */
    static String bodyDifference(Input in, Received r) {
        Message m = r.message();
        Class<?> type = switch (in.kind) {
            case TEXT -> TextMessage.class;
            case BYTES -> BytesMessage.class;
            case MAP, AMQP_MAP -> MapMessage.class;
            case OBJECT -> ObjectMessage.class;
            case STREAM, AMQP_LIST -> StreamMessage.class;
            case EMPTY -> null;
        };
        boolean typed = m instanceof TextMessage || m instanceof BytesMessage || m instanceof MapMessage
                || m instanceof ObjectMessage || m instanceof StreamMessage;
        if (type == null ? typed : !type.isInstance(m)) {
            return "a " + in.kind + " input came back as a " + m.getClass().getSimpleName();
        }
        boolean same = switch (in.kind) {
            case BYTES -> Arrays.equals((byte[]) r.body(), (byte[]) in.body);
            case MAP, AMQP_MAP -> r.body().equals(new HashMap<>((Map<?, ?>) in.body));
            case EMPTY -> true;
            default -> in.body.equals(r.body());
        };
        return same ? null : "body altered: " + shown(String.valueOf(r.body() instanceof byte[] b
                ? new String(b, StandardCharsets.ISO_8859_1) : r.body()));
    }

    /** Everything on a queue until {@code expected} came or nothing more comes before the deadline, then a short drain. */
    static List<Received> drain(Session session, String queue, int expected, Instant deadline) throws Exception {
        List<Received> got = new ArrayList<>();
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            while (got.size() < expected) {
                long left = Duration.between(Instant.now(), deadline).toMillis();
                Message m = left > 0 ? consumer.receive(left) : null;
                if (m == null) {
                    break;
                }
                got.add(Received.of(m));
            }
            // whatever is more than expected (a second result, a second parking) shows here
            for (Message m = consumer.receive(500); m != null; m = consumer.receive(500)) {
                got.add(Received.of(m));
            }
        }
        return got;
    }

    @Test
    void everyHostileInputIsAccountedFor() throws Exception {
        userAddress = adm("user", "e");
        groupMembers = List.of(adm("group", "m"), fcm("group", "m"));
        ask("push.endpoints", "{\"operation\":\"upsert\",\"EndpointId\":\"hostile-endpoint\",\"ChannelType\":\"ADM\","
                + "\"Address\":\"" + userAddress + "\",\"User\":{\"UserId\":\"" + USER + "\"}}");
        JsonNode created = ask("push.groups", "{\"operation\":\"create\",\"group_name\":\"" + GROUP + "\",\"members\":["
                + "{\"ChannelType\":\"ADM\",\"Address\":\"" + groupMembers.get(0) + "\"},"
                + "{\"ChannelType\":\"GCM\",\"Address\":\"" + groupMembers.get(1) + "\"}]}");
        assertThat(created.path("success").asInt()).as(created.toString()).isEqualTo(2);

        randomBytes();
        randomText();
        invalidUtf8();
        oneMebibyte();
        deepNesting();
        truncatedJson();
        notAnObject();
        unknownShape();
        shapes();
        controlCharacters();
        loneSurrogates();
        mixedShapes();
        requestLimits();
        otherBodies();
        valid();
        List<Input> order = new ArrayList<>(inputs);
        Collections.shuffle(order, random);

        Connection core = new ActiveMQConnectionFactory(gateway.brokerUrl()).createConnection();
        Connection amqp = new JmsConnectionFactory(gateway.brokerUrl().replace("tcp://", "amqp://")).createConnection();
        try (core; amqp) {
            core.start();
            Session coreSession = core.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Session amqpSession = amqp.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer coreProducer = coreSession.createProducer(coreSession.createQueue("push.requests"));
            MessageProducer amqpProducer = amqpSession.createProducer(amqpSession.createQueue("push.requests"));
            for (Input in : order) {
                boolean overAmqp = in.kind == Kind.AMQP_MAP || in.kind == Kind.AMQP_LIST;
                send(overAmqp ? amqpSession : coreSession, overAmqp ? amqpProducer : coreProducer, in);
            }

            Instant deadline = Instant.now().plus(SETTLE);
            int parkedExpected = (int) inputs.stream().filter(Input::parks).count();
            int resultsExpected = inputs.stream().filter(in -> !in.parks()).mapToInt(in -> in.targets.size()).sum();
            Map<String, List<Received>> invalid = new HashMap<>();
            List<String> strays = new ArrayList<>();
            for (Received r : drain(coreSession, "push.invalid", parkedExpected, deadline)) {
                String probe = r.property("Probe");
                if (probe == null) {
                    strays.add("on push.invalid without its Probe: Reason=" + r.property("Reason"));
                } else {
                    invalid.computeIfAbsent(probe, p -> new ArrayList<>()).add(r);
                }
            }
            Map<String, List<JsonNode>> results = new HashMap<>();
            for (Received r : drain(coreSession, "push.results", resultsExpected, deadline)) {
                results.computeIfAbsent(String.valueOf(r.property("RequestId")), k -> new ArrayList<>())
                        .add(JSON.readTree((String) r.body()));
            }
            List<Received> dlq = drain(coreSession, "push.broker-dlq", 0, deadline);
            for (Received r : dlq) {
                String probe = r.property("Probe");
                strays.add("on push.broker-dlq: Probe=" + probe + " " + r.message().getClass().getSimpleName());
                inputs.stream().filter(in -> in.probe.equals(probe)).forEach(in -> in.problem = "ended on push.broker-dlq");
            }
            List<String> calls = Stream.of("adm", "fcm", "alexa").flatMap(p -> sandbox.calls(p).stream())
                    .map(c -> c.path() + "\n" + c.body()).toList();

            for (Input in : inputs) {
                if (in.problem == null) {
                    in.problem = problem(in, invalid.getOrDefault(in.probe, List.of()),
                            results.getOrDefault(in.probe, List.of()), calls);
                }
            }

            Map<String, List<Input>> byFamily = inputs.stream().collect(Collectors.groupingBy(in -> in.family, TreeMap::new,
                    Collectors.toList()));
            StringBuilder tally = new StringBuilder();
            long hostile = inputs.stream().filter(in -> !in.family.equals("valid")).count();
            long hostileOk = inputs.stream().filter(in -> !in.family.equals("valid") && in.problem == null).count();
            byFamily.forEach((family, members) -> {
                long ok = members.stream().filter(in -> in.problem == null).count();
                tally.append("HOSTILE ").append(family).append(": ").append(members.size()).append(" inputs, ").append(ok)
                        .append(" accounted for\n");
                members.stream().filter(in -> in.problem != null).limit(3).forEach(in -> tally.append("    ").append(in.probe)
                        .append(" ").append(in.problem).append(" | input: ").append(sample(in)).append('\n'));
            });
            tally.append(String.format("HOSTILE overall: %d families, %d hostile inputs, %d accounted for; %d valid, %d delivered;"
                    + " %d on push.broker-dlq, %d strays%n", byFamily.size() - 1, hostile, hostileOk,
                    byFamily.get("valid").size(), byFamily.get("valid").stream().filter(in -> in.problem == null).count(),
                    dlq.size(), strays.size()));
            strays.stream().limit(10).forEach(s -> tally.append("    ").append(s).append('\n'));
            System.out.print(tally);

            assertThat(strays).as(tally.toString()).isEmpty();
            assertThat(inputs.stream().filter(in -> in.problem != null).map(in -> in.family + " " + in.probe + ": " + in.problem))
                    .as(tally.toString()).isEmpty();
        }
    }

    /** What is wrong with how an input ended, or null when it is accounted for. */
    String problem(Input in, List<Received> parked, List<JsonNode> results, List<String> calls) throws Exception {
        if (in.parks()) {
            if (parked.size() != 1) {
                return parked.isEmpty() ? "not on push.invalid" + (results.isEmpty() ? "" : ", but " + results.size()
                        + " results: " + statuses(results)) : "on push.invalid " + parked.size() + " times";
            }
            Received m = parked.get(0);
            String reason = m.property("Reason");
            if (reason == null || !in.reasons.contains(reason)) {
                return "Reason " + reason + " (" + m.property("ReasonText") + "), expected one of " + in.reasons;
            }
            if (m.property("ReasonText") == null || m.property("ReasonText").isBlank()) {
                return "no ReasonText";
            }
            for (Map.Entry<String, String> p : in.pushProperties.entrySet()) {
                if (!p.getValue().equals(m.property(p.getKey()))) {
                    return "property " + p.getKey() + " not kept";
                }
            }
            String difference = bodyDifference(in, m);
            if (difference != null) {
                return difference;
            }
            if (!results.isEmpty()) {
                return "parked, and yet " + results.size() + " results: " + statuses(results);
            }
            return calls.stream().anyMatch(c -> c.contains(in.probe)) ? "parked, and yet a provider was called" : null;
        }
        if (!parked.isEmpty()) {
            return "on push.invalid: " + parked.get(0).property("Reason") + " (" + parked.get(0).property("ReasonText") + ")";
        }
        Map<String, List<String>> byAddress = new HashMap<>();
        for (JsonNode r : results) {
            byAddress.computeIfAbsent(r.path("Address").asText(), a -> new ArrayList<>()).add(r.path("DeliveryStatus").asText()
                    + " " + r.path("StatusMessage").asText());
        }
        if (!byAddress.keySet().equals(in.targets.keySet())) {
            List<String> missing = in.targets.keySet().stream().filter(a -> !byAddress.containsKey(a)).map(HostileMessagesTest::shown).toList();
            List<String> extra = byAddress.keySet().stream().filter(a -> !in.targets.containsKey(a)).map(HostileMessagesTest::shown).toList();
            return "results for other targets than named: missing " + missing + ", not named " + extra;
        }
        for (Map.Entry<String, String> t : in.targets.entrySet()) {
            List<String> got = byAddress.get(t.getKey());
            if (got.size() != 1 || !got.get(0).startsWith(t.getValue() + " ")) {
                return "target " + shown(t.getKey()) + ": expected one " + t.getValue() + ", got " + got;
            }
            if (in.own.contains(t.getKey())) {
                // a failing address is looked for by the part before its control character: nothing of it may be sent
                String marker = t.getValue().equals("SUCCESSFUL") ? t.getKey()
                        : t.getKey().substring(0, t.getKey().indexOf(in.probe) + in.probe.length() + 2);
                long made = calls.stream().filter(c -> c.contains(marker)).count();
                long wanted = t.getValue().equals("SUCCESSFUL") ? 1 : 0;
                if (made != wanted) {
                    return "target " + shown(t.getKey()) + ": " + made + " provider calls, expected " + wanted;
                }
            }
        }
        return null;
    }

    static String statuses(List<JsonNode> results) {
        return results.stream().map(r -> shown(r.path("Address").asText()) + "=" + r.path("DeliveryStatus").asText()).toList().toString();
    }

    /** A string with its control characters and surrogates made visible. */
    static String shown(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(c < 0x20 || (c >= 0x7f && c <= 0x9f) || Character.isSurrogate((char) c)
                ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return b.toString();
    }

    static String sample(Input in) {
        String text = switch (in.kind) {
            case TEXT -> (String) in.body;
            case BYTES -> new String((byte[]) in.body, StandardCharsets.ISO_8859_1);
            default -> in.kind + " " + Objects.toString(in.body);
        };
        return shown(text.length() > 160 ? text.substring(0, 160) + "…(" + text.length() + ")" : text);
    }
}
