package io.pushrelay.plugin;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.config.InvalidSettingException.Problem;
import io.pushrelay.config.SettingRule;
import io.pushrelay.config.Settings;
import io.pushrelay.message.RejectedRequest;
import org.apache.camel.CamelContext;

/**
 * A push provider as the gateway sees it, one implementation per provider package, discovered at start through
 * {@code META-INF/services/io.pushrelay.plugin.ProviderPlugin}. Nothing outside the provider's package names the
 * provider: its channels, address rules, message block, settings, route file and beans all come from here.
 * docs/adding-a-provider.md walks through a new one.
 */
public interface ProviderPlugin {

    /** adm, fcm, alexa: the name of its package, work queue, route file and {@code pushrelay.<name>.*} keys. */
    String name();

    /** The Pinpoint channels it serves, each with its address rule. */
    List<ChannelRule> channels();

    /** The block of Pinpoint's MessageConfiguration that is its own: ADMMessage, GCMMessage, AlexaMessage. */
    String messageBlock();

    /**
     * Reads its own fields of one message block into {@code fields}, under the names {@code PushMessage} carries
     * them (flat in JSON): called for DefaultMessage, DefaultPushNotificationMessage, then its own block, each one's
     * fields replacing the earlier's. A bad value is a RejectedRequest whose text names {@code where}
     * ({@code MessageConfiguration.GCMMessage.TimeToLive must be …}); the request package's FieldRules has the rules.
     */
    void readFields(JsonNode block, String where, Map<String, JsonNode> fields) throws RejectedRequest;

    /**
     * Its own keys and their rules, beyond the delivery keys every provider has ({@link ProviderPlugins#DELIVERY}:
     * enabled, base-url, concurrency, batch-size, max-connections, rate-limit, circuit.*, retry.*).
     */
    Map<String, SettingRule> settings();

    /** Defaults of its keys, the delivery keys' included (at least {@code base-url}); application.properties wins. */
    Map<String, String> defaults();

    /**
     * What it cannot run without while enabled and no sandbox stands in: its credentials, each missing one a
     * problem ({@link ProviderPlugins#required} names them).
     */
    List<Problem> credentialsToRun(Settings settings);

    /** Its delivery route, from the jar's routes/ folder. */
    default String routeFile() {
        return "routes/deliver-" + name() + ".camel.yaml";
    }

    /**
     * Binds the beans its route uses ({@code <name>Provider}, {@code <name>Delivery}, {@code <name>Guard}), after
     * the database and broker beans and before the intake's: {@code ProviderWiring.bind} does the common part.
     */
    void bind(CamelContext context, Settings settings) throws Exception;
}
