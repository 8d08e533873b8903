package dev.redismigrate.core.params;

/** A whole number of seconds between {@code min} and {@code max}. */
record SecondsParameter(String name, String defaultValue, long min, long max, String reason) implements SourceParameter {
    @Override
    public String allowed() {
        return min + " to " + max + " seconds";
    }

    @Override
    public ParameterVerdict check(String value) {
        long seconds;
        try {
            seconds = Long.parseLong(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            return ParameterVerdict.invalid(name + " = '" + value + "' is not a whole number of seconds (" + allowed() + ")");
        }
        if (seconds < min || seconds > max) {
            return ParameterVerdict.invalid(name + " = " + value + " is outside the allowed range (" + allowed() + ")");
        }
        return ParameterVerdict.ok();
    }
}
