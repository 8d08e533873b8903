package dev.redismigrate.cli;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.endpoint.RedisUri;
import dev.redismigrate.core.endpoint.SecretRef;

/**
 * Endpoints and passwords as cloud mode takes them: a password is the ARN of a Secrets Manager secret, never typed
 * into a URI (it would live only in this process, where the functions and the sync container cannot read it).
 */
final class CloudEndpoints {
    private CloudEndpoints() {
    }

    /** @param option the URI's option, e.g. {@code --source}; its secret option is {@code --source-password-secret} */
    static RedisEndpoint endpoint(String uri, String secretArn, String option) {
        RedisEndpoint endpoint = RedisUri.parse(uri);
        if (endpoint.password() instanceof SecretRef.ProcessOnly) {
            throw new IllegalArgumentException("a password in the " + option + " URI cannot reach the functions and the"
                    + " sync container; store it in Secrets Manager and give " + option + "-password-secret ARN");
        }
        return secretArn == null ? endpoint : endpoint.withPassword(secret(secretArn, option));
    }

    static SecretRef.SecretsManager secret(String secretArn, String option) {
        if (!(SecretRef.parse(secretArn) instanceof SecretRef.SecretsManager secret)) {
            throw new IllegalArgumentException(option + "-password-secret must be a Secrets Manager ARN (arn:aws:secretsmanager:...)");
        }
        return secret;
    }
}
