package io.pushrelay.cli;

import io.pushrelay.config.InvalidSettingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar pushrelay.jar [run|send|…]}: with no command it runs the gateway. */
@Command(name = "pushrelay", mixinStandardHelpOptions = true, versionProvider = PushRelayCli.Version.class,
        description = "Push-notification gateway for Amazon Device Messaging, FCM HTTP v1 and Alexa.",
        subcommands = {RunCommand.class, SendCommand.class, ReplayCommand.class,
                CommandLine.HelpCommand.class})
public class PushRelayCli implements java.util.concurrent.Callable<Integer> {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        CommandLine cli = new CommandLine(new PushRelayCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof InvalidSettingException || e.getCause() instanceof InvalidSettingException) {
                commandLine.getErr().println("pushrelay: " + (e instanceof InvalidSettingException ? e : e.getCause()).getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
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
