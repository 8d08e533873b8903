package dev.redismigrate.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app ({@code cdk synth} / {@code cdk deploy} run it through {@code infra/cdk.json}). The stack is
 * environment-agnostic: it deploys into the account and region of the caller's AWS profile, and synth needs no
 * AWS access. A setting a person got wrong ends in one line on stderr and exit code 2.
 */
public final class RedisMigrateApp {
    private RedisMigrateApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        try {
            DeploymentSettings settings = DeploymentSettings.fromContext(app.getNode()::tryGetContext);
            Object stackName = app.getNode().tryGetContext("stackName");
            new MigrationStack(app, stackName == null ? "RedisMigrate" : stackName.toString(), StackProps.builder()
                    .description("redis-migrate: online migration of a self-hosted Redis into a managed Redis")
                    .build(), settings);
        } catch (IllegalArgumentException e) {
            System.err.println("redis-migrate infra: " + e.getMessage());
            System.exit(2);
        }
        app.synth();
    }
}
