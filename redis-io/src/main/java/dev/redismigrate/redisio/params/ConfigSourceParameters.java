package dev.redismigrate.redisio.params;

import dev.redismigrate.core.port.SourceParameters;
import dev.redismigrate.core.task.ParameterSetting;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.redisio.RedisConnections;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Source parameters with {@code CONFIG GET} / {@code CONFIG SET}. A source that refuses CONFIG (denied by its ACL,
 * renamed or disabled), does not know a parameter, or rejects a value is reported in {@link Applied#warnings()} and
 * left as it is: the migration proceeds with the source's own settings. Only a connection that fails throws.
 */
public final class ConfigSourceParameters implements SourceParameters {
    private static final String ROLE = "source";

    private final RedisConnections connections;

    public ConfigSourceParameters(RedisConnections connections) {
        this.connections = connections;
    }

    @Override
    public Applied apply(SourceSpec source, List<ParameterSetting> requested, Consumer<List<ParameterSetting>> recorded) {
        if (requested.isEmpty()) {
            return new Applied(requested, List.of());
        }
        return connections.call(ROLE, source.endpoint(), redis -> {
            List<String> warnings = new ArrayList<>();
            List<ParameterSetting> intended = new ArrayList<>();
            for (ParameterSetting setting : requested) {
                if (setting.applied()) {
                    intended.add(setting);
                    continue;
                }
                Optional<String> previous;
                try {
                    previous = previous(redis, setting, warnings);
                } catch (JedisDataException e) {
                    warnings.add(configUnavailable("CONFIG GET", e));
                    return new Applied(requested, warnings);
                }
                intended.add(previous.map(setting::appliedOver).orElse(setting));
            }
            recorded.accept(intended);
            return new Applied(set(redis, requested, intended, warnings), warnings);
        });
    }

    @Override
    public Applied restore(SourceSpec source, List<ParameterSetting> settings) {
        if (settings.stream().noneMatch(ParameterSetting::applied)) {
            return new Applied(settings, List.of());
        }
        return connections.call(ROLE, source.endpoint(), redis -> {
            List<String> warnings = new ArrayList<>();
            List<ParameterSetting> outcome = new ArrayList<>();
            String unavailable = null;
            for (ParameterSetting setting : settings) {
                if (!setting.applied() || unavailable != null) {
                    outcome.add(setting);
                    continue;
                }
                try {
                    configSet(redis, setting.name(), setting.previous());
                    outcome.add(setting.restored());
                } catch (JedisDataException e) {
                    outcome.add(setting);
                    if (isConfigUnavailable(e)) {
                        unavailable = e.getMessage();
                    } else {
                        warnings.add("the source refused to restore " + setting.name() + " to '" + setting.previous()
                                + "': " + e.getMessage() + "; set it back by hand");
                    }
                }
            }
            if (unavailable != null) {
                warnings.add("CONFIG SET is no longer available on the source (" + unavailable + "); set back by hand: "
                        + String.join(", ", outcome.stream().filter(ParameterSetting::applied)
                                .map(s -> s.name() + " '" + s.previous() + "'").toList()));
            }
            return new Applied(outcome, warnings);
        });
    }

    /** The value to put back later, or empty (with a warning) when the parameter cannot be changed here. */
    private static Optional<String> previous(Jedis redis, ParameterSetting setting, List<String> warnings) {
        Map<String, String> found = redis.configGet(setting.name());
        String current = found.containsKey(setting.name()) ? found.get(setting.name())
                : found.size() == 1 ? found.values().iterator().next() : null;
        if (current == null) {
            warnings.add("the source does not know the parameter " + setting.name() + " (older Redis); left unchanged");
            return Optional.empty();
        }
        Optional<String> previous = ConfigValues.previous(setting.name(), setting.requested(), current);
        if (previous.isEmpty()) {
            warnings.add("'" + setting.requested() + "' is not a value for " + setting.name()
                    + " (expected groups of: class hard-limit soft-limit seconds); left unchanged");
        }
        return previous;
    }

    /**
     * Sets every intended change. One that the source rejects is left out, unless it was applied by an earlier
     * attempt: then it stays marked applied, so that restoring puts the old value back whatever happened before.
     */
    private static List<ParameterSetting> set(Jedis redis, List<ParameterSetting> requested,
                                              List<ParameterSetting> intended, List<String> warnings) {
        List<ParameterSetting> outcome = new ArrayList<>();
        boolean configUsable = true;
        for (int i = 0; i < intended.size(); i++) {
            ParameterSetting setting = intended.get(i);
            boolean appliedBefore = requested.get(i).applied();
            if (!setting.applied() || (!configUsable && appliedBefore)) {
                outcome.add(setting);
                continue;
            }
            if (!configUsable) {
                outcome.add(notApplied(setting));
                continue;
            }
            try {
                configSet(redis, setting.name(), setting.requested());
                outcome.add(setting);
            } catch (JedisDataException e) {
                configUsable = !isConfigUnavailable(e);
                warnings.add(configUsable
                        ? "the source refused " + setting.name() + " '" + setting.requested() + "': " + e.getMessage()
                                + "; left at '" + setting.previous() + "'"
                        : configUnavailable("CONFIG SET", e));
                outcome.add(appliedBefore ? setting : notApplied(setting));
            }
        }
        return outcome;
    }

    private static void configSet(Jedis redis, String name, String value) {
        redis.configSet(name, ConfigValues.forConfigSet(name, value));
    }

    private static ParameterSetting notApplied(ParameterSetting setting) {
        return new ParameterSetting(setting.name(), setting.requested(), setting.previous(), false);
    }

    /** Denied by the user's ACL, or renamed or disabled with rename-command: no parameter can be changed. */
    private static boolean isConfigUnavailable(JedisDataException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return message.startsWith("NOPERM") || message.contains("unknown command");
    }

    private static String configUnavailable(String command, JedisDataException e) {
        return command + " is not available on the source (" + e.getMessage() + "); its parameters are left as they"
                + " are and the migration proceeds with the source's own settings";
    }
}
