package dev.redismigrate.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.IConstruct;

/**
 * Synthesizes the stack as {@code cdk synth} would, without AWS: the real definition from module statemachine (so a
 * key it adds without a value fails here) and a throwaway zip in place of the functions build.
 */
final class StackFixture {
    static final Path REAL_DEFINITION = Path.of(DeploymentSettings.DEFAULT_DEFINITION_FILE);
    static final String VPC = "vpc-0123456789abcdef0";
    static final String SUBNET_A = "subnet-0aaaaaaaaaaaaaaaa";
    static final String SUBNET_B = "subnet-0bbbbbbbbbbbbbbbb";
    static final String SECURITY_GROUP = "sg-0cccccccccccccccc";
    static final String ROUTE_TABLE = "rtb-0dddddddddddddddd";

    private StackFixture() {
    }

    static Path definition() {
        return REAL_DEFINITION;
    }

    static Map<String, Object> context() {
        Map<String, Object> context = new HashMap<>();
        context.put("vpcId", VPC);
        context.put("subnetIds", SUBNET_A + "," + SUBNET_B);
        context.put("securityGroupIds", SECURITY_GROUP);
        context.put("routeTableIds", ROUTE_TABLE);
        context.put("functionsZip", placeholderZip().toString());
        context.put("definitionFile", definition().toString());
        return context;
    }

    static MigrationStack synth(Map<String, Object> context) {
        App app = new App(AppProps.builder().context(context).build());
        return new MigrationStack(app, "RedisMigrate", StackProps.builder().build(),
                DeploymentSettings.fromContext(app.getNode()::tryGetContext));
    }

    static String logicalId(IConstruct construct) {
        IConstruct resource = construct instanceof CfnElement ? construct : construct.getNode().getDefaultChild();
        return Stack.of(construct).getLogicalId((CfnElement) resource);
    }

    /** Lambda only needs some zip at synth time; the real one is built by module functions. */
    static Path placeholderZip() {
        Path zip = Path.of("target/test-assets/functions.zip");
        if (Files.isRegularFile(zip)) {
            return zip;
        }
        try {
            Files.createDirectories(zip.getParent());
            try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out)) {
                entries.putNextEntry(new ZipEntry("README.txt"));
                entries.write("placeholder for functions/target/functions.zip\n".getBytes());
                entries.closeEntry();
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
