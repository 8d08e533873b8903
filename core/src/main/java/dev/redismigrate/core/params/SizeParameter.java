package dev.redismigrate.core.params;

/** A memory size between {@code min} and {@code max} bytes. */
record SizeParameter(String name, String defaultValue, long min, long max, String reason) implements SourceParameter {
    @Override
    public String allowed() {
        return MemorySize.human(min) + " to " + MemorySize.human(max) + ", written like 256mb or 1gb";
    }

    @Override
    public ParameterVerdict check(String value) {
        long bytes;
        try {
            bytes = MemorySize.parse(value);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return ParameterVerdict.invalid(name + " = '" + value + "' is not a memory size (" + allowed() + ")");
        }
        if (bytes < min || bytes > max) {
            return ParameterVerdict.invalid(name + " = " + value + " is outside the allowed range (" + allowed() + ")");
        }
        return ParameterVerdict.ok();
    }
}
