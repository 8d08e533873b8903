package dev.redismigrate.cli.console;

import java.nio.file.Path;

/** The real console (the same server `redis-migrate console` starts), in this JVM on a free port of 127.0.0.1. */
final class RunningConsole implements AutoCloseable {
    private final String baseUrl;

    private RunningConsole(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    static RunningConsole start(Path stateDir) {
        throw new UnsupportedOperationException("the console server is not merged yet");
    }

    String baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() {
    }
}
