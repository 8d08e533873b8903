package dev.redismigrate.core.validation.checks;

import dev.redismigrate.core.validation.Check;
import dev.redismigrate.core.validation.CheckResult;
import dev.redismigrate.core.validation.InstanceFacts;
import dev.redismigrate.core.validation.ServerVersion;
import dev.redismigrate.core.validation.Side;
import java.util.ArrayList;
import java.util.List;

/** Which versions can be migrated, and whether the target can hold what the source has. */
public final class VersionChecks {
    private static final ServerVersion STREAMS = new ServerVersion(5, 0, 0);
    private static final ServerVersion HASH_FIELD_TTL = new ServerVersion(7, 4, 0);
    private static final ServerVersion VECTOR_SETS = new ServerVersion(8, 0, 0);

    private VersionChecks() {
    }

    public static CheckResult source(InstanceFacts source) {
        return EveryPrimary.judge(Check.SOURCE_VERSION, Side.SOURCE, source, VersionChecks::sourceOf);
    }

    private static CheckResult sourceOf(InstanceFacts source) {
        Check check = Check.SOURCE_VERSION;
        var skipped = Prerequisite.unusable(check, Side.SOURCE, source);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        ServerVersion v = source.version();
        if (v == null) {
            return check.warning("The source did not report a recognisable redis_version. The migration is built"
                    + " for Redis 2.8 and later and may fail on anything else. Proceed only if the source is a"
                    + " Redis-compatible server.");
        }
        if (!v.atLeast(2, 8)) {
            return check.error("The source runs Redis " + v + ". Redis before 2.8 has no PSYNC and an older"
                    + " replication handshake, so it cannot be migrated online. Upgrade the source to 2.8 or later.");
        }
        if (v.major() == 3 && v.minor() == 2) {
            return check.pass("The source runs Redis " + v + ": supported (3.2 snapshots are read like any other,"
                    + " unlike the vendor's tool).");
        }
        return check.pass("The source runs Redis " + v + " (2.8 and later are supported).");
    }

    public static CheckResult target(InstanceFacts source, InstanceFacts target) {
        return EveryPrimary.judge(Check.TARGET_VERSION, target, t -> targetOf(source, t));
    }

    private static CheckResult targetOf(InstanceFacts source, InstanceFacts target) {
        Check check = Check.TARGET_VERSION;
        if (target.usable() && target.version() != null && !target.version().atLeast(5, 0)) {
            return check.error("The target runs Redis " + target.version() + ". The sync writes with RESTORE ..."
                    + " ABSTTL and other commands of Redis 5.0, so it cannot write into an older server. Use a target"
                    + " of Redis 5.0 or later (the same version as the source or newer is best).");
        }
        var skipped = Prerequisite.unusable(check, source, target);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        if (source.version() == null || target.version() == null) {
            return check.skipped("not checked: a side did not report its version");
        }
        if (target.version().compareLine(source.version()) < 0) {
            return check.warning("The target runs Redis " + target.version() + ", older than the source's "
                    + source.version() + ". An older server cannot load a newer snapshot format, so the sync rewrites"
                    + " every value as commands (slower), and what the target lacks is refused (see"
                    + " target.data-types). Prefer a target of " + source.version().major() + "."
                    + source.version().minor() + " or later.");
        }
        return check.pass("The target runs Redis " + target.version() + ", not older than the source's "
                + source.version() + ".");
    }

    public static CheckResult dataTypes(InstanceFacts source, InstanceFacts target) {
        return EveryPrimary.judge(Check.TARGET_DATA_TYPES, target, t -> dataTypesOf(source, t));
    }

    private static CheckResult dataTypesOf(InstanceFacts source, InstanceFacts target) {
        Check check = Check.TARGET_DATA_TYPES;
        var skipped = Prerequisite.unusable(check, source, target);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        InstanceFacts.DataTypes types = source.dataTypes();
        ServerVersion tv = target.version();
        if (types == null || tv == null) {
            return check.skipped("not checked: the source's data types or the target's version are unknown");
        }
        List<String> errors = new ArrayList<>();
        if (types.streamsFound() && tv.compareTo(STREAMS) < 0) {
            errors.add("The source holds streams, but the target runs Redis " + tv + ", which has no stream type"
                    + " (5.0+).");
        }
        if (types.vectorSetsFound() && tv.compareTo(VECTOR_SETS) < 0) {
            errors.add("The source holds vector sets, but the target runs Redis " + tv + ", which has none (8.0+).");
        }
        if (types.hashesWithFieldTtl() > 0 && tv.compareTo(HASH_FIELD_TTL) < 0) {
            errors.add("The source holds " + types.hashesWithFieldTtl() + " hash(es) with field TTLs (HEXPIRE), but"
                    + " the target runs Redis " + tv + ", which has none (7.4+).");
        }
        if (!errors.isEmpty()) {
            return check.error(String.join(" ", errors) + " Those keys cannot be written and the sync would fail."
                    + " Use a target of a version that has them, or remove those keys from the source first.");
        }
        if (!types.typeScanComplete()) {
            ServerVersion sv = source.version();
            List<String> unsure = new ArrayList<>();
            if ((sv == null || sv.compareTo(STREAMS) >= 0) && tv.compareTo(STREAMS) < 0) {
                unsure.add("stream");
            }
            if ((sv == null || sv.compareTo(VECTOR_SETS) >= 0) && tv.compareTo(VECTOR_SETS) < 0) {
                unsure.add("vectorset");
            }
            if (!unsure.isEmpty()) {
                return check.warning("The search for " + String.join(" and ", unsure) + " keys on the source ran out"
                        + " of its time budget before the end, and found none so far. A key of a type the target"
                        + " (Redis " + tv + ") lacks cannot be written and would stop the sync. Make sure the source"
                        + " holds none (redis-cli --scan --type " + unsure.get(0) + "), or use a newer target.");
            }
        }
        return check.pass("The target can hold every data type found on the source.");
    }
}
