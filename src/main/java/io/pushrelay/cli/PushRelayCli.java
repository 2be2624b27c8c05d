package io.pushrelay.cli;

import java.io.PrintWriter;
import java.util.Map;

import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;

import io.pushrelay.config.InvalidSettingException;
import io.pushrelay.config.Settings;
import org.apache.activemq.artemis.api.core.ActiveMQConnectionTimedOutException;
import org.apache.activemq.artemis.api.core.ActiveMQNotConnectedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar pushrelay.jar [run|send|…]}: with no command it runs the gateway. */
@Command(name = "pushrelay", mixinStandardHelpOptions = true, versionProvider = PushRelayCli.Version.class,
        description = "Push-notification gateway for Amazon Device Messaging, FCM HTTP v1 and Alexa.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the gateway answered with an error or a rejection, or did not answer",
                "2:bad usage (options, settings, files)", "3:the broker at pushrelay.broker.url cannot be reached"},
        subcommands = {RunCommand.class, SendCommand.class, ReplayCommand.class, BrowseCommand.class,
                StatsCommand.class, CommandLine.HelpCommand.class})
public class PushRelayCli implements java.util.concurrent.Callable<Integer> {

    private final Map<String, String> overrides;
    private Settings settings;

    PushRelayCli(Map<String, String> overrides) {
        this.overrides = overrides;
    }

    public static void main(String[] args) {
        System.exit(execute(Map.of(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs a command with these settings over the loaded ones (tests point it at their gateway) and these streams. */
    static int execute(Map<String, String> overrides, PrintWriter out, PrintWriter err, String... args) {
        PushRelayCli root = new PushRelayCli(overrides);
        CommandLine cli = new CommandLine(root);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            CommandFailure failure = root.failure(e);
            if (failure == null) {
                throw e;
            }
            commandLine.getErr().println("pushrelay: " + failure.getMessage());
            return failure.exitCode();
        });
        return cli.execute(args);
    }

    /** The settings every command reads, resolved once. */
    Settings settings() {
        if (settings == null) {
            settings = Settings.load(overrides);
        }
        return settings;
    }

    /** What a user's mistake or an unreachable broker means for the user, in one line; null for a defect. */
    private CommandFailure failure(Exception e) {
        if (e instanceof CommandFailure failure) {
            return failure;
        }
        if (e instanceof InvalidSettingException || e.getCause() instanceof InvalidSettingException) {
            return new CommandFailure(CommandFailure.BAD_USAGE,
                    (e instanceof InvalidSettingException ? e : e.getCause()).getMessage());
        }
        if (e instanceof InvalidSelectorException) {
            return new CommandFailure(CommandFailure.BAD_USAGE, "the selector is not valid: " + e.getMessage());
        }
        if (e instanceof JMSSecurityException) {
            return new CommandFailure(CommandFailure.BAD_USAGE, "the broker at " + settings().get("pushrelay.broker.url")
                    + " refused pushrelay.broker.user/password: " + e.getMessage());
        }
        for (Throwable cause = e; cause != null; cause = cause instanceof JMSException jms && jms.getLinkedException() != null
                ? jms.getLinkedException() : cause.getCause()) {
            if (cause instanceof ActiveMQNotConnectedException || cause instanceof ActiveMQConnectionTimedOutException) {
                return new CommandFailure(CommandFailure.BROKER_UNREACHABLE, "the gateway's broker is not reachable at "
                        + settings().get("pushrelay.broker.url") + " (pushrelay.broker.url; is the gateway running?)");
            }
        }
        return null;
    }

    @Override
    public Integer call() throws Exception {
        return new RunCommand().call();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = PushRelayCli.class.getPackage().getImplementationVersion();
            return new String[] {"pushrelay " + (version == null ? "(development build)" : version),
                    "Apache Camel 4.18.0, ActiveMQ Artemis 2.44.0, Java " + System.getProperty("java.version")};
        }
    }
}
