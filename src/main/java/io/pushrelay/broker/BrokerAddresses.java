package io.pushrelay.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import io.pushrelay.config.Settings;
import io.pushrelay.message.ChannelType;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.DivertConfiguration;
import org.apache.activemq.artemis.core.server.ComponentConfigurationRoutingType;

/**
 * Every address the gateway needs on its broker, and nothing else under {@code push.}: the contract's queues (named
 * by the {@code pushrelay.queue.*} settings), the internal ones the routes and stages use, the broker's own dead-letter
 * and expiry queues. Each is an anycast address with one durable queue of its name. The results address carries
 * multicast too, so that MQTT clients (and JMS topic subscribers) can subscribe to it; two diverts give those
 * subscriptions a copy of each result the gateway sends to the anycast queue (see {@link #diverts()}).
 * The embedded broker deploys this list at start; an external broker needs the same.
 */
public record BrokerAddresses(List<String> queues, String results) {

    /** The broker parks here what it could not deliver after the last allowed attempt. */
    public static final String DEAD_LETTERS = "push.broker-dlq";
    public static final String EXPIRED = "push.expired";
    /** First outcomes on their way to the replies route (publish.camel.yaml's report, replies.camel.yaml). */
    static final String OUTCOMES = "push.outcomes";
    /** What providers said about addresses, for the registry (registry.camel.yaml). */
    static final String REGISTRY_FEEDBACK = "push.registry-feedback";
    /** A campaign firing's reply (campaigns.camel.yaml). */
    static final String CAMPAIGN_OUTCOMES = "push.campaign-outcomes";
    /** Each provider's work queue is this and the provider's name (deliver.camel.yaml). */
    static final String WORK_PREFIX = "push.work.";
    /** A group's next page to fan out (intake.camel.yaml). */
    static final String FANOUT = "push.fanout";
    /** A replay's next page (replay.camel.yaml). */
    static final String REPLAY_PAGES = "push.replay-pages";
    /** Where results pass on their way to the subscriptions of the results address; it holds no queue. */
    public static final String RESULTS_TO_SUBSCRIBERS = "push.results-to-subscribers";

    public static BrokerAddresses of(Settings settings) {
        TreeSet<String> names = new TreeSet<>();
        for (String contract : new String[] {"requests", "groups", "endpoints", "campaigns", "replay", "results",
                "dead-letters", "invalid"}) {
            names.add(settings.queue(contract));
        }
        names.add(OUTCOMES);
        names.add(REGISTRY_FEEDBACK);
        for (ChannelType channel : ChannelType.served()) {
            names.add(WORK_PREFIX + channel.provider());
        }
        names.add(FANOUT);
        names.add(REPLAY_PAGES);
        names.add(CAMPAIGN_OUTCOMES);
        names.add(DEAD_LETTERS);
        names.add(EXPIRED);
        return new BrokerAddresses(List.copyOf(names), settings.queue("results"));
    }

    /** One anycast address with its durable queue per name; the results address also multicast. */
    public List<CoreAddressConfiguration> addresses() {
        List<CoreAddressConfiguration> addresses = new ArrayList<>();
        for (String name : queues) {
            CoreAddressConfiguration address = new CoreAddressConfiguration().setName(name)
                    .addRoutingType(RoutingType.ANYCAST)
                    .addQueueConfig(QueueConfiguration.of(name).setAddress(name).setRoutingType(RoutingType.ANYCAST)
                            .setDurable(true));
            if (name.equals(results)) {
                address.addRoutingType(RoutingType.MULTICAST);
            }
            addresses.add(address);
        }
        addresses.add(new CoreAddressConfiguration().setName(RESULTS_TO_SUBSCRIBERS).addRoutingType(RoutingType.MULTICAST));
        return addresses;
    }

    /**
     * A result sent to the anycast queue reaches only anycast queues; subscriptions are multicast. A divert to the
     * same address does not copy (Artemis routes the message again as it is, and so again through the divert), so the
     * copy takes a detour: out to {@link #RESULTS_TO_SUBSCRIBERS}, back as multicast, which only the subscriptions take.
     * Only anycast sends leave, so the multicast copy coming back is not diverted again. With no subscriber, the copies
     * are routed nowhere and nothing is stored.
     */
    public List<DivertConfiguration> diverts() {
        return List.of(
                new DivertConfiguration().setName("results-out").setAddress(results)
                        .setForwardingAddress(RESULTS_TO_SUBSCRIBERS).setExclusive(false)
                        .setFilterString(Message.HDR_ROUTING_TYPE + " = " + RoutingType.ANYCAST.getType())
                        .setRoutingType(ComponentConfigurationRoutingType.MULTICAST),
                new DivertConfiguration().setName("results-to-subscribers").setAddress(RESULTS_TO_SUBSCRIBERS)
                        .setForwardingAddress(results).setExclusive(true)
                        .setRoutingType(ComponentConfigurationRoutingType.MULTICAST));
    }
}
