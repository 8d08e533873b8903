package dev.redismigrate.core.params;

import dev.redismigrate.core.task.ParameterSetting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The parameters a migration sets on the source while it runs (and restores at the end), with defaults chosen for
 * migration speed and safety. docs/validation.md lists them with their reasons.
 */
public final class ParameterCatalogue {
    private static final long MB = 1024L * 1024;
    private static final long GB = 1024 * MB;

    private static final List<SourceParameter> ALL = List.of(
            new ReplicaOutputBufferLimit(),
            new SizeParameter("repl-backlog-size", "256mb", MB, 16 * GB,
                    "The backlog holds the most recent writes so that a replica that reconnects after a short break"
                            + " (a network blip, a restarted migration process) continues with PSYNC where it left off."
                            + " Redis's default of 1mb covers well under a second of a busy source; when the gap is"
                            + " larger than the backlog the whole dataset is sent again. 256mb covers minutes of"
                            + " typical write traffic at a memory cost the source pays once."),
            new SecondsParameter("repl-timeout", "300", 60, 3600,
                    "The source drops a replica that stays silent for this long. A migration that writes into a"
                            + " remote or busy target can stall for tens of seconds (a large key, a slow network);"
                            + " being dropped means a new full sync of everything. 300 s gives that slack; a dead"
                            + " migration is still noticed within minutes."),
            new SecondsParameter("repl-diskless-sync-delay", "0", 0, 60,
                    "With diskless replication (the default since Redis 7.0) the source waits this long before it"
                            + " streams a snapshot, so that more replicas can share it. Redis's default of 5 s is"
                            + " pure waiting for a migration, most of the time of a small one; 0 starts the snapshot"
                            + " at once. Other replicas that need a full sync meanwhile each get their own transfer."));

    private ParameterCatalogue() {
    }

    public static List<SourceParameter> all() {
        return ALL;
    }

    /** Every parameter at its default, as a task starts out. */
    public static List<ParameterSetting> defaults() {
        return ALL.stream().map(p -> ParameterSetting.requested(p.name(), p.defaultValue())).toList();
    }

    /**
     * The defaults, each replaced by the override of the same name (case-insensitive); an override of an unknown name
     * is kept, so that the "parameters in range" check reports it rather than it being dropped silently.
     */
    public static List<ParameterSetting> defaultsWith(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>();
        ALL.forEach(p -> merged.put(p.name(), p.defaultValue()));
        overrides.forEach((name, value) -> merged.put(find(name).map(SourceParameter::name).orElse(name), value));
        return merged.entrySet().stream().map(e -> ParameterSetting.requested(e.getKey(), e.getValue())).toList();
    }

    /** Case-insensitive, like CONFIG SET. */
    public static Optional<SourceParameter> find(String name) {
        String wanted = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(p -> p.name().equals(wanted)).findFirst();
    }

    /** An unknown name is an ERROR: the tool only ever changes the parameters it knows how to restore. */
    public static ParameterVerdict check(String name, String value) {
        return find(name)
                .map(p -> p.check(value))
                .orElseGet(() -> ParameterVerdict.invalid("'" + name + "' is not a parameter the migration sets (known: "
                        + ALL.stream().map(SourceParameter::name).collect(Collectors.joining(", ")) + ")"));
    }
}
