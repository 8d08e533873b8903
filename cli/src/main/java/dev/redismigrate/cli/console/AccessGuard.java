package dev.redismigrate.cli.console;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who may use the console, checked before any handler:
 * <ul>
 *   <li>bound to a loopback address, only requests addressed to it by a loopback name ({@code Host}), so that a web
 *       page cannot reach the console through DNS rebinding;</li>
 *   <li>bound to any other address, every {@code /api/} request carries the token ({@code Authorization: Bearer} or
 *       the {@code rm_token} cookie, which {@code /?token=...} sets); 401 otherwise;</li>
 *   <li>a state-changing request (POST, PUT, DELETE, PATCH) that says it comes from another site ({@code Origin},
 *       {@code Sec-Fetch-Site}) is refused (403).</li>
 * </ul>
 */
final class AccessGuard extends Filter {
    static final String COOKIE = "rm_token";
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "DELETE", "PATCH");

    /** The token, or null when the console is bound to loopback and needs none. */
    private final ConsoleToken token;

    AccessGuard(ConsoleToken token) {
        this.token = token;
    }

    @Override
    public String description() {
        return "token, host and same-site checks";
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (token == null && (host == null || !LOOPBACK_NAMES.contains(hostName(host)))) {
            refuse(exchange, 403, "this console answers only to http://localhost or http://127.0.0.1; bind it to"
                    + " another address with --bind to reach it by another name");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (token != null && path.equals("/") && exchange.getRequestURI().getRawQuery() != null
                && exchange.getRequestURI().getRawQuery().startsWith("token=")) {
            signIn(exchange, exchange.getRequestURI().getRawQuery().substring("token=".length()));
            return;
        }
        if (token != null && path.startsWith("/api/") && !token.matches(presentedToken(exchange))) {
            refuse(exchange, 401, "a token is needed: open the address the console printed at start (with ?token=),"
                    + " or send Authorization: Bearer <token>");
            return;
        }
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        if (STATE_CHANGING.contains(method) && crossSite(exchange, host)) {
            refuse(exchange, 403, "refused: the request comes from another site than the console");
            return;
        }
        chain.doFilter(exchange);
    }

    /** {@code /?token=...}: a right token becomes a cookie the browser sends with every request; then back to {@code /}. */
    private void signIn(HttpExchange exchange, String presented) throws IOException {
        if (!token.matches(presented)) {
            refuse(exchange, 401, "wrong token: open the address the console printed at start");
            return;
        }
        exchange.getResponseHeaders().set("Set-Cookie", COOKIE + "=" + presented + "; HttpOnly; SameSite=Strict; Path=/");
        exchange.getResponseHeaders().set("Location", "/");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(303, -1);
        exchange.close();
    }

    private static String presentedToken(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String cookie : header.split(";")) {
                String[] pair = cookie.trim().split("=", 2);
                if (pair.length == 2 && pair[0].equals(COOKIE)) {
                    return pair[1];
                }
            }
        }
        return null;
    }

    /** {@code Sec-Fetch-Site: cross-site}, or an {@code Origin} that is not this console's own address. */
    private static boolean crossSite(HttpExchange exchange, String host) {
        if ("cross-site".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Sec-Fetch-Site"))) {
            return true;
        }
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin == null) {
            return false; // not a browser's cross-origin request (curl, scripts, same-origin GET-like forms)
        }
        try {
            String authority = new URI(origin).getRawAuthority(); // host:port as the browser addressed us
            return host == null || authority == null || !host.trim().equalsIgnoreCase(authority);
        } catch (URISyntaxException e) {
            return true; // "null" (a sandboxed page) or garbage: not us
        }
    }

    private static String hostName(String hostHeader) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static void refuse(HttpExchange exchange, int status, String message) throws IOException {
        try {
            HttpJson.send(exchange, status, new ApiException(status, null, message, Map.of()).body());
        } finally {
            exchange.close();
        }
    }
}
