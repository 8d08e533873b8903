package dev.redismigrate.core.params;

import dev.redismigrate.core.validation.CheckLevel;

/** What the catalogue thinks of one requested value: PASS, WARNING (allowed, with a risk) or ERROR, and why. */
public record ParameterVerdict(CheckLevel level, String problem) {
    public static ParameterVerdict ok() {
        return new ParameterVerdict(CheckLevel.PASS, null);
    }

    public static ParameterVerdict risky(String problem) {
        return new ParameterVerdict(CheckLevel.WARNING, problem);
    }

    public static ParameterVerdict invalid(String problem) {
        return new ParameterVerdict(CheckLevel.ERROR, problem);
    }
}
