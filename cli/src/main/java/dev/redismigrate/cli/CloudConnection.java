package dev.redismigrate.cli;

import dev.redismigrate.aws.AwsClients;
import dev.redismigrate.aws.CloudServices;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** What cloud mode talks to, built from the environment {@link CloudOptions} make; tests give their own. */
public interface CloudConnection {
    /** The create-task function may validate for up to its timeout (120 s). */
    Duration CREATE_TASK_TIMEOUT = Duration.ofSeconds(150);

    /** Tasks, finish and cancel, executions: the functions' composition without validation. */
    CloudServices services(Map<String, String> env);

    /** For invoking the create-task function, which validates from inside the VPC. */
    LambdaClient lambda(Map<String, String> env);

    static CloudConnection aws() {
        return new CloudConnection() {
            @Override
            public CloudServices services(Map<String, String> env) {
                return CloudServices.withoutValidation(env);
            }

            @Override
            public LambdaClient lambda(Map<String, String> env) {
                return AwsClients.fromEnvironment(env).buildForLongCalls(LambdaClient.builder(), CREATE_TASK_TIMEOUT);
            }
        };
    }
}
