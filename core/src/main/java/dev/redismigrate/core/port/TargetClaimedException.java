package dev.redismigrate.core.port;

/** The target is claimed by another task (rule: a target can be migrated into by one task at a time). */
public class TargetClaimedException extends RuntimeException {
    private final String holderTaskId;

    public TargetClaimedException(String targetAddress, String holderTaskId) {
        super("target " + targetAddress + " is in use by task " + holderTaskId
                + "; finish or cancel that task first (one migration per target at a time)");
        this.holderTaskId = holderTaskId;
    }

    public String holderTaskId() {
        return holderTaskId;
    }
}
