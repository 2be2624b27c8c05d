package io.pushrelay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.intake.RequestIntake;
import io.pushrelay.broker.Envelope;
import io.pushrelay.message.Json;
import io.pushrelay.support.GatewayTest;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * A request whose first attempt claimed its RequestId in the ledger and then rolled back comes back as a
 * redelivery, not as a repeat, although the broker gives an AMQP-sent message a new core JMSMessageID on every
 * delivery: it is delivered exactly once.
 */
class RedeliveryIdentityTest extends GatewayTest {

    @Override
    protected Map<String, String> overrides() {
        return Map.of("pushrelay.broker.redelivery-delay", "100ms");
    }

    @Test
    void anAmqpRequestRolledBackAfterItsClaimIsStillDeliveredOnce() throws Exception {
        String address = "amzn1.adm-registration.v3.Redelivery" + unique();
        String rid = "redelivery-" + unique();
        String body = "{\"RequestId\":\"" + rid + "\",\"Addresses\":{\"" + address + "\":{\"ChannelType\":\"ADM\"}},"
                + "\"MessageConfiguration\":{\"DefaultMessage\":{\"Body\":\"once\"}}}";
        RequestIntake intake = gateway.context().getRegistry().lookupByNameAndType("requestIntake", RequestIntake.class);
        gateway.context().getRouteController().stopRoute("intake");
        JmsConnectionFactory amqp = new JmsConnectionFactory(gateway.brokerUrl().replace("tcp://", "amqp://"));
        try (Connection sender = amqp.createConnection();
                Connection firstAttempt = new ActiveMQConnectionFactory(gateway.brokerUrl()).createConnection()) {
            sender.start();
            Session s = sender.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = s.createTemporaryQueue();
            MessageConsumer replyConsumer = s.createConsumer(replies);
            TextMessage request = s.createTextMessage(body);
            request.setJMSReplyTo(replies);
            s.createProducer(s.createQueue("push.requests")).send(request);

            // the first attempt: the gateway's own intake claims the RequestId, then the transaction rolls back
            firstAttempt.start();
            Session tx = firstAttempt.createSession(true, Session.SESSION_TRANSACTED);
            try (MessageConsumer consumer = tx.createConsumer(tx.createQueue("push.requests"), "RequestId IS NULL")) {
                Message first = consumer.receive(WAIT.toMillis());
                assertThat(first).isNotNull();
                assertThat(first.getJMSMessageID()).as("the broker's core id, not the sender's").isNotEqualTo(request.getJMSMessageID());
                assertThat(intake.claim(List.of(intake.accept(Envelope.of(first)))).plan().work()).isNotEmpty();
                tx.rollback();
            }

            gateway.context().getRouteController().startRoute("intake");
            Message reply = replyConsumer.receive(WAIT.toMillis());
            assertThat(reply).as("the reply to the redelivered request").isNotNull();
            JsonNode answer = Json.tree(reply.getBody(String.class));
            assertThat(answer.get("RequestId").asText()).isEqualTo(rid);
            assertThat(answer.path("Result").findValuesAsText("DeliveryStatus")).containsExactly("SUCCESSFUL");
            assertThat(reply.getJMSCorrelationID()).isEqualTo(request.getJMSMessageID());
        }
        assertThat(calls("adm", address)).hasSize(1);
        assertThat(jms.receive("push.invalid", "RequestId = '" + rid + "'", 1, java.time.Duration.ofMillis(300))).isEmpty();
    }
}
