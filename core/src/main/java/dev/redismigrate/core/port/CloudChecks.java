package dev.redismigrate.core.port;

import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.validation.Check;
import dev.redismigrate.core.validation.CloudFindings;

/**
 * The checks only a cloud account can answer: {@link Check#CLOUD_SOURCE_VM_RUNNING},
 * {@link Check#CLOUD_SOURCE_PRIVATE_IP}, {@link Check#CLOUD_SAME_REGION} and {@link Check#CLOUD_TARGET_AVAILABLE}, one
 * result each, in that order, and what the cloud knows about a managed target (for the lock decision). Local mode
 * skips them all ({@code validation.LocalCloudChecks}).
 */
public interface CloudChecks {
    CloudFindings check(MigrationTask task);
}
