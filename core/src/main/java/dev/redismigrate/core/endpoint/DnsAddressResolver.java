package dev.redismigrate.core.endpoint;

import dev.redismigrate.core.port.AddressResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** {@link AddressResolver} through the JVM's resolver: the first address, as a connection would pick it. */
public final class DnsAddressResolver implements AddressResolver {
    @Override
    public Optional<String> resolve(String host) {
        try {
            return Optional.of(InetAddress.getByName(host).getHostAddress());
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }
}
