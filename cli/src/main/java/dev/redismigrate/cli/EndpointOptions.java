package dev.redismigrate.cli;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.RedisUri;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.task.SourceSpec;
import dev.redismigrate.core.task.TargetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Source and target of a migration and where their passwords come from, shared by the commands that talk to both
 * ({@code validate}, {@code migrate}, {@code verify}). A password ends up as a {@link SecretRef}: in the URI it lives
 * only in this process ({@code process}); from a file or an environment variable only the file's path or the
 * variable's name is ever stored.
 */
public final class EndpointOptions {
    static final String SOURCE_PASSWORD_ENV = "REDIS_MIGRATE_SOURCE_PASSWORD";
    static final String TARGET_PASSWORD_ENV = "REDIS_MIGRATE_TARGET_PASSWORD";

    @Option(names = "--source", required = true, paramLabel = "URI",
            description = "The Redis to migrate from: redis://[user[:password]@]host:port (rediss:// for TLS).")
    private String source;

    @Option(names = "--target", required = true, paramLabel = "URI",
            description = "The empty Redis to migrate into, same form as --source.")
    private String target;

    @Option(names = "--source-password-file", paramLabel = "FILE",
            description = "Read the source password from FILE (else from $" + SOURCE_PASSWORD_ENV + ").")
    private Path sourcePasswordFile;

    @Option(names = "--target-password-file", paramLabel = "FILE",
            description = "Read the target password from FILE (else from $" + TARGET_PASSWORD_ENV + ").")
    private Path targetPasswordFile;

    @Option(names = "--target-instance-id", paramLabel = "ID",
            description = "The managed (cloud) instance id of the target, when it is one.")
    private String targetInstanceId;

    @Option(names = "--source-vm-id", paramLabel = "ID",
            description = "Id of the cloud VM hosting the source (cloud mode checks it is running).")
    private String sourceVmId;

    @Option(names = "--source-private-ip", paramLabel = "IP",
            description = "Private IP of that VM (cloud mode checks it belongs to the VM).")
    private String sourcePrivateIp;

    private Map<String, String> environment = System.getenv();

    /** For tests: the environment the password variables are read from. */
    EndpointOptions withEnvironment(Map<String, String> env) {
        this.environment = env;
        return this;
    }

    public SourceSpec sourceSpec() {
        return new SourceSpec(endpoint("--source", source, sourcePasswordFile, SOURCE_PASSWORD_ENV), sourceVmId, sourcePrivateIp);
    }

    public TargetSpec targetSpec() {
        return new TargetSpec(endpoint("--target", target, targetPasswordFile, TARGET_PASSWORD_ENV), targetInstanceId);
    }

    /** Advice about how the passwords were given (a password in a URI shows in the process list). */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        for (String[] option : new String[][] {{"--source", source, "--source-password-file", SOURCE_PASSWORD_ENV},
                {"--target", target, "--target-password-file", TARGET_PASSWORD_ENV}}) {
            if (option[1] != null && RedisUri.parse(option[1]).password() instanceof SecretRef.ProcessOnly) {
                warnings.add("the password in " + option[0] + " is visible to other users of this machine (ps);"
                        + " prefer " + option[2] + " or $" + option[3]);
            }
        }
        return warnings;
    }

    private RedisEndpoint endpoint(String option, String uri, Path passwordFile, String envName) {
        return endpoint(option, uri, passwordFile, envName, environment);
    }

    /**
     * The endpoint of {@code uri} with its password from the URI, from {@code passwordFile}, else from the variable
     * {@code envName} when set; also for {@code edit}, whose endpoints are optional.
     */
    static RedisEndpoint endpoint(String option, String uri, Path passwordFile, String envName, Map<String, String> env) {
        RedisEndpoint endpoint = RedisUri.parse(uri);
        boolean inUri = endpoint.password() instanceof SecretRef.ProcessOnly;
        if (passwordFile != null) {
            if (inUri) {
                throw usage("the " + option.substring(2) + " password is given twice: in " + option + " and in "
                        + option + "-password-file");
            }
            return endpoint.withPassword(passwordFile(passwordFile));
        }
        String fromEnv = env.get(envName);
        if (!inUri && fromEnv != null && !fromEnv.isEmpty()) {
            return endpoint.withPassword(new SecretRef.EnvVar(envName));
        }
        return endpoint;
    }

    /** A password file given on its own: only its path is stored. */
    static SecretRef passwordFile(Path file) {
        if (!Files.isReadable(file)) {
            throw usage("cannot read the password file " + file);
        }
        return new SecretRef.FileRef(file.toAbsolutePath());
    }

    /** A mistake in the options: one line, exit 2 (see {@link OneLineErrors}). */
    private static IllegalArgumentException usage(String message) {
        return new IllegalArgumentException(message);
    }
}
