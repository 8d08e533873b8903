package dev.redismigrate.core.validation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Redis {@code redis_version} such as {@code 7.0.15}, compared by major, minor, patch. */
public record ServerVersion(int major, int minor, int patch) implements Comparable<ServerVersion> {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");

    /** Null when the text is not a version (a fork may print something else). */
    public static ServerVersion parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        return new ServerVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    public boolean atLeast(int wantedMajor, int wantedMinor) {
        return major > wantedMajor || (major == wantedMajor && minor >= wantedMinor);
    }

    /** Same major.minor line: RDB and command sets only change between lines, never in a patch release. */
    public int compareLine(ServerVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public int compareTo(ServerVersion other) {
        int line = compareLine(other);
        return line != 0 ? line : Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
