package dev.redismigrate.cli.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.redismigrate.core.endpoint.SecretUnavailableException;
import dev.redismigrate.core.params.ParameterCatalogue;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.TaskConflictException;
import dev.redismigrate.core.task.TaskNotFoundException;
import dev.redismigrate.core.task.TaskStateException;
import dev.redismigrate.core.task.TaskStatus;
import dev.redismigrate.core.verify.VerificationFailedException;
import dev.redismigrate.core.verify.VerifyMode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API under {@code /api/} (docs/console.md): parses each request, calls the backend, maps the result and
 * every refusal to a status and a one-line message. Access (token, same site) is checked before, by
 * {@link AccessGuard}.
 */
final class ApiHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    /** The task actions that change it, all POST ({@code progress} is read with GET). */
    private static final Set<String> ACTIONS = Set.of("start", "verify", "finish", "cancel");

    private final ConsoleBackend backend;
    private final TaskViews views;
    private final ProgressSeries series;
    private final EventStream events;
    private final Map<String, Object> meta;

    ApiHandler(ConsoleBackend backend, TaskViews views, ProgressSeries series, EventStream events,
               Map<String, Object> meta) {
        this.backend = backend;
        this.views = views;
        this.series = series;
        this.events = events;
        this.meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta)); // stateDir is null in cloud mode
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange, exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                    Arrays.stream(exchange.getRequestURI().getPath().split("/")).filter(s -> !s.isEmpty()).toList());
        } catch (ApiException e) {
            HttpJson.send(exchange, e);
        } catch (TaskNotFoundException e) {
            HttpJson.send(exchange, 404, ApiException.notFound(e.getMessage()).body());
        } catch (TaskStateException | TaskConflictException e) {
            HttpJson.send(exchange, 409, ApiException.conflict(e.getMessage()).body());
        } catch (VerificationFailedException e) {
            HttpJson.send(exchange, 502, new ApiException(502, null, "verification could not run: " + e.getMessage(),
                    Map.of()).body());
        } catch (SecretUnavailableException | IllegalArgumentException e) {
            HttpJson.send(exchange, 400, ApiException.badRequest(null, e.getMessage()).body());
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
            HttpJson.send(exchange, 500, new ApiException(500, null, "the console failed: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()), Map.of()).body());
        } finally {
            exchange.close();
        }
    }

    /** {@code path} without its leading {@code api}: the segments after it. */
    private void route(HttpExchange exchange, String method, List<String> path) throws IOException {
        List<String> rest = path.subList(1, path.size());
        String first = rest.isEmpty() ? "" : rest.get(0);
        switch (first) {
            case "meta" -> only(method, "GET", rest, 1, () -> HttpJson.send(exchange, 200, meta));
            case "parameters" -> only(method, "GET", rest, 1, () -> HttpJson.send(exchange, 200, parameters()));
            case "validations" -> only(method, "POST", rest, 1, () -> HttpJson.send(exchange, 200,
                    ValidationView.of(backend.validate(TaskFormReader.read(HttpJson.body(exchange), backend.mode()),
                            editedTaskId(query(exchange).get("taskId"))))));
            case "events" -> only(method, "GET", rest, 1, () -> events.serve(exchange));
            case "tasks" -> tasks(exchange, method, rest);
            default -> throw ApiException.notFound("no API at " + exchange.getRequestURI().getPath());
        }
    }

    private void tasks(HttpExchange exchange, String method, List<String> rest) throws IOException {
        if (rest.size() == 1) {
            if (method.equals("GET")) {
                TaskStatus status = status(query(exchange).get("status"));
                HttpJson.send(exchange, 200, backend.store().list().stream()
                        .filter(t -> status == null || t.status() == status).map(views::summary).toList());
            } else if (method.equals("POST")) {
                MigrationTask created = backend.create(TaskFormReader.read(HttpJson.body(exchange), backend.mode()));
                exchange.getResponseHeaders().set("Location", "/api/tasks/" + created.id());
                HttpJson.send(exchange, 201, views.view(created));
            } else {
                throw ApiException.methodNotAllowed("GET, POST");
            }
            return;
        }
        String id = rest.get(1);
        if (rest.size() == 2) {
            if (method.equals("GET")) {
                HttpJson.send(exchange, 200, views.view(find(id)));
            } else if (method.equals("PUT")) {
                TaskForm form = TaskFormReader.read(HttpJson.body(exchange), backend.mode());
                HttpJson.send(exchange, 200, views.view(backend.edit(find(id).id(), form)));
            } else {
                throw ApiException.methodNotAllowed("GET, PUT");
            }
            return;
        }
        String action = rest.get(2);
        if (rest.size() != 3) {
            throw ApiException.notFound("no API at " + exchange.getRequestURI().getPath());
        }
        if (action.equals("progress")) {
            only(method, "GET", rest, 3, () -> HttpJson.send(exchange, 200,
                    series.of(find(id).id(), since(query(exchange).get("since")))));
            return;
        }
        if (!ACTIONS.contains(action)) {
            throw ApiException.notFound("no task action '" + action + "'; use start, verify, finish, cancel or"
                    + " progress");
        }
        if (!method.equals("POST")) {
            throw ApiException.methodNotAllowed("POST");
        }
        find(id);
        JsonFields body = new JsonFields(HttpJson.body(exchange), "");
        Object answer = switch (action) {
            case "start" -> views.view(backend.start(id, body.instant("at")));
            case "verify" -> VerificationView.of(backend.verify(id, mode(body.text("mode"))));
            case "finish" -> views.view(backend.finish(id, body.bool("force")));
            case "cancel" -> views.view(backend.cancel(id));
            default -> throw new IllegalStateException("action " + action + " is in ACTIONS but not handled");
        };
        HttpJson.send(exchange, 200, answer);
    }

    private MigrationTask find(String id) {
        return backend.store().find(id).orElseThrow(() -> ApiException.notFound("no task has the id '" + id + "'"));
    }

    /** The task an edit form validates ({@code ?taskId=}), or null for a new task. */
    private String editedTaskId(String text) {
        return text == null || text.isBlank() ? null : find(text.strip()).id();
    }

    private static List<Map<String, String>> parameters() {
        return ParameterCatalogue.all().stream().map(p -> Map.of("name", p.name(), "defaultValue", p.defaultValue(),
                "reason", p.reason(), "allowed", p.allowed())).toList();
    }

    private static TaskStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return TaskStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("status", "unknown status '" + text + "'; one of "
                    + Arrays.toString(TaskStatus.values()));
        }
    }

    private static Long since(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (!text.trim().matches("\\d{1,18}")) {
            throw ApiException.badRequest("since", "since must be a time in epoch milliseconds, not '" + text + "'");
        }
        return Long.parseLong(text.trim());
    }

    private static VerifyMode mode(String text) {
        try {
            return text == null ? VerifyMode.SAMPLE : VerifyMode.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("mode", e.getMessage());
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> values = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                values.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    /** An endpoint of one method and no further path. */
    private static void only(String method, String allowed, List<String> rest, int size, Answer answer)
            throws IOException {
        if (rest.size() != size) {
            throw ApiException.notFound("no API at /api/" + String.join("/", rest));
        }
        if (!method.equals(allowed)) {
            throw ApiException.methodNotAllowed(allowed);
        }
        answer.send();
    }

    private interface Answer {
        void send() throws IOException;
    }
}
