package dev.redismigrate.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** What every cloud command about one task takes: the task, and where the deployed stack is. */
final class CloudTaskArguments {
    @Parameters(paramLabel = "TASK", description = "Task id or unique name.")
    private String taskIdOrName;

    @Mixin
    private CloudOptions cloud;

    String task() {
        return taskIdOrName;
    }

    CloudOptions cloud() {
        return cloud;
    }
}
