package io.pushrelay.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.message.Json;
import io.pushrelay.support.GatewayTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's JSON operations over HTTP, the ones the browser test does not click through: campaigns (next fire
 * times, disable and enable through upsert, run now), the registry's reads, the CSV export, the page's files, and
 * nothing without a session.
 */
class ConsoleApiTest extends GatewayTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private String cookie;

    @Override
    protected Map<String, String> overrides() {
        return Map.of("pushrelay.console.user", "ops", "pushrelay.console.password", "api-test-password");
    }

    @BeforeAll
    void logIn() throws Exception {
        HttpResponse<String> login = post("login", "{\"User\":\"ops\",\"Password\":\"api-test-password\"}", null);
        assertThat(login.statusCode()).isEqualTo(200);
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        cookie = setCookie.substring(0, setCookie.indexOf(';'));
    }

    @Test
    void nothingButThePageAndTheLoginWithoutASession() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/console/api/overview")).GET(), null).statusCode()).isEqualTo(401);
        HttpResponse<String> replay = post("replay", "{\"DryRun\":true}", null);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(Json.tree(replay.body()).path("Reason").asText()).isEqualTo("NotLoggedIn");
        assertThat(post("login", "{\"User\":\"ops\",\"Password\":\"wrong\"}", null).statusCode()).isEqualTo(401);

        HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/console")).GET(), null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("/console/assets/console.js").doesNotContain("http://", "https://");
        assertThat(send(HttpRequest.newBuilder(uri("/console/assets/console.js")).GET(), null).body()).contains("/console/api/");
        assertThat(send(HttpRequest.newBuilder(uri("/console/assets/application.properties")).GET(), null).statusCode()).isEqualTo(404);
    }

    @Test
    void campaignsWithTheirNextFireTimesDisabledEnabledAndRunNow() throws Exception {
        ask("push.groups", "{\"operation\":\"create\",\"group_name\":\"console-guests\",\"members\":[{\"ChannelType\":\"ADM\","
                + "\"Address\":\"amzn1.adm-registration.v3." + unique() + "\"}]}");
        String campaign = Files.readString(Path.of(System.getProperty("basedir", "."), "examples", "campaign.json")).replace("morning-digest", "console-digest")
                .replace("pool-guests", "console-guests").replace("2026-12-01T00:00:00Z", "2026-01-01T00:00:00Z")
                .replace("2027-06-01T00:00:00Z", "2099-01-01T00:00:00Z");
        assertThat(api("campaigns", campaign).path("CampaignId").asText()).isEqualTo("console-digest");
        JsonNode listed = item(api("campaigns", "{\"operation\":\"list\"}"));
        assertThat(listed.path("NextFireTimes")).hasSize(3);
        assertThat(listed.path("NextFireTimes").get(0).asText()).matches(".*T0[78]:00:00Z");

        JsonNode stored = api("campaigns", "{\"operation\":\"get\",\"CampaignId\":\"console-digest\"}");
        ((com.fasterxml.jackson.databind.node.ObjectNode) stored).put("operation", "upsert").put("Enabled", false)
                .remove(java.util.List.of("Runs", "NextFireTimes"));
        api("campaigns", Json.write(stored));
        JsonNode disabled = item(api("campaigns", "{\"operation\":\"list\"}"));
        assertThat(disabled.path("Enabled").asBoolean()).isFalse();
        assertThat(disabled.path("NextFireTimes")).isEmpty();

        String requestId = api("campaigns", "{\"operation\":\"run-now\",\"CampaignId\":\"console-digest\"}").path("RequestId").asText();
        assertThat(requestId).startsWith("campaign:console-digest:");
        await().atMost(WAIT).until(() -> api("campaigns", "{\"operation\":\"get\",\"CampaignId\":\"console-digest\"}")
                .path("Runs").findValues("Counts").stream().anyMatch(c -> c.path("SUCCESSFUL").asInt() == 1));
        await().atMost(WAIT).until(() -> get("requests?requestId=" + java.net.URLEncoder.encode(requestId, "UTF-8"))
                .path("Outcomes").findValuesAsText("DeliveryStatus").contains("SUCCESSFUL"));
    }

    @Test
    void theRegistryByIdUserAddressAndAGroupPageByPage() throws Exception {
        String user = "user-" + unique();
        String group = "console-group-" + unique();
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < ConsoleRegistry.PAGE + 5; i++) {
            members.append(i == 0 ? "" : ",").append("{\"ChannelType\":\"ADM\",\"Address\":\"amzn1.adm-registration.v3.")
                    .append(unique()).append("\"}");
        }
        ask("push.groups", "{\"operation\":\"create\",\"group_name\":\"" + group + "\",\"members\":[" + members + "]}");
        String address = "amzn1.adm-registration.v3." + unique();
        api("endpoints", "{\"operation\":\"upsert\",\"EndpointId\":\"e-" + user + "\",\"ChannelType\":\"ADM\",\"Address\":\""
                + address + "\",\"User\":{\"UserId\":\"" + user + "\"}}");

        assertThat(api("endpoints", "{\"operation\":\"get\",\"EndpointId\":\"e-" + user + "\"}").path("Address").asText()).isEqualTo(address);
        assertThat(api("endpoints", "{\"operation\":\"list-by-user\",\"User\":{\"UserId\":\"" + user + "\"}}").path("Item")).hasSize(1);
        assertThat(get("endpoints/by-address?channel=ADM&address=" + address).path("Item").get(0).path("EndpointId").asText())
                .isEqualTo("e-" + user);

        JsonNode first = get("groups?name=" + group);
        assertThat(first.path("ReceivingMembers").asInt()).isEqualTo(ConsoleRegistry.PAGE + 5);
        assertThat(first.path("Members")).hasSize(ConsoleRegistry.PAGE);
        JsonNode second = get("groups?name=" + group + "&after=" + first.path("Next").asText());
        assertThat(second.path("Members")).hasSize(5);
        assertThat(second.hasNonNull("Next")).as("a next page").isFalse();
        HttpResponse<String> unknown = send(HttpRequest.newBuilder(uri("/console/api/groups?name=nope")).GET(), cookie);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(Json.tree(unknown.body()).path("Reason").asText()).isEqualTo("UnknownGroup");
    }

    @Test
    void deadLettersExportAsCsvByTheirFilters() throws Exception {
        String rid = unique();
        String gone = "amzn1.adm-registration.v3." + unique();
        sandbox.state().unregister("adm", gone);
        jms.send("push.requests", "{\"RequestId\":\"" + rid + "\",\"Addresses\":{\"" + gone + "\":{\"ChannelType\":\"ADM\"}},"
                + "\"MessageConfiguration\":{\"DefaultPushNotificationMessage\":{\"Body\":\"b\"}}}", Map.of());
        await().atMost(WAIT).until(() -> send(HttpRequest.newBuilder(uri("/console/api/dead-letters.csv?requestId=" + rid)).GET(),
                cookie).body().lines().count() == 2);
        HttpResponse<String> csv = send(HttpRequest.newBuilder(uri("/console/api/dead-letters.csv?requestId=" + rid)).GET(), cookie);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body().lines().toList().get(0)).isEqualTo(String.join(",", ConsoleDeadLetters.CSV_COLUMNS));
        assertThat(csv.body().lines().toList().get(1)).contains(rid, gone, "ADM", "Unregistered", "false");
        assertThat(get("dead-letters?requestId=" + rid + "&from=2099-01-01T00:00:00Z")).isEmpty();
        assertThat(get("dead-letters?reason=Unregistered&requestId=" + rid).get(0).path("Payload").path("Targets")).hasSize(1);
    }

    private static JsonNode item(JsonNode list) {
        for (JsonNode item : list.path("Item")) {
            if (item.path("CampaignId").asText().equals("console-digest")) {
                return item;
            }
        }
        throw new AssertionError("console-digest is not listed: " + list);
    }

    private JsonNode api(String path, String body) throws Exception {
        HttpResponse<String> response = post(path, body, cookie);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = Json.tree(response.body());
        assertThat(answer.has("ReasonText")).as(response.body()).isFalse();
        return answer;
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/console/api/" + path)).GET(), cookie);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.tree(response.body());
    }

    private HttpResponse<String> post(String path, String body, String withCookie) throws Exception {
        return send(HttpRequest.newBuilder(uri("/console/api/" + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), withCookie);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String withCookie) throws Exception {
        if (withCookie != null) {
            request.header("Cookie", withCookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(gateway.httpUrl() + path);
    }
}
