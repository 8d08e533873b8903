package dev.redismigrate.cli;

import dev.redismigrate.core.endpoint.LocalSecretResolver;
import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.RedisUri;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.store.TaskJson;
import dev.redismigrate.core.verify.Difference;
import dev.redismigrate.core.verify.VerificationReport;
import dev.redismigrate.core.verify.Verifier;
import dev.redismigrate.core.verify.VerifyMode;
import dev.redismigrate.core.verify.VerifyOptions;
import dev.redismigrate.redisio.verify.JedisVerifier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code redis-migrate verify}: parses, calls the verifier, prints the report, maps it to an exit code. */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Compares the source and the target: key counts, sampled keys, or every key in both directions.",
                "counts: per-database key counts and keys without TTL. sample (default): counts, then N random keys"
                        + " of each side compared fully. full: every key of both sides compared fully (type, TTL,"
                        + " value of every type; big values piece by piece).",
                "On a live source, what differs is looked at again in later rounds: only differences that last are"
                        + " reported. Keys starting with __redis-migrate: (redis-migrate's own) are ignored."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:source and target are equal",
                "1:a server could not be read (unreachable, refused...)",
                "2:bad usage (unknown option, bad URI, unreadable password file...)",
                "4:differences found"})
public final class VerifyCommand implements Callable<Integer> {
    static final String SOURCE_PASSWORD_ENV = "REDIS_MIGRATE_SOURCE_PASSWORD";
    static final String TARGET_PASSWORD_ENV = "REDIS_MIGRATE_TARGET_PASSWORD";

    @Option(names = "--source", required = true, paramLabel = "URI",
            description = "redis://[user[:password]@]host[:port] or rediss://... of the source")
    String source;

    @Option(names = "--target", required = true, paramLabel = "URI", description = "the same for the target")
    String target;

    @Option(names = "--source-password-file", paramLabel = "FILE",
            description = "file holding the source password (else the URI's, else $" + SOURCE_PASSWORD_ENV + ")")
    Path sourcePasswordFile;

    @Option(names = "--target-password-file", paramLabel = "FILE",
            description = "file holding the target password (else the URI's, else $" + TARGET_PASSWORD_ENV + ")")
    Path targetPasswordFile;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "sample", converter = ModeConverter.class,
            description = "counts, sample or full (default: ${DEFAULT-VALUE})")
    VerifyMode mode;

    @Option(names = "--db", paramLabel = "N",
            description = "compare only this database; repeatable (default: every database holding keys)")
    List<Integer> dbs = new ArrayList<>();

    @Option(names = "--sample-size", paramLabel = "N", defaultValue = "1000",
            description = "random keys drawn from each side in sample mode (default: ${DEFAULT-VALUE})")
    int sampleSize;

    @Option(names = "--rate", paramLabel = "KEYS", defaultValue = "" + VerifyOptions.DEFAULT_RATE,
            description = "at most KEYS keys per second read from each server; 0 = no limit (default: ${DEFAULT-VALUE})."
                    + " An equal key costs 3 small reads (PTTL, MEMORY USAGE, DUMP); full mode takes about"
                    + " keys / KEYS seconds")
    int rate;

    @Option(names = "--ttl-tolerance-ms", paramLabel = "MS", defaultValue = "2000",
            description = "TTLs further apart than this differ (default: ${DEFAULT-VALUE})")
    long ttlToleranceMillis;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
            description = "times a difference is looked at before it is reported; 1 = no re-check (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--round-delay-ms", paramLabel = "MS", defaultValue = "1000",
            description = "pause before each re-check round (default: ${DEFAULT-VALUE})")
    long roundDelayMillis;

    @Option(names = "--max-shown", paramLabel = "N", defaultValue = "100",
            description = "differences listed; all are counted (default: ${DEFAULT-VALUE})")
    int maxShown;

    @Option(names = "--json", description = "print only the report, as JSON, on stdout")
    boolean json;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;

    public VerifyCommand() {
        this(System.getenv());
    }

    VerifyCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    static final class ModeConverter implements ITypeConverter<VerifyMode> {
        @Override
        public VerifyMode convert(String value) {
            return VerifyMode.parse(value);
        }
    }

    @Override
    public Integer call() {
        VerifyOptions options = new VerifyOptions(mode, dbs, sampleSize, rate, ttlToleranceMillis, rounds,
                roundDelayMillis, maxShown, VerifyOptions.INTERNAL_KEY_PREFIX, List.of());
        RedisEndpoint sourceEndpoint = endpoint(source, sourcePasswordFile, SOURCE_PASSWORD_ENV);
        RedisEndpoint targetEndpoint = endpoint(target, targetPasswordFile, TARGET_PASSWORD_ENV);
        Verifier verifier = new JedisVerifier(new LocalSecretResolver(environment));
        PrintWriter out = spec.commandLine().getOut();
        VerifyProgressView view = VerifyProgressView.forTerminal(spec.commandLine().getErr());
        VerificationReport report;
        try {
            report = verifier.verify(sourceEndpoint, targetEndpoint, options, view);
        } finally {
            view.clear();
        }
        if (json) {
            out.println(TaskJson.write(report));
        } else {
            print(out, report, sourceEndpoint, targetEndpoint);
        }
        out.flush();
        return report.consistent() ? RedisMigrateCommand.EXIT_OK : RedisMigrateCommand.EXIT_DIFFERENCES;
    }

    /** A password in the URI wins; then the password file; then the environment variable, if set. */
    private RedisEndpoint endpoint(String uri, Path passwordFile, String passwordEnv) {
        RedisEndpoint endpoint = RedisUri.parse(uri);
        if (!(endpoint.password() instanceof SecretRef.None)) {
            return endpoint;
        }
        if (passwordFile != null) {
            return endpoint.withPassword(new SecretRef.FileRef(passwordFile));
        }
        if (environment.containsKey(passwordEnv)) {
            return endpoint.withPassword(new SecretRef.EnvVar(passwordEnv));
        }
        return endpoint;
    }

    private static void print(PrintWriter out, VerificationReport report, RedisEndpoint source, RedisEndpoint target) {
        out.println("source " + source.display() + ", target " + target.display());
        TreeSet<Integer> dbs = new TreeSet<>(report.sourceKeys().keySet());
        dbs.addAll(report.targetKeys().keySet());
        for (int db : dbs) {
            out.println("  db" + db + ": source " + count(report.sourceKeys().get(db)) + ", target "
                    + count(report.targetKeys().get(db)));
        }
        printByNode(out, "source", report.sourceKeysByNode());
        printByNode(out, "target", report.targetKeysByNode());
        for (Difference difference : report.differences()) {
            out.println(difference.line());
        }
        if (report.notShown() > 0) {
            out.println("... and " + report.notShown() + " more not shown (--max-shown to list more)");
        }
        out.println(report.summary());
    }

    /** One line per primary of a cluster side: its own counts, redis-migrate's keys included. */
    private static void printByNode(PrintWriter out, String role, Map<String, Map<Integer, DbKeyCount>> byNode) {
        byNode.forEach((node, counts) -> out.println("  " + role + " primary " + node + ": "
                + (counts.isEmpty() ? "empty" : counts.entrySet().stream()
                .map(e -> "db" + e.getKey() + " " + count(e.getValue())).collect(Collectors.joining(", ")))));
    }

    private static String count(DbKeyCount count) {
        return count == null ? "0 keys" : count.keys() + " keys (" + count.expires() + " with TTL)";
    }
}
