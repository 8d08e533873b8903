package dev.redismigrate.redisio.params;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.port.SourceParameters;
import dev.redismigrate.core.task.ParameterSetting;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.redisio.RedisConnections;
import dev.redismigrate.redisio.cluster.ClusterDetection;
import dev.redismigrate.redisio.cluster.ClusterTopology;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
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
        List<RedisEndpoint> nodes = nodes(source.endpoint());
        List<String> warnings = new ArrayList<>();
        List<ParameterSetting> intended = new ArrayList<>();
        try {
            for (ParameterSetting setting : requested) {
                intended.add(setting.applied() ? setting : intended(nodes, setting, warnings));
            }
        } catch (JedisDataException e) {
            warnings.add(configUnavailable("CONFIG GET", e));
            return new Applied(requested, warnings);
        }
        recorded.accept(intended);
        List<List<ParameterSetting>> outcomes = new ArrayList<>();
        for (RedisEndpoint node : nodes) {
            List<String> said = new ArrayList<>();
            outcomes.add(connections.call(ROLE, node, redis -> set(redis, requested, intended, said)));
            said.forEach(warning -> warnings.add(on(node, nodes) + warning));
        }
        // applied on any node counts as applied: restoring puts the same previous value back on every node
        return new Applied(merge(intended, outcomes), warnings);
    }

    @Override
    public Applied restore(SourceSpec source, List<ParameterSetting> settings) {
        if (settings.stream().noneMatch(ParameterSetting::applied)) {
            return new Applied(settings, List.of());
        }
        List<RedisEndpoint> nodes = nodes(source.endpoint());
        List<String> warnings = new ArrayList<>();
        List<List<ParameterSetting>> outcomes = new ArrayList<>();
        for (RedisEndpoint node : nodes) {
            List<String> said = new ArrayList<>();
            outcomes.add(connections.call(ROLE, node, redis -> restore(redis, settings, said)));
            said.forEach(warning -> warnings.add(on(node, nodes) + warning));
        }
        // restored once every node has its old value back; otherwise still applied, for the next attempt
        return new Applied(merge(settings, outcomes), warnings);
    }

    /**
     * Where the parameters go: the source itself, or every primary of a Redis Cluster source (each is replicated,
     * each gets the migration's settings), reached with the source's credentials.
     */
    private List<RedisEndpoint> nodes(RedisEndpoint source) {
        ClusterTopology topology = new ClusterDetection(connections).detect(ROLE, source);
        if (!topology.usable()) {
            return List.of(source);
        }
        return topology.primaries().stream().map(node -> new RedisEndpoint(node.host(), node.port(), source.tls(),
                source.username(), source.password())).toList();
    }

    /**
     * The setting with the value to put back later, read from every node; unchanged (with a warning) when a node
     * cannot change it or the nodes disagree on the current value (the task keeps one value to restore).
     */
    private ParameterSetting intended(List<RedisEndpoint> nodes, ParameterSetting setting, List<String> warnings) {
        Map<String, String> previousByNode = new LinkedHashMap<>();
        for (RedisEndpoint node : nodes) {
            List<String> said = new ArrayList<>();
            Optional<String> previous = connections.call(ROLE, node, redis -> previous(redis, setting, said));
            said.forEach(warning -> warnings.add(on(node, nodes) + warning));
            if (previous.isEmpty()) {
                return setting;
            }
            previousByNode.put(node.address(), previous.get());
        }
        if (new HashSet<>(previousByNode.values()).size() > 1) {
            warnings.add("the source's primaries differ in " + setting.name() + " (" + previousByNode.entrySet()
                    .stream().map(e -> e.getKey() + " '" + e.getValue() + "'").collect(Collectors.joining(", "))
                    + "); left unchanged, since one value to restore is kept per parameter: set them alike to have"
                    + " the migration's value applied");
            return setting;
        }
        return setting.appliedOver(previousByNode.values().iterator().next());
    }

    /**
     * One outcome from each node's: a setting still applied on any node is {@code base}'s (applied, with the value
     * to restore), otherwise it is as the nodes left it (not applied, or restored everywhere).
     */
    private static List<ParameterSetting> merge(List<ParameterSetting> base, List<List<ParameterSetting>> outcomes) {
        List<ParameterSetting> merged = new ArrayList<>();
        for (int i = 0; i < base.size(); i++) {
            int index = i;
            boolean anywhere = outcomes.stream().anyMatch(outcome -> outcome.get(index).applied());
            merged.add(anywhere ? base.get(i) : outcomes.get(0).get(i));
        }
        return merged;
    }

    /** {@code "on 10.0.0.7:7000: "} for one primary of several; nothing for one server. */
    private static String on(RedisEndpoint node, List<RedisEndpoint> nodes) {
        return nodes.size() == 1 ? "" : "on " + node.address() + ": ";
    }

    private static List<ParameterSetting> restore(Jedis redis, List<ParameterSetting> settings, List<String> warnings) {
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
        return outcome;
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
