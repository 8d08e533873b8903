package dev.redismigrate.core.port;

import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.validation.Check;
import dev.redismigrate.core.validation.CheckResult;
import java.util.List;

/**
 * The checks only a cloud account can answer: {@link Check#CLOUD_SOURCE_VM_RUNNING},
 * {@link Check#CLOUD_SOURCE_PRIVATE_IP}, {@link Check#CLOUD_SAME_REGION} and {@link Check#CLOUD_TARGET_AVAILABLE}, one
 * result each, in that order. Local mode skips them all ({@code validation.LocalCloudChecks}).
 */
public interface CloudChecks {
    List<CheckResult> check(MigrationTask task);
}
