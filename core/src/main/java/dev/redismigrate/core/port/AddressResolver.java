package dev.redismigrate.core.port;

import java.util.Optional;

/** Resolves a host name to the address a connection would use (DNS). */
public interface AddressResolver {
    /** The address as text ({@code 10.0.0.5}); empty when the name does not resolve. */
    Optional<String> resolve(String host);
}
