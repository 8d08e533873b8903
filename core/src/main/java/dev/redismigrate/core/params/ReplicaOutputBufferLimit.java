package dev.redismigrate.core.params;

import java.util.Locale;

/**
 * {@code client-output-buffer-limit} for the replica class only: {@code replica <hard> <soft> <soft-seconds>}. The
 * other classes (normal, pubsub) belong to the application and are never touched. Redis before 5.0 calls the class
 * {@code slave}; both names are accepted here (the CONFIG SET adapter sends {@code slave}, which every version takes).
 */
final class ReplicaOutputBufferLimit implements SourceParameter {
    static final String NAME = "client-output-buffer-limit";
    private static final long MIN_HARD = 256L * 1024 * 1024;
    private static final long MAX_SOFT_SECONDS = 3600;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultValue() {
        return "replica 2gb 0 0";
    }

    @Override
    public String allowed() {
        return "'replica <hard> <soft> <seconds>' with hard 0 (no limit) or at least 256mb, soft 0 or at most hard,"
                + " seconds 0.." + MAX_SOFT_SECONDS;
    }

    @Override
    public String reason() {
        return "During the snapshot the source keeps every write for us in our replica output buffer. Redis's default"
                + " (256mb hard, 64mb for 60 s soft) is exceeded by a busy source with a large dataset: the source then"
                + " drops the connection and the full sync starts over, forever. 2gb with no soft limit lets a long"
                + " snapshot finish, while a hard limit still protects the source's own memory should the migration"
                + " stall (0 0 0 would let the buffer grow until the source host runs out of memory). Lower it on a"
                + " small source host.";
    }

    @Override
    public ParameterVerdict check(String value) {
        Parsed parsed;
        try {
            parsed = parse(value);
        } catch (IllegalArgumentException e) {
            return ParameterVerdict.invalid(NAME + " = '" + value + "': " + e.getMessage() + "; expected " + allowed());
        }
        if (parsed.hard != 0 && parsed.hard < MIN_HARD) {
            return ParameterVerdict.invalid(NAME + " hard limit " + MemorySize.human(parsed.hard)
                    + " is below Redis's own default of 256mb and would only make a full sync fail sooner");
        }
        if (parsed.hard != 0 && parsed.soft > parsed.hard) {
            return ParameterVerdict.invalid(NAME + " soft limit " + MemorySize.human(parsed.soft)
                    + " is above the hard limit " + MemorySize.human(parsed.hard));
        }
        if (parsed.seconds < 0 || parsed.seconds > MAX_SOFT_SECONDS) {
            return ParameterVerdict.invalid(NAME + " soft seconds " + parsed.seconds + " is outside 0.." + MAX_SOFT_SECONDS);
        }
        if (parsed.hard == 0 && parsed.soft == 0) {
            return ParameterVerdict.risky(NAME + " '" + value + "' sets no limit: if the migration stalls, the source"
                    + " buffers writes for it until its host runs out of memory");
        }
        return ParameterVerdict.ok();
    }

    private record Parsed(long hard, long soft, long seconds) {
    }

    private static Parsed parse(String value) {
        String[] parts = value == null ? new String[0] : value.trim().split("\\s+");
        if (parts.length != 4) {
            throw new IllegalArgumentException("four words are needed");
        }
        String kind = parts[0].toLowerCase(Locale.ROOT);
        if (!kind.equals("replica") && !kind.equals("slave")) {
            throw new IllegalArgumentException("only the replica class is changed, not '" + parts[0] + "'");
        }
        try {
            return new Parsed(MemorySize.parse(parts[1]), MemorySize.parse(parts[2]), Long.parseLong(parts[3]));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + parts[3] + "' is not a number of seconds");
        }
    }
}
