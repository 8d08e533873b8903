package dev.redismigrate.core.validation;

import dev.redismigrate.core.port.CloudChecks;
import dev.redismigrate.core.task.MigrationTask;
import java.util.List;

/** Local mode has no cloud account to ask and runs every shard of a source in one process: every cloud check is SKIPPED, saying so. */
public final class LocalCloudChecks implements CloudChecks {
    static final String REASON = "local mode: no cloud instance to check";

    @Override
    public CloudFindings check(MigrationTask task) {
        return new CloudFindings(List.of(
                Check.CLOUD_SOURCE_VM_RUNNING.skipped(REASON),
                Check.CLOUD_SOURCE_PRIVATE_IP.skipped(REASON),
                Check.CLOUD_SAME_REGION.skipped(REASON),
                Check.CLOUD_TARGET_AVAILABLE.skipped(REASON)), null);
    }

    @Override
    public CheckResult sourceShards(InstanceFacts source) {
        return Check.CLOUD_SOURCE_SHARDS.skipped(REASON);
    }
}
