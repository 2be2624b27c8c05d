package io.pushrelay.cli;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import io.pushrelay.config.Settings;
import io.pushrelay.message.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay dead letters: each matching one is sent again to the registry's current address, and "
                + "leaves the dead-letter queue once its new attempt is queued, 50 per transaction. Prints the counts once "
                + "the last is done.")
class ReplayCommand implements Callable<Integer> {

    @Option(names = "--channel", description = "ADM, GCM, ALEXA, APNS, APNS_SANDBOX, APNS_VOIP or APNS_VOIP_SANDBOX")
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

    @Option(names = "--timeout", defaultValue = "300", description = "seconds to wait for the answer, which comes after the last page of 50 (default ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        Settings settings = Settings.load(Map.of());
        String command = Json.write(new io.pushrelay.deadletter.ReplayRequest(channel, reason, requestId, limit, dryRun,
                includePermanent, force));
        return BrokerClient.send(settings, settings.queue("replay"), command, true, Duration.ofSeconds(timeoutSeconds),
                System.out, System.err);
    }
}
