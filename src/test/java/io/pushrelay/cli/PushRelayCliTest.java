package io.pushrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.message.Json;
import io.pushrelay.sandbox.Fault;
import io.pushrelay.support.FreePort;
import io.pushrelay.support.GatewayTest;
import org.junit.jupiter.api.Test;

/** The command line against a real gateway and its broker, in this JVM: output, wording and exit codes. */
class PushRelayCliTest extends GatewayTest {

    @Override
    protected Map<String, String> overrides() {
        return Map.of("pushrelay.retry.initial-delay", "100ms", "pushrelay.retry.max-attempts", "2");
    }

    record Run(int exit, String out, String err) {
        List<JsonNode> lines() {
            return out.lines().map(Json::tree).toList();
        }
    }

    /** The CLI with this test gateway's broker and HTTP port, as an operator on its machine runs it. */
    Run cli(String... args) {
        return cli(Map.of(), args);
    }

    Run cli(Map<String, String> settings, String... args) {
        Map<String, String> all = new HashMap<>();
        all.put("pushrelay.broker.url", gateway.brokerUrl());
        all.put("pushrelay.http.port", gateway.httpUrl().replaceAll(".*:", ""));
        all.putAll(settings);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = PushRelayCli.execute(all, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    Path file(String json) throws Exception {
        Path file = Files.createTempFile(Files.createDirectories(Path.of("cli-files")), "request", ".json");
        Files.writeString(file, json);
        return file;
    }

    /** A request with one ADM address the sandbox holds as gone: one result, one permanent dead letter. */
    String failOneAdmTarget() throws Exception {
        String adm = "amzn1.adm-registration.v3." + unique();
        sandbox.state().unregister("adm", adm);
        String rid = unique();
        jms.send("push.requests", "{\"RequestId\":\"" + rid + "\",\"Addresses\":{\"" + adm + "\":{\"ChannelType\":\"ADM\"}},"
                + "\"MessageConfiguration\":{\"DefaultPushNotificationMessage\":{\"Body\":\"b\"}}}", Map.of());
        await().atMost(WAIT).until(() -> cli("browse", "dead-letters", "--selector", "RequestId = '" + rid + "'")
                .lines().size() == 1);
        return rid;
    }

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        Run help = cli("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("run", "send", "replay", "browse", "stats", "Exit codes", "3");
        assertThat(cli("send", "--help").out()).contains("FILE", "--wait", "--json");
        assertThat(cli("browse", "--help").out()).contains("QUEUE", "--selector", "--limit", "--follow");
    }

    @Test
    void versionNamesTheStack() {
        assertThat(cli("--version").out()).contains("pushrelay").contains("Camel 4.18.0");
    }

    @Test
    void browsingShowsBodyAndPropertiesAndLeavesTheMessagesOnTheirQueues() throws Exception {
        String rid = failOneAdmTarget();
        String selector = "RequestId = '" + rid + "'";
        JsonNode letter = cli("browse", "dead-letters", "--selector", selector).lines().get(0);
        assertThat(letter.path("Properties").path("Reason").asText()).isEqualTo("Unregistered");
        assertThat(letter.path("Body").path("RequestId").asText()).isEqualTo(rid);
        assertThat(letter.path("MessageId").asText()).startsWith("ID:");
        await().atMost(WAIT).until(() -> cli("browse", "results", "--selector", selector).lines().size() == 1);
        JsonNode result = cli("browse", "results", "--selector", selector).lines().get(0);
        assertThat(result.path("Body").path("DeliveryStatus").asText()).isEqualTo("PERMANENT_FAILURE");
        assertThat(result.path("Properties").path("ChannelType").asText()).isEqualTo("ADM");

        jms.send("push.requests", "not json " + rid, Map.of("RequestId", rid));
        await().atMost(WAIT).until(() -> cli("browse", "invalid", "--selector", selector).lines().size() == 1);
        JsonNode invalid = cli("browse", "invalid", "--selector", selector).lines().get(0);
        assertThat(invalid.path("Body").asText()).isEqualTo("not json " + rid);
        assertThat(invalid.path("Properties").path("Reason").asText()).isNotBlank();

        for (String queue : List.of("dead-letters", "results", "invalid")) {
            assertThat(cli("browse", queue, "--selector", selector).lines()).as(queue + " still holds it").hasSize(1);
        }
        assertThat(jms.receive("push.dead-letters", selector, 1, WAIT)).as("still there to consume").hasSize(1);
    }

    @Test
    void browsingTakesALimitAndRefusesABadSelectorOrQueueInOneLine() throws Exception {
        failOneAdmTarget();
        failOneAdmTarget();
        assertThat(cli("browse", "dead-letters", "--limit", "1").lines()).hasSize(1);
        assertThat(cli("browse", "dead-letters", "--limit", "2", "--selector", "ChannelType = 'ADM'").lines()).hasSize(2);

        Run badSelector = cli("browse", "dead-letters", "--selector", "Reason = = 'x'");
        assertThat(badSelector.exit()).isEqualTo(2);
        assertThat(badSelector.err()).startsWith("pushrelay: the selector is not valid").doesNotContain("\tat ");
        Run badQueue = cli("browse", "requests");
        assertThat(badQueue.exit()).isEqualTo(2);
        assertThat(badQueue.err().trim()).isEqualTo("pushrelay: QUEUE must be one of results, dead-letters, invalid, not requests");
    }

    @Test
    void statsShowsTheQueueDepthsAndTheGatewaysHealth() throws Exception {
        failOneAdmTarget();
        Run stats = cli("stats");
        assertThat(stats.exit()).isZero();
        assertThat(stats.out()).contains("Queues (broker " + gateway.brokerUrl() + ")")
                .containsPattern("push\\.dead-letters +[1-9]").contains("push.requests", "push.results", "push.invalid")
                .contains("Health (" + gateway.httpUrl() + "/observe/health): UP").contains("  broker UP")
                .doesNotContain("route:");

        JsonNode json = Json.tree(cli("stats", "--json").out());
        assertThat(json.path("Queues").path("push.dead-letters").asLong()).isPositive();
        assertThat(json.path("Health").path("Checks").path("database").path("Status").asText()).isEqualTo("UP");

        String nowhere = "http://127.0.0.1:" + FreePort.find();
        Run noGateway = cli("stats", "--gateway", nowhere);
        assertThat(noGateway.exit()).isZero();
        assertThat(noGateway.out()).contains("push.dead-letters")
                .contains("Providers: gateway not reachable at " + nowhere + "/observe/health");
        assertThat(Json.tree(cli("stats", "--json", "--gateway", nowhere).out()).path("Health").path("Reachable")
                .asBoolean()).isFalse();
    }

    @Test
    void sendExitsZeroWhenAcceptedAndOneWhenRejected() throws Exception {
        Path accepted = file("{\"Addresses\":{\"fcm" + unique() + ":APA91b\":{\"ChannelType\":\"GCM\"}},"
                + "\"MessageConfiguration\":{\"DefaultPushNotificationMessage\":{\"Body\":\"b\"}}}");
        Run sent = cli("send", accepted.toString(), "--wait", "--json");
        assertThat(sent.exit()).as(sent.err()).isZero();
        assertThat(Json.tree(sent.out()).path("Result").size()).isEqualTo(1);
        assertThat(cli("send", accepted.toString()).exit()).isZero();

        Path rejected = file("{\"Addresses\":{\"x\":{\"ChannelType\":\"SMS\"}},\"MessageConfiguration\":{}}");
        Run refused = cli("send", rejected.toString(), "--wait");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("pushrelay: rejected: ");
        assertThat(Json.tree(refused.out()).path("Reason").asText()).isNotBlank();
    }

    @Test
    void userMistakesAndAnUnreachableBrokerAreOneLineWithTheirExitCodes() throws Exception {
        Run missing = cli("send", "no-such-file.json");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err().trim()).isEqualTo("pushrelay: there is no file " + Path.of("no-such-file.json").toAbsolutePath());
        assertThat(cli("send").exit()).isEqualTo(2);
        assertThat(cli("replay", "--no-such-option").exit()).isEqualTo(2);
        assertThat(cli("send", "--queue", "nowhere", "x.json").exit()).isEqualTo(2);
        Run badSetting = cli(Map.of("pushrelay.broker.url", "not a url"), "stats");
        assertThat(badSetting.exit()).isEqualTo(2);
        assertThat(badSetting.err()).startsWith("pushrelay: ").doesNotContain("\tat ");

        String nobody = "tcp://127.0.0.1:" + FreePort.find();
        Path request = file("{}");
        for (String[] command : List.of(new String[] {"stats"}, new String[] {"browse", "results"},
                new String[] {"send", request.toString()}, new String[] {"replay", "--dry-run"})) {
            Run unreachable = cli(Map.of("pushrelay.broker.url", nobody), command);
            assertThat(unreachable.exit()).as(String.join(" ", command)).isEqualTo(3);
            assertThat(unreachable.err().trim()).isEqualTo("pushrelay: the gateway's broker is not reachable at " + nobody
                    + " (pushrelay.broker.url; is the gateway running?)");
        }
    }

    @Test
    void aDryRunSaysWouldReplayAndItsJsonKeepsTheContractsShape() throws Exception {
        String fcm = "fcm" + unique() + ":APA91b";
        sandbox.fault(Fault.status("fcm", 503, -1).forAddress(fcm));
        String rid = unique();
        jms.send("push.requests", "{\"RequestId\":\"" + rid + "\",\"Addresses\":{\"" + fcm + "\":{\"ChannelType\":\"GCM\"}},"
                + "\"MessageConfiguration\":{\"DefaultPushNotificationMessage\":{\"Body\":\"b\"}}}", Map.of());
        await().atMost(WAIT.multipliedBy(3)).until(() -> cli("browse", "dead-letters", "--selector", "RequestId = '" + rid + "'")
                .lines().size() == 1);
        Run dry = cli("replay", "--request-id", rid, "--dry-run");
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out().trim()).isEqualTo("dry run, nothing moved: would replay 1 of 1 matching dead letters; would skip 0");
        JsonNode json = Json.tree(cli("replay", "--request-id", rid, "--dry-run", "--json").out());
        assertThat(json.path("Matched").asInt()).isEqualTo(1);
        assertThat(json.path("Replayed").asInt()).isEqualTo(1);
        assertThat(json.path("DryRun").asBoolean()).isTrue();

        sandbox.state().clearFaults();
        Run replay = cli("replay", "--request-id", rid);
        assertThat(replay.exit()).as(replay.err()).isZero();
        assertThat(replay.out().trim()).isEqualTo("replayed 1 of 1 matching dead letters; skipped 0");
        Run refused = cli("replay", "--channel", "SMS", "--json");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(Json.tree(refused.out()).path("Reason").asText()).isNotBlank();
    }
}
