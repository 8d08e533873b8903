package dev.redismigrate.cli.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redismigrate.core.endpoint.InvalidRedisUriException;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.RedisUri;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.params.ParameterCatalogue;
import dev.redismigrate.core.params.SourceParameter;
import dev.redismigrate.core.task.InvalidTaskNameException;
import dev.redismigrate.core.task.TaskName;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a {@link TaskForm} from a request body, refusing what cannot be a task with a 400 that names the field. Locally
 * the target needs an endpoint and a password is typed or an {@code env:}/{@code file:} reference; in cloud mode a
 * target may be named by its instance id alone and a password is a Secrets Manager secret (what the stack can read).
 */
final class TaskFormReader {
    private TaskFormReader() {
    }

    static TaskForm read(JsonNode body, ConsoleMode mode) {
        JsonFields form = new JsonFields(body, "");
        String name = name(form);
        JsonFields source = required(form, "source");
        JsonFields target = required(form, "target");
        String privateIp = blankToNull(source.text("privateIp"));
        String instanceId = blankToNull(target.text("instanceId"));
        RedisEndpoint targetEndpoint = targetEndpoint(target, instanceId, mode);
        return new TaskForm(name, form.instant("scheduledStart"),
                sourceEndpoint(source, privateIp), blankToNull(source.text("vmId")), privateIp, password(source, mode),
                targetEndpoint, instanceId, targetEndpoint == null ? blankToNull(target.text("username")) : null,
                password(target, mode), parameters(form), form.bool("allowUnlockedTarget"),
                form.bool("acknowledgeWarnings"));
    }

    /** The name as it will be stored (stripped; null for the default), refused here to name the field. */
    private static String name(JsonFields form) {
        String name = blankToNull(form.text("name"));
        try {
            return TaskName.check(name);
        } catch (InvalidTaskNameException e) {
            throw ApiException.badRequest("name", e.getMessage());
        }
    }

    /** {@code endpoint}, or the VM case's {@code privateIp} + {@code port}; never both. */
    private static RedisEndpoint sourceEndpoint(JsonFields source, String privateIp) {
        String uri = blankToNull(source.text("endpoint"));
        Integer port = source.port("port");
        if (uri != null && (privateIp != null || port != null)) {
            throw ApiException.badRequest(source.path("endpoint"), "give the source as an endpoint"
                    + " (redis://host:port) or as a private IP and a port, not both");
        }
        if (uri == null) {
            if (privateIp == null || port == null) {
                throw ApiException.badRequest(privateIp == null ? source.path("privateIp") : source.path("port"),
                        "the source needs an endpoint (redis://host:port), or a private IP and a port");
            }
            if (!privateIp.matches("[0-9A-Fa-f:.]+")) {
                throw ApiException.badRequest(source.path("privateIp"), source.path("privateIp") + " '" + privateIp
                        + "' is not an IP address");
            }
            return withUser(new RedisEndpoint(privateIp, port, false, null, null), source);
        }
        return withUser(endpoint(source, uri), source);
    }

    /** Null for a target named by its instance id alone (cloud mode reads its endpoint from ElastiCache). */
    private static RedisEndpoint targetEndpoint(JsonFields target, String instanceId, ConsoleMode mode) {
        String uri = blankToNull(target.text("endpoint"));
        if (uri == null && mode == ConsoleMode.CLOUD && instanceId != null) {
            return null;
        }
        if (uri == null) {
            throw ApiException.badRequest(target.path("endpoint"), mode == ConsoleMode.CLOUD
                    ? "the target needs an endpoint (redis://host:port) or an instance id"
                    : "the target needs an endpoint (redis://host:port); a target named only by its instance id needs"
                    + " the cloud console (--cloud)");
        }
        return withUser(endpoint(target, uri), target);
    }

    private static RedisEndpoint endpoint(JsonFields side, String uri) {
        RedisEndpoint endpoint;
        try {
            endpoint = RedisUri.parse(uri);
        } catch (InvalidRedisUriException e) {
            throw ApiException.badRequest(side.path("endpoint"), e.getMessage());
        }
        if (!(endpoint.password() instanceof SecretRef.None)) {
            throw ApiException.badRequest(side.path("endpoint"), "put the password in the password field, not in the"
                    + " endpoint " + RedisUri.redact(uri));
        }
        return endpoint;
    }

    private static RedisEndpoint withUser(RedisEndpoint endpoint, JsonFields side) {
        String username = blankToNull(side.text("username"));
        if (username == null) {
            return endpoint;
        }
        if (endpoint.username() != null && !endpoint.username().equals(username)) {
            throw ApiException.badRequest(side.path("username"), "the user is given twice, differently: in the"
                    + " endpoint and in " + side.path("username"));
        }
        return new RedisEndpoint(endpoint.host(), endpoint.port(), endpoint.tls(), username, endpoint.password());
    }

    private static PasswordInput password(JsonFields side, ConsoleMode mode) {
        String typed = side.text("password");
        String reference = blankToNull(side.text("passwordRef"));
        if (typed != null && reference != null) {
            throw ApiException.badRequest(side.path("passwordRef"), "give " + side.path("password") + " or "
                    + side.path("passwordRef") + ", not both");
        }
        if (mode == ConsoleMode.CLOUD && typed != null && !typed.isEmpty()) {
            throw ApiException.badRequest(side.path("password"), "the stack reads passwords from Secrets Manager only:"
                    + " store it there and give " + side.path("passwordRef") + " arn:aws:secretsmanager:...");
        }
        if (reference == null) {
            return typed == null ? PasswordInput.ABSENT : new PasswordInput(typed, null);
        }
        SecretRef ref = SecretRef.parse(reference.startsWith("arn:") || reference.startsWith("env:")
                || reference.startsWith("file:") ? reference : "none");
        boolean fits = mode == ConsoleMode.CLOUD ? ref instanceof SecretRef.SecretsManager
                : ref instanceof SecretRef.EnvVar || ref instanceof SecretRef.FileRef;
        if (!fits) {
            throw ApiException.badRequest(side.path("passwordRef"), side.path("passwordRef") + (mode == ConsoleMode.CLOUD
                    ? " must be a Secrets Manager ARN (arn:aws:secretsmanager:...)"
                    : " must be env:NAME (a variable of the console's environment) or file:/path"));
        }
        return new PasswordInput(null, ref);
    }

    /** Overrides by their catalogue names; a name the migration does not set is refused here rather than ignored. */
    private static Map<String, String> parameters(JsonFields form) {
        Map<String, String> byName = new LinkedHashMap<>();
        form.textMap("parameters").forEach((name, value) -> {
            SourceParameter parameter = ParameterCatalogue.find(name).orElseThrow(() -> ApiException.badRequest(
                    "parameters." + name, "'" + name + "' is not a parameter the migration sets; known: "
                            + ParameterCatalogue.all().stream().map(SourceParameter::name).collect(Collectors.joining(", "))));
            byName.put(parameter.name(), value.strip());
        });
        return byName;
    }

    private static JsonFields required(JsonFields form, String name) {
        JsonFields side = form.object(name);
        if (side == null) {
            throw ApiException.badRequest(name, name + " is missing");
        }
        return side;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
