package io.pushrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PushRelayCliTest {

    private String usage(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new PushRelayCli());
        cli.setOut(new java.io.PrintWriter(new PrintStream(out), true));
        assertThat(cli.execute(args)).isZero();
        return out.toString();
    }

    @Test
    void helpListsTheCommands() {
        assertThat(usage("--help")).contains("run").contains("send");
        assertThat(usage("send", "--help")).contains("FILE").contains("--wait");
    }

    @Test
    void versionNamesTheStack() {
        assertThat(usage("--version")).contains("pushrelay").contains("Camel 4.18.0");
    }
}
