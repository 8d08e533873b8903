package dev.redismigrate.core.port;

import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.validation.Check;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.CloudFindings;
import dev.redismigrate.core.validation.InstanceFacts;

/**
 * The checks only a cloud account can answer: {@link Check#CLOUD_SOURCE_VM_RUNNING},
 * {@link Check#CLOUD_SOURCE_PRIVATE_IP}, {@link Check#CLOUD_SAME_REGION} and {@link Check#CLOUD_TARGET_AVAILABLE}, one
 * result each, in that order, and what the cloud knows about a managed target (for the lock decision); and what only
 * the cloud's way of running the sync limits, {@link Check#CLOUD_SOURCE_SHARDS}. Local mode skips them all
 * ({@code validation.LocalCloudChecks}).
 */
public interface CloudChecks {
    CloudFindings check(MigrationTask task);

    /** {@link Check#CLOUD_SOURCE_SHARDS}, once the source has been probed. */
    CheckResult sourceShards(InstanceFacts source);
}
