package io.pushrelay.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.broker.QueueDepths;
import io.pushrelay.config.Settings;
import io.pushrelay.deadletter.ReplayRequest;
import io.pushrelay.deadletter.ReplayResult;
import io.pushrelay.message.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay dead letters: each matching one is sent again to the registry's current address, and "
                + "leaves the dead-letter queue once its new attempt is queued, 50 per transaction. Prints the counts once "
                + "the last is done, and how many are left on the dead-letter queue every 5 s until then (on stderr).")
class ReplayCommand implements Callable<Integer> {

    @ParentCommand
    PushRelayCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--channel", description = "ADM, GCM or ALEXA")
    String channel;

    @Option(names = "--reason", description = "the dead letters' Reason, e.g. MaxRateExceeded, UNAVAILABLE, Timeout")
    String reason;

    @Option(names = "--request-id", description = "only this request's dead letters")
    String requestId;

    @Option(names = "--limit", description = "at most this many dead letters")
    Integer limit;

    @Option(names = "--dry-run", description = "count what would be replayed, move nothing")
    boolean dryRun;

    @Option(names = "--include-permanent", description = "replay permanent failures too")
    boolean includePermanent;

    @Option(names = "--force", description = "replay to endpoints the registry holds as INACTIVE too")
    boolean force;

    @Option(names = "--json", description = "print the answer as JSON: {\"Matched\", \"Replayed\", \"Skipped\", "
            + "\"SkippedBecause\", \"DryRun\"} (with --dry-run, Replayed counts what would be replayed)")
    boolean json;

    @Option(names = "--timeout", defaultValue = "300", description = "seconds to wait for the answer, which comes after the last page of 50 (default ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        Settings settings = cli.settings();
        String command = Json.write(new ReplayRequest(channel, reason, requestId, limit, dryRun, includePermanent, force));
        String deadLetters = settings.queue("dead-letters");
        try (BrokerClient broker = new BrokerClient(settings)) {
            QueueDepths depths = new QueueDepths(broker.factory(), Duration.ofSeconds(10));
            long before = depths.of(deadLetters).getOrDefault(deadLetters, 0L);
            Optional<String> reply = broker.request(settings.queue("replay"), command,
                    Duration.ofSeconds(timeoutSeconds), spec.commandLine().getErr(), waited -> spec.commandLine()
                            .getErr().println((dryRun ? "still counting" : "replaying: " + depths.of(deadLetters)
                                    .getOrDefault(deadLetters, 0L) + " of " + before + " dead letters left on " + deadLetters)
                                    + " (" + waited.toSeconds() + " s)"));
            JsonNode answer = Replies.awaited(reply, timeoutSeconds);
            if (json || Replies.rejection(answer).isPresent()) {
                return Replies.print(answer, true, spec.commandLine());
            }
            spec.commandLine().getOut().println(summary(Json.MAPPER.treeToValue(answer, ReplayResult.class)));
            return 0;
        }
    }

    /** The answer in words: a dry run says what would happen. */
    static String summary(ReplayResult result) {
        String skippedBecause = result.skippedBecause() == null || result.skippedBecause().isEmpty() ? ""
                : result.skippedBecause().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining(", ", " (", ")"));
        String counts = result.replayed() + " of " + result.matched() + " matching dead letters; ";
        return result.dryRun()
                ? "dry run, nothing moved: would replay " + counts + "would skip " + result.skipped() + skippedBecause
                : "replayed " + counts + "skipped " + result.skipped() + skippedBecause;
    }
}
