package io.pushrelay.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.pushrelay.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Put a JSON file on a queue of the broker at pushrelay.broker.url: a send request on the requests "
                + "queue, or an operation on endpoints, groups, campaigns or replay.")
class SendCommand implements Callable<Integer> {

    static final List<String> QUEUES = List.of("requests", "endpoints", "groups", "campaigns", "replay");

    @Parameters(paramLabel = "FILE", description = "the request as JSON (see examples/)")
    Path file;

    @Option(names = "--wait", description = "wait for the reply and print it")
    boolean await;

    @Option(names = "--queue", defaultValue = "requests", paramLabel = "QUEUE",
            description = "requests (default), endpoints, groups, campaigns or replay")
    String queue;

    @Option(names = "--timeout", defaultValue = "60", description = "seconds to wait for the reply (default ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        if (!QUEUES.contains(queue)) {
            System.err.println("pushrelay: --queue must be one of " + String.join(", ", QUEUES) + ", not " + queue);
            return 2;
        }
        Settings settings = Settings.load(Map.of());
        return BrokerClient.send(settings, settings.queue(queue), Files.readString(file, StandardCharsets.UTF_8), await,
                Duration.ofSeconds(timeoutSeconds), System.out, System.err);
    }
}
