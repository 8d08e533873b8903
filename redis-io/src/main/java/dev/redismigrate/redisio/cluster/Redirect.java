package dev.redismigrate.redisio.cluster;

import java.util.Optional;

/**
 * A cluster's answer that a command belongs elsewhere. {@code MOVED slot host:port}: the slot has a new owner for
 * good (update the slot map, send there). {@code ASK slot host:port}: the slot is being migrated and this key is
 * already on the importing node; send this one command there, preceded by {@code ASKING}, and keep the map.
 */
public record Redirect(Kind kind, int slot, ClusterNode node) {
    public enum Kind { MOVED, ASK }

    /**
     * The redirect an error reply's text carries, if it is one; {@code fromHost} stands in for a node that announces
     * no address ({@code MOVED 3999 :6380}), which means the host the reply came from.
     */
    public static Optional<Redirect> parse(String errorMessage, String fromHost) {
        String[] parts = errorMessage.split(" ");
        if (parts.length != 3 || !(parts[0].equals("MOVED") || parts[0].equals("ASK"))) {
            return Optional.empty();
        }
        return Optional.of(new Redirect(Kind.valueOf(parts[0]), Integer.parseInt(parts[1]),
                ClusterNode.parse(parts[2], fromHost)));
    }
}
