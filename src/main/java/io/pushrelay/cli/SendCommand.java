package io.pushrelay.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.pushrelay.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Put a JSON file on a queue of the broker at pushrelay.broker.url: a send request on the requests "
                + "queue, or an operation on endpoints, groups, campaigns or replay. Exits 0 once it is on the queue "
                + "(with --wait: once the gateway answered), 1 when the gateway's answer is a rejection "
                + "({\"Reason\", \"ReasonText\"}) or no answer came in time.")
class SendCommand implements Callable<Integer> {

    static final List<String> QUEUES = List.of("requests", "endpoints", "groups", "campaigns", "replay");

    @ParentCommand
    PushRelayCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the request as JSON (see examples/)")
    Path file;

    @Option(names = "--wait", description = "wait for the reply and print it")
    boolean await;

    @Option(names = "--json", description = "with --wait: print the reply as the gateway sent it, on one line")
    boolean json;

    @Option(names = "--queue", defaultValue = "requests", paramLabel = "QUEUE",
            description = "requests (default), endpoints, groups, campaigns or replay")
    String queue;

    @Option(names = "--timeout", defaultValue = "60", description = "seconds to wait for the reply (default ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        CommandFailure.requireOneOf("--queue", QUEUES, queue);
        String body = read(file);
        Settings settings = cli.settings();
        try (BrokerClient broker = new BrokerClient(settings)) {
            if (!await) {
                broker.send(settings.queue(queue), body, spec.commandLine().getErr());
                return 0;
            }
            Optional<String> reply = broker.request(settings.queue(queue), body, Duration.ofSeconds(timeoutSeconds),
                    spec.commandLine().getErr(), waited -> spec.commandLine().getErr()
                            .println("waiting for the reply (" + waited.toSeconds() + " s)"));
            return Replies.print(Replies.awaited(reply, timeoutSeconds), json, spec.commandLine());
        }
    }

    /** The file's text; a file that is missing or unreadable is the user's mistake, told in one line. */
    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CommandFailure(CommandFailure.BAD_USAGE, "there is no file " + file.toAbsolutePath());
        } catch (IOException e) {
            throw new CommandFailure(CommandFailure.BAD_USAGE, "cannot read " + file.toAbsolutePath() + ": " + e);
        }
    }
}
