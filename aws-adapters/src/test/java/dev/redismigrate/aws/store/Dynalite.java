package dev.redismigrate.aws.store;

import dev.redismigrate.aws.AwsClients;
import dev.redismigrate.testkit.LoopbackPorts;
import dev.redismigrate.testkit.NodeTools;
import dev.redismigrate.testkit.TestTiers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * dynalite (a DynamoDB emulator on Node, from the repository's node_modules) on a free loopback port, in memory, for
 * the class: {@code @RegisterExtension static final Dynalite dynalite = new Dynalite();}. The class is skipped, with
 * the reason, where Node or dynalite is missing.
 */
public final class Dynalite implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger TABLES = new AtomicInteger();

    private String unavailable;
    private Process process;
    private Path log;
    private DynamoDbClient client;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        NodeTools node;
        try {
            node = NodeTools.require("dynalite");
        } catch (TestAbortedException e) {
            // Skipped test by test (below), so that each report shows the reason.
            unavailable = e.getMessage();
            return;
        }
        int port = LoopbackPorts.free();
        log = Files.createTempFile("dynalite-", ".log");
        process = node.command(node.module("dynalite").resolve("cli.js"), "--host", LoopbackPorts.HOST, "--port",
                        Integer.toString(port), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0")
                .redirectOutput(log.toFile()).start();
        awaitPort(port);
        client = AwsClients.of(Region.US_EAST_1, URI.create("http://" + LoopbackPorts.HOST + ":" + port),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build(DynamoDbClient.builder());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        TestTiers.require(unavailable == null, unavailable);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (client != null) {
            client.close();
        }
        if (process != null) {
            process.destroyForcibly().waitFor();
        }
        if (log != null) {
            Files.deleteIfExists(log);
        }
    }

    public DynamoDbClient client() {
        return client;
    }

    /** A new, empty task table with a unique name, ACTIVE (dynalite flips CREATING -> ACTIVE on a timer). */
    public String newTable() {
        String name = "tasks-" + TABLES.incrementAndGet();
        client.createTable(TaskTable.createRequest(name));
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (client.describeTable(r -> r.tableName(name)).table().tableStatus() != TableStatus.ACTIVE) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("dynalite did not make table " + name + " ACTIVE within " + START_TIMEOUT);
            }
            Thread.onSpinWait();
        }
        return name;
    }

    private void awaitPort(int port) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dynalite exited: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(LoopbackPorts.HOST, port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new UncheckedIOException(new IOException("dynalite did not listen on port " + port + " within " + START_TIMEOUT
                + ": " + Files.readString(log)));
    }
}
