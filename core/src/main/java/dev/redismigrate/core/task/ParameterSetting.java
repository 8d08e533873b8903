package dev.redismigrate.core.task;

/**
 * One source parameter the migration changes: the value asked for, and the value it had before (recorded just before
 * the change, null until then) so that it can be put back. {@code applied} says the change is in effect.
 */
public record ParameterSetting(String name, String requested, String previous, boolean applied) {
    public static ParameterSetting requested(String name, String value) {
        return new ParameterSetting(name, value, null, false);
    }

    public ParameterSetting appliedOver(String previousValue) {
        return new ParameterSetting(name, requested, previousValue, true);
    }

    public ParameterSetting restored() {
        return new ParameterSetting(name, requested, previous, false);
    }
}
