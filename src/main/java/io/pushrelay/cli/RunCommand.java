package io.pushrelay.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import io.pushrelay.Gateway;
import picocli.CommandLine.Command;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the gateway (the default). Configure with -Dkey=value or PUSHRELAY_* environment variables.")
class RunCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        return new Gateway(Map.of()).run();
    }
}
