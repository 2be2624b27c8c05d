package io.pushrelay.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import io.pushrelay.Gateway;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the gateway (the default). Reads ./application.properties (or --config FILE) over the "
                + "defaults; -Dkey=value and PUSHRELAY_* environment variables win over both.")
class RunCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Read this file instead of ./application.properties (only the keys it sets; the rest keep their defaults).")
    private Path config;

    @Override
    public Integer call() throws Exception {
        return new Gateway(config, Map.of()).run();
    }
}
