package io.pushrelay.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.jms.Message;
import jakarta.jms.Queue;

import io.pushrelay.message.Outbound;
import io.pushrelay.support.GatewayTest;
import io.pushrelay.support.JmsClient;
import org.junit.jupiter.api.Test;

/** The publish route sends an Outbound as it says: body, JMS properties, correlation ID and reply queue. */
class PublishTest extends GatewayTest {

    @Test
    void anOutboundArrivesWithItsPropertiesAndHeaders() throws Exception {
        String queue = "test-" + unique(); // outside push., where only the gateway's own addresses exist
        Outbound out = Outbound.of(queue, "{\"k\":1}").with("RequestId", "r1").with("JMSCorrelationID", "corr-1")
                .with("JMSReplyTo", "push.somewhere");
        gateway.context().createProducerTemplate().sendBody("direct:publish", List.of(out));
        Message m = jms.receive(queue, Duration.ofSeconds(10));
        assertThat(JmsClient.text(m)).isEqualTo("{\"k\":1}");
        assertThat(m.getStringProperty("RequestId")).isEqualTo("r1");
        assertThat(m.getJMSCorrelationID()).isEqualTo("corr-1");
        assertThat(((Queue) m.getJMSReplyTo()).getQueueName()).isEqualTo("push.somewhere");
    }
}
