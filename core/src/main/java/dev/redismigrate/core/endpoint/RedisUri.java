package dev.redismigrate.core.endpoint;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Parses {@code redis://[user:password@]host[:port]} and {@code rediss://...} (TLS). A password in the URI becomes a
 * {@link SecretRef.ProcessOnly}: usable by this process, never stored.
 */
public final class RedisUri {
    private static final int DEFAULT_PORT = 6379;

    private RedisUri() {
    }

    public static RedisEndpoint parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRedisUriException("empty Redis URI; expected redis://[user:password@]host:port");
        }
        URI uri;
        try {
            uri = new URI(text.contains("://") ? text : "redis://" + text);
        } catch (URISyntaxException e) {
            throw new InvalidRedisUriException("'" + redact(text) + "' is not a Redis URI; expected redis://[user:password@]host:port");
        }
        String scheme = uri.getScheme().toLowerCase();
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw new InvalidRedisUriException("unsupported scheme '" + scheme + "' in " + redact(text) + "; use redis:// or rediss://");
        }
        if (uri.getHost() == null) {
            throw new InvalidRedisUriException("no host in " + redact(text) + "; expected redis://[user:password@]host:port");
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new InvalidRedisUriException("a database number in the URI is not supported (" + redact(text)
                    + "): every database of the source is migrated");
        }
        String user = null;
        SecretRef password = new SecretRef.None();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            String rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
            user = rawUser.isEmpty() ? null : decode(rawUser);
            if (colon >= 0) {
                password = new SecretRef.ProcessOnly(decode(userInfo.substring(colon + 1)));
            }
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        try {
            return new RedisEndpoint(uri.getHost(), port, scheme.equals("rediss"), user, password);
        } catch (IllegalArgumentException e) {
            throw new InvalidRedisUriException(e.getMessage() + " in " + redact(text));
        }
    }

    /** The URI with any password replaced by ***, for error messages. */
    public static String redact(String text) {
        return text.replaceAll("(://[^:/@]*:)[^@]*@", "$1***@");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
