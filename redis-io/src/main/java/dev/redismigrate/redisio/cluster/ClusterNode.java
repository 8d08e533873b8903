package dev.redismigrate.redisio.cluster;

import dev.redismigrate.core.endpoint.RedisEndpoint;

/** One node of a cluster as its peers announce it: the address clients reach it at. */
public record ClusterNode(String host, int port) {
    /** {@code host:port}, as MOVED and ASK replies write it. */
    public String address() {
        return host + ":" + port;
    }

    /** This node reached as {@code given} is: its TLS, user and password. */
    public RedisEndpoint reachedAs(RedisEndpoint given) {
        return new RedisEndpoint(host, port, given.tls(), given.username(), given.password());
    }

    /** {@code host:port}; an empty host (a node that does not know its own address) becomes {@code fallbackHost}. */
    static ClusterNode parse(String address, String fallbackHost) {
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon);
        return new ClusterNode(host.isEmpty() || host.equals("?") ? fallbackHost : host,
                Integer.parseInt(address.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return address();
    }
}
