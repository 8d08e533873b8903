package dev.redismigrate.cli.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The console's pages: the files under {@code console/} on the classpath (cli/src/main/resources/console), served as
 * they are, with {@code index.html} at {@code /}. Nothing comes from the internet: every asset is in the jar.
 */
final class StaticFiles implements HttpHandler {
    private static final String ROOT = "console/";
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"),
            Map.entry("map", "application/json; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            if (!method.equals("GET") && !method.equals("HEAD")) {
                HttpJson.send(exchange, ApiException.methodNotAllowed("GET, HEAD"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String name = path.equals("/") ? "index.html" : path.substring(1);
            if (name.contains("..") || name.contains("\\") || name.endsWith("/")) {
                HttpJson.send(exchange, 404, ApiException.notFound("no page at " + path).body());
                return;
            }
            URL resource = StaticFiles.class.getClassLoader().getResource(ROOT + name);
            try (InputStream in = resource == null || isDirectory(resource) ? null : resource.openStream()) {
                if (in == null) {
                    HttpJson.send(exchange, 404, ApiException.notFound(path.equals("/")
                            ? "the console's pages are not in this build; the API is under /api/ (docs/console.md)"
                            : "no page at " + path).body());
                    return;
                }
                byte[] bytes = in.readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(extension(name),
                        "application/octet-stream"));
                exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
                exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
                exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:;"
                        + " style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
                exchange.getResponseHeaders().set("Cache-Control", "no-cache");
                boolean head = method.equals("HEAD");
                exchange.sendResponseHeaders(200, head ? -1 : bytes.length);
                if (!head) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                }
            }
        } finally {
            exchange.close();
        }
    }

    /**
     * A directory's stream lists its entries (from exploded classes) or is empty (in a jar), and the name of a
     * directory need not end in '/' to find it: neither is a page.
     */
    static boolean isDirectory(URL resource) throws IOException {
        URLConnection connection = resource.openConnection();
        if (connection instanceof JarURLConnection jar) {
            return jar.getJarEntry().isDirectory();
        }
        try {
            return resource.getProtocol().equals("file") && Files.isDirectory(Path.of(resource.toURI()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
