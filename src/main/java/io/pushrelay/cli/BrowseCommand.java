package io.pushrelay.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushrelay.broker.MessageBrowsing;
import io.pushrelay.message.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "browse", mixinStandardHelpOptions = true,
        description = "Print the messages of the results, dead-letters or invalid queue as JSON lines, oldest first, "
                + "without taking them off the queue: {\"MessageId\", \"Timestamp\", \"Properties\", \"Body\"} (Body "
                + "as JSON when it is JSON, else as a string).")
class BrowseCommand implements Callable<Integer> {

    static final List<String> QUEUES = List.of("results", "dead-letters", "invalid");

    @ParentCommand
    PushRelayCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "QUEUE", description = "results, dead-letters or invalid")
    String queue;

    @Option(names = "--selector", paramLabel = "S", description = "a JMS message selector on the properties, e.g. "
            + "\"Reason = 'Unregistered'\", \"ChannelType = 'GCM' AND Retryable = 'true'\", \"RequestId = 'r-1'\"")
    String selector;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "print at most N messages (default ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--follow", description = "keep printing new messages as they arrive, until interrupted or N were printed")
    boolean follow;

    @Override
    public Integer call() throws Exception {
        CommandFailure.requireOneOf("QUEUE", QUEUES, queue);
        if (limit < 1) {
            throw new CommandFailure(CommandFailure.BAD_USAGE, "--limit must be at least 1, not " + limit);
        }
        try (BrokerClient broker = new BrokerClient(cli.settings())) {
            MessageBrowsing browsing = new MessageBrowsing(broker.factory());
            String name = cli.settings().queue(queue);
            if (follow) {
                browsing.follow(name, selector, limit, Duration.ofMillis(500), this::print);
            } else {
                browsing.browse(name, selector, limit).forEach(this::print);
            }
        }
        return 0;
    }

    private void print(MessageBrowsing.Browsed message) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("MessageId", message.messageId());
        line.put("Timestamp", message.timestamp().toString());
        line.set("Properties", Json.MAPPER.valueToTree(message.properties()));
        line.set("Body", body(message.body()));
        spec.commandLine().getOut().println(line);
        spec.commandLine().getOut().flush();
    }

    private static JsonNode body(String body) {
        if (body == null) {
            return Json.MAPPER.nullNode();
        }
        try {
            JsonNode tree = Json.MAPPER.readTree(body);
            return tree.isMissingNode() ? Json.MAPPER.getNodeFactory().textNode(body) : tree;
        } catch (JsonProcessingException e) {
            return Json.MAPPER.getNodeFactory().textNode(body);
        }
    }
}
