package io.pushrelay.broker;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import io.pushrelay.config.PortCheck;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Artemis broker, run as a Camel service so that it starts before any route and stops after them.
 * It persists everything to a journal, listens on one acceptor (the configured tcp:// address) that speaks every
 * protocol of {@code pushrelay.broker.protocols}, plus the in-VM acceptor the gateway itself uses, and never drops a
 * message: every address has a dead-letter and an expiry address, rollbacks are redelivered with growing, jittered
 * delays, full addresses page. Of the gateway's own queues nothing reaches the dead-letter address unless its poison
 * handling failed (the routes park what cannot succeed on {@code push.invalid}); clients' own queues send their
 * poison messages there too. The gateway's addresses ({@link BrokerAddresses}) are deployed at start; under
 * {@code push.} nothing else can be created.
 */
public class EmbeddedBroker extends ServiceSupport {

    /** The in-VM address the gateway's own connections use when the broker is embedded. */
    public static final String IN_VM_URL = "vm://0";
    /** Where the broker parks what could not be delivered after the last allowed attempt. */
    public static final String DEAD_LETTER_ADDRESS = BrokerAddresses.DEAD_LETTERS;
    public static final String EXPIRY_ADDRESS = BrokerAddresses.EXPIRED;
    /**
     * The gateway's own addresses: none is created on demand, so a misspelt one fails at the sender. The JMS client
     * of Artemis, not finding {@code push.requestz}, falls back to the 1.x name {@code jms.queue.push.requestz} and
     * would create that; those names are closed too.
     */
    static final List<String> GATEWAY_ADDRESSES = List.of("push.#", "jms.queue.push.#", "jms.topic.push.#");

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    /** How the broker redelivers a message whose transaction rolled back. */
    public record Redelivery(int maxDeliveryAttempts, long delayMillis, long maxDelayMillis) {
    }

    private final String acceptorUrl;
    private final Path dataDir;
    private final String protocols;
    private final Redelivery redelivery;
    private final BrokerAddresses addresses;
    private EmbeddedActiveMQ server;

    public EmbeddedBroker(String acceptorUrl, String protocols, Path dataDir, Redelivery redelivery,
            BrokerAddresses addresses) {
        this.acceptorUrl = acceptorUrl;
        this.protocols = protocols;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.redelivery = redelivery;
        this.addresses = addresses;
    }

    @Override
    protected void doStart() throws Exception {
        URI uri = URI.create(acceptorUrl);
        PortCheck.requireFree("pushrelay.broker.url", uri.getHost(), uri.getPort());
        server = new EmbeddedActiveMQ();
        server.setConfiguration(configuration());
        server.start();
        LOG.debug("Embedded Artemis started: {} speaking {} (journal {})", acceptorUrl, protocols, dataDir);
    }

    @Override
    protected void doStop() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
            LOG.debug("Embedded Artemis stopped");
        }
    }

    public String acceptorUrl() {
        return acceptorUrl;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The running server, for tests that look at its addresses. */
    ActiveMQServer server() {
        return server.getActiveMQServer();
    }

    public boolean isActive() {
        return server != null && server.getActiveMQServer() != null && server.getActiveMQServer().isActive();
    }

    Configuration configuration() throws Exception {
        URI uri = URI.create(acceptorUrl);
        Configuration config = new ConfigurationImpl()
                .setName("pushrelay")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString())
                .setJournalSyncTransactional(true)
                .setJournalSyncNonTransactional(true)
                .setJournalDatasync(true)
                .setPersistIDCache(true)
                .setIDCacheSize(200_000)
                .setGracefulShutdownEnabled(true)
                .setGracefulShutdownTimeout(10_000)
                .setJMXManagementEnabled(false)
                .setCriticalAnalyzer(true)
                // messages beyond an eighth of the heap are paged to disk: the broker shares the gateway's heap
                .setGlobalMaxSize(Runtime.getRuntime().maxMemory() / 8);
        config.addAcceptorConfiguration("in-vm", IN_VM_URL);
        // no destination prefixes (STOMP's /queue/, /topic/): a name is the address it names, for clients and for the
        // gateway alike, so that a reply address a client gives as a string reaches what the client reads
        config.addAcceptorConfiguration("clients",
                "tcp://" + uri.getHost() + ":" + uri.getPort() + "?protocols=" + protocols + ";tcpNoDelay=true");
        config.addAddressSetting("#", addressSettings(redelivery));
        GATEWAY_ADDRESSES.forEach(match -> config.addAddressSetting(match, gatewayAddressSettings()));
        addresses.addresses().forEach(config::addAddressConfiguration);
        addresses.diverts().forEach(config::addDivertConfiguration);
        return config;
    }

    static AddressSettings addressSettings(Redelivery redelivery) {
        return new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(DEAD_LETTER_ADDRESS))
                .setAutoCreateDeadLetterResources(false)
                .setExpiryAddress(SimpleString.of(EXPIRY_ADDRESS))
                .setAutoCreateExpiryResources(false)
                .setMaxDeliveryAttempts(redelivery.maxDeliveryAttempts())
                .setRedeliveryDelay(redelivery.delayMillis())
                .setRedeliveryMultiplier(2.0)
                .setRedeliveryCollisionAvoidanceFactor(0.2)
                .setMaxRedeliveryDelay(redelivery.maxDelayMillis())
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE)
                // an address without any binding drops what is sent to it: the broker's notifications, a topic
                // nobody subscribes to (clients' own addresses are created on demand, as clients expect)
                .setSendToDLAOnNoRoute(false)
                // a name a client uses without saying queue or topic (a plain AMQP receiver, a STOMP subscription)
                // is a queue, as the gateway takes a reply address given as a bare name
                .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true)
                .setAutoDeleteQueues(false)
                .setAutoDeleteAddresses(false);
    }

    /**
     * Under {@code push.} only the addresses deployed at start exist, and those all have queues; should an operator
     * remove one's queue, what is sent there is kept on the dead-letter queue instead of dropped.
     * (Address settings merge: everything else comes from {@code #}.)
     */
    static AddressSettings gatewayAddressSettings() {
        return new AddressSettings()
                .setAutoCreateAddresses(false)
                .setAutoCreateQueues(false)
                .setSendToDLAOnNoRoute(true);
    }
}
