package dev.redismigrate.aws.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.aws.RecordedHttpClient;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

class AwsEc2InstancesTest {
    private final RecordedHttpClient http = new RecordedHttpClient();
    private final AwsEc2Instances instances = new AwsEc2Instances(http.client(Ec2Client.builder()));

    @Test
    void readsStateZoneAndEveryPrivateIpOfEveryInterface() {
        http.answer(200, "ec2/describe-instances-running.xml");
        Ec2Instances.Instance instance = instances.find("i-0123456789abcdef0").orElseThrow();
        assertThat(instance.state()).isEqualTo("running");
        assertThat(instance.availabilityZone()).isEqualTo("eu-west-1b");
        assertThat(instance.privateIps()).containsExactly("10.0.1.25", "10.0.1.26", "10.0.2.40");
        assertThat(http.requests()).singleElement().satisfies(request -> {
            assertThat(request.uri().getHost()).isEqualTo("ec2.eu-west-1.amazonaws.com");
            assertThat(request.body()).contains("Action=DescribeInstances").contains("InstanceId.1=i-0123456789abcdef0");
        });
    }

    @Test
    void aStoppedInstanceWithoutInterfacesStillHasItsPrimaryIp() {
        http.answer(200, "ec2/describe-instances-stopped.xml");
        Ec2Instances.Instance instance = instances.find("i-0123456789abcdef0").orElseThrow();
        assertThat(instance.state()).isEqualTo("stopped");
        assertThat(instance.privateIps()).containsExactly("10.0.1.25");
    }

    @Test
    void anUnknownIdIsEmpty() {
        http.answer(400, "ec2/error-instance-not-found.xml");
        assertThat(instances.find("i-0123456789abcdef0")).isEmpty();
    }

    @Test
    void aRefusedCallIsALookupFailureNamingTheErrorCode() {
        http.answer(403, "ec2/error-unauthorized.xml");
        assertThatThrownBy(() -> instances.find("i-0123456789abcdef0"))
                .isInstanceOf(CloudLookupException.class).hasMessageContaining("UnauthorizedOperation");
    }
}
