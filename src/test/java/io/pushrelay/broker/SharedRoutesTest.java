package io.pushrelay.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.jms.Message;
import jakarta.jms.Queue;

import io.pushrelay.message.ChannelType;
import io.pushrelay.message.DeliveryStatus;
import io.pushrelay.message.EndpointResult;
import io.pushrelay.message.FirstOutcomes;
import io.pushrelay.message.Json;
import io.pushrelay.message.RegistryFeedback;
import io.pushrelay.message.Report;
import io.pushrelay.message.Target;
import io.pushrelay.support.GatewayTest;
import io.pushrelay.support.JmsClient;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * The shared sub-routes of publish.camel.yaml (direct:answer, direct:report) against the embedded broker, and the
 * route configurations of ErrorPolicy that routes run under.
 */
class SharedRoutesTest extends GatewayTest {

    /** A stage outcome as the report route takes it. */
    public record Outcome(Report report) {
    }

    @Test
    void anAnswerGoesToTheReplyToPropertyWithItsCorrelationIdAndNoInheritedHeaders() throws Exception {
        String queue = "test-" + unique();
        answer(Map.of("k", 1), Map.of("ReplyTo", "queue://" + queue, "CorrelationId", "corr-1"), Map.of("Leaked", "x"));
        Message m = jms.receive(queue, Duration.ofSeconds(10));
        assertThat(JmsClient.text(m)).isEqualTo("{\"k\":1}");
        assertThat(m.getJMSCorrelationID()).isEqualTo("corr-1");
        assertThat(m.propertyExists("Leaked")).isFalse();
        assertThat(m.getJMSReplyTo()).isNull();
    }

    @Test
    void anAnswerToADestinationThatDoesNotExistIsKeptOnInvalid() throws Exception {
        String name = "push.nowhere-" + unique(); // under push. only the gateway's own addresses exist
        answer("{\"k\":2}", Map.of("ReplyTo", "queue://" + name, "CorrelationId", "corr-2"), Map.of());
        Message kept = jms.receive("push.invalid", "JMSCorrelationID = 'corr-2'", 1, Duration.ofSeconds(10)).get(0);
        assertThat(JmsClient.text(kept)).isEqualTo("{\"k\":2}");
        assertThat(kept.getStringProperty("Reason")).isEqualTo("ReplyUndeliverable");
        assertThat(kept.getStringProperty("ReasonText")).startsWith("The reply could not be sent to queue://" + name + ": ");
    }

    @Test
    void headersNamedLikeTheOverridesDoNotRedirectAnAnswer() throws Exception {
        String queue = "test-" + unique();
        // a sender's own properties arrive as headers: a ReplyTo among them must not choose where answers go
        answer("{\"k\":3}", Map.of(), Map.of("ReplyTo", "queue://" + queue, "CorrelationId", "corr-3"));
        assertThat(jms.receive(queue, Duration.ofSeconds(2))).isNull();
    }

    private void answer(Object body, Map<String, Object> properties, Map<String, Object> headers) {
        gateway.context().createProducerTemplate().send("direct:answer", exchange -> {
            exchange.getMessage().setBody(body);
            exchange.getMessage().setHeaders(new java.util.HashMap<>(headers));
            properties.forEach(exchange::setProperty);
        });
    }

    @Test
    void noReplyDestinationNoAnswer() throws Exception {
        gateway.context().createProducerTemplate().sendBody("direct:answer", "{}");
        // nothing to observe but that it does not fail: there is no destination to send to
    }

    @Test
    void aReportSendsEachKindToItsQueueWithItsSelectorProperties() throws Exception {
        String requestId = "report-" + unique();
        Target target = new Target(ChannelType.ADM, "amzn1.adm-registration.v3.report" + unique(), null, null, null,
                null, null, null, null, null, 1, Instant.now());
        EndpointResult result = EndpointResult.of(requestId, target, DeliveryStatus.PERMANENT_FAILURE, 400, "bad", null,
                null, Instant.now());
        Report.Builder report = new Report.Builder();
        report.result(result);
        report.deadLetter(requestId, null, target, "InvalidRegistrationId", 400, "bad", false, Instant.now());
        report.feedback(new RegistryFeedback(ChannelType.ADM, target.address(), null, null)); // consumed by the registry
        report.firstOutcomes(requestId, List.of(result)); // consumed by the replies route
        gateway.context().createProducerTemplate().sendBodyAndHeader("direct:report", new Outcome(report.build()),
                "JMSReplyTo", "push.somewhere");

        Message r = jms.receive("push.results", "RequestId = '" + requestId + "'", 1, WAIT).get(0);
        assertThat(r.getStringProperty("ChannelType")).isEqualTo("ADM");
        assertThat(r.getStringProperty("DeliveryStatus")).isEqualTo("PERMANENT_FAILURE");
        assertThat(r.getJMSReplyTo()).isNull();
        assertThat(Json.tree(JmsClient.text(r)).path("RequestId").asText()).isEqualTo(requestId);
        Message d = jms.receive("push.dead-letters", "RequestId = '" + requestId + "' AND Retryable = FALSE", 1, WAIT).get(0);
        assertThat(d.getStringProperty("Reason")).isEqualTo("InvalidRegistrationId");
        assertThat(d.getStringProperty("ChannelType")).isEqualTo("ADM");
        assertThat(d.getStringProperty("DeadLetterId")).isNotBlank();
        assertThat(d.getObjectProperty("Retryable")).isEqualTo(false);
    }

    @Test
    void aSubRouteLetsItsFailureReachTheCallerAndAScheduledRouteHandlesIt() throws Exception {
        String id = unique();
        gateway.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:failing-" + id).routeConfigurationId(ErrorPolicy.SUB_ROUTE).routeId("failing-" + id)
                        .throwException(new IllegalStateException("boom"));
                from("direct:caller-" + id).routeConfigurationId(ErrorPolicy.SCHEDULED).routeId("caller-" + id)
                        .setHeader("CampaignId", constant("c-" + id))
                        .to("direct:failing-" + id)
                        .setHeader("reached", constant(true));
            }
        });
        ProducerTemplate template = gateway.context().createProducerTemplate();
        assertThatThrownBy(() -> template.sendBody("direct:failing-" + id, "x")).hasRootCauseMessage("boom");
        Exchange fired = template.send("direct:caller-" + id, e -> e.getMessage().setBody("x"));
        assertThat(fired.getException()).as("handled: a failed firing does not loop").isNull();
        assertThat(fired.getMessage().getHeader("reached")).as("the failure stopped the firing").isNull();
    }
}
