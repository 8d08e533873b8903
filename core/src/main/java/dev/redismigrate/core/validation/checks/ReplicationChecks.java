package dev.redismigrate.core.validation.checks;

import dev.redismigrate.core.validation.Check;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.InstanceFacts;
import dev.redismigrate.core.validation.InstanceFacts.CommandAccess;
import dev.redismigrate.core.validation.Side;

/** Can the migration replicate from the source, and can it write to the target. */
public final class ReplicationChecks {
    private ReplicationChecks() {
    }

    public static CheckResult syncAllowed(InstanceFacts source) {
        return EveryPrimary.judge(Check.SOURCE_SYNC_ALLOWED, Side.SOURCE, source, ReplicationChecks::syncAllowedOf);
    }

    private static CheckResult syncAllowedOf(InstanceFacts source) {
        Check check = Check.SOURCE_SYNC_ALLOWED;
        var skipped = Prerequisite.unusable(check, Side.SOURCE, source);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        InstanceFacts.SyncAccess access = source.replication();
        if (access == null) {
            return check.skipped("not checked: the probe did not look at replication permissions");
        }
        String user = access.user() == null ? "" : " for user '" + access.user() + "'";
        if (access.psync() == CommandAccess.ALLOWED) {
            return check.pass("The source lets us run PSYNC" + user + ".");
        }
        if (access.psync() == CommandAccess.UNKNOWN) {
            return check.warning("Could not tell whether the source allows PSYNC" + user + ": this user may not run"
                    + " ACL DRYRUN. If PSYNC and SYNC are denied, the migration fails when it starts. Make sure the"
                    + " user has +psync +sync +replconf, or validate as a user that may run ACL DRYRUN.");
        }
        if (access.sync() == CommandAccess.ALLOWED) {
            return check.warning("PSYNC is " + describe(access.psync()) + " on the source" + user + ", SYNC is"
                    + " allowed. The migration falls back to SYNC, which cannot resume: every reconnect copies the"
                    + " whole dataset again. " + remedy(access));
        }
        if (access.sync() == CommandAccess.UNKNOWN) {
            return check.warning("PSYNC is " + describe(access.psync()) + " on the source" + user + " and it is"
                    + " unknown whether SYNC is allowed. Without either the migration cannot start. " + remedy(access));
        }
        return check.error("PSYNC is " + describe(access.psync()) + " and SYNC is " + describe(access.sync())
                + " on the source" + user + ". The migration reads the source as a replica does, so it cannot"
                + " start. " + remedy(access));
    }

    public static CheckResult loading(InstanceFacts source) {
        return EveryPrimary.judge(Check.SOURCE_LOADING, Side.SOURCE, source, ReplicationChecks::loadingOf);
    }

    private static CheckResult loadingOf(InstanceFacts source) {
        Check check = Check.SOURCE_LOADING;
        var skipped = Prerequisite.unusable(check, Side.SOURCE, source);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        if (source.loading()) {
            return check.error("The source is loading its dataset (it restarted recently). Until it has loaded it"
                    + " refuses to replicate. Wait until 'INFO persistence' shows loading:0, then validate again.");
        }
        return check.pass("The source is not loading its dataset.");
    }

    public static CheckResult sourceRole(InstanceFacts source) {
        return EveryPrimary.judge(Check.SOURCE_ROLE, Side.SOURCE, source, ReplicationChecks::sourceRoleOf);
    }

    private static CheckResult sourceRoleOf(InstanceFacts source) {
        Check check = Check.SOURCE_ROLE;
        var skipped = Prerequisite.unusable(check, Side.SOURCE, source);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        InstanceFacts.Role role = source.role();
        if (role == null) {
            return check.skipped("not checked: the source did not report its role");
        }
        if (!role.replica()) {
            return check.pass("The source is a master.");
        }
        if (!role.linkUp()) {
            return check.error("The source is a replica of " + role.master() + " and is not connected to it. A"
                    + " replica cut off from its master refuses to replicate further. Reconnect it to "
                    + role.master() + ", or migrate from " + role.master() + " itself.");
        }
        return check.pass("The source is a replica of " + role.master() + " with a live link: the migration copies"
                + " what it receives from there.");
    }

    public static CheckResult targetRole(InstanceFacts target) {
        return EveryPrimary.judge(Check.TARGET_ROLE, target, t -> targetRoleOf(t));
    }

    private static CheckResult targetRoleOf(InstanceFacts target) {
        Check check = Check.TARGET_ROLE;
        var skipped = Prerequisite.unusable(check, Side.TARGET, target);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        InstanceFacts.Role role = target.role();
        if (role == null) {
            return check.skipped("not checked: the target did not report its role");
        }
        if (role.replica()) {
            return check.error("The target is a " + (role.readOnly() ? "read-only " : "") + "replica of "
                    + role.master() + ". " + (role.readOnly() ? "It refuses our writes, and its" : "Its")
                    + " master would overwrite whatever we write at its next resync. Give the master (primary)"
                    + " endpoint, or make this one a master with REPLICAOF NO ONE.");
        }
        return check.pass("The target is a master.");
    }

    private static String describe(CommandAccess access) {
        return switch (access) {
            case DENIED -> "denied by ACL";
            case RENAMED -> "renamed or disabled (rename-command)";
            case ALLOWED -> "allowed";
            case UNKNOWN -> "of unknown permission";
        };
    }

    private static String remedy(InstanceFacts.SyncAccess access) {
        boolean renamed = access.psync() == CommandAccess.RENAMED || access.sync() == CommandAccess.RENAMED;
        boolean denied = access.psync() == CommandAccess.DENIED || access.sync() == CommandAccess.DENIED;
        StringBuilder fix = new StringBuilder();
        if (denied) {
            fix.append("Allow them: ACL SETUSER ").append(access.user() == null ? "<user>" : access.user())
                    .append(" +psync +sync +replconf.");
        }
        if (renamed) {
            fix.append(denied ? " " : "").append("Remove 'rename-command PSYNC/SYNC' from the source's redis.conf"
                    + " (needs a restart).");
        }
        return fix.toString();
    }
}
