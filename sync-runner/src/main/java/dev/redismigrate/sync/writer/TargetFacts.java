package dev.redismigrate.sync.writer;

import dev.redismigrate.sync.resp.Info;

/**
 * What the writer must know about the target to choose how to write: which RDB version its {@code RESTORE} reads
 * (newer payloads are converted down), and which commands it has. Decided from {@code INFO server}, never by a flag.
 */
public record TargetFacts(String version, int rdbVersion, boolean hasExpireTime, boolean hasPxat) {
    /** From the target's {@code INFO server}. */
    public static TargetFacts of(Info server) {
        String version = server.get("redis_version");
        return of(version == null ? "0.0.0" : version);
    }

    public static TargetFacts of(String version) {
        int[] v = parse(version);
        return new TargetFacts(version, rdbVersion(v[0], v[1]), v[0] >= 7, v[0] >= 7 || v[0] == 6 && v[1] >= 2);
    }

    /** Redis functions ({@code FUNCTION LOAD/FLUSH}) appeared in 7.0. */
    public boolean hasFunctions() {
        return rdbVersion >= 10;
    }

    /** {@code RESTORE ... ABSTTL} and {@code IDLETIME/FREQ} appeared in 5.0. */
    public boolean supported() {
        return rdbVersion >= 9;
    }

    static int rdbVersion(int major, int minor) {
        if (major > 7 || major == 7 && minor >= 4) {
            return 12;
        }
        if (major == 7) {
            return minor >= 2 ? 11 : 10;
        }
        if (major >= 5) {
            return 9;
        }
        if (major == 4) {
            return 8;
        }
        if (major == 3 && minor >= 2) {
            return 7;
        }
        return 6;
    }

    private static int[] parse(String version) {
        String[] parts = version.split("\\.");
        int major = parts.length > 0 ? safe(parts[0]) : 0;
        int minor = parts.length > 1 ? safe(parts[1]) : 0;
        return new int[] {major, minor};
    }

    private static int safe(String s) {
        try {
            return Integer.parseInt(s.replaceAll("[^0-9].*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
