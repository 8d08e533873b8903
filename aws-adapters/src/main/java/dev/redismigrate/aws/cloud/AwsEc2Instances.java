package dev.redismigrate.aws.cloud;

import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.InstancePrivateIpAddress;

/** {@link Ec2Instances} through EC2 DescribeInstances. */
public final class AwsEc2Instances implements Ec2Instances {
    private final Ec2Client ec2;

    public AwsEc2Instances(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public Optional<Instance> find(String instanceId) {
        DescribeInstancesResponse response;
        try {
            response = ec2.describeInstances(r -> r.instanceIds(instanceId));
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails().errorCode();
            if ("InvalidInstanceID.NotFound".equals(code) || "InvalidInstanceID.Malformed".equals(code)) {
                return Optional.empty();
            }
            throw new CloudLookupException("EC2 DescribeInstances failed: " + code, e);
        } catch (SdkException e) {
            throw new CloudLookupException("EC2 DescribeInstances failed: " + e.getClass().getSimpleName(), e);
        }
        return response.reservations().stream()
                .flatMap(reservation -> reservation.instances().stream())
                .filter(instance -> instance.instanceId().equals(instanceId))
                .findFirst()
                .map(instance -> new Instance(instance.instanceId(), instance.state().nameAsString(),
                        instance.placement() == null ? null : instance.placement().availabilityZone(),
                        Stream.concat(Stream.ofNullable(instance.privateIpAddress()),
                                        instance.networkInterfaces().stream()
                                                .map(InstanceNetworkInterface::privateIpAddresses)
                                                .flatMap(ips -> ips.stream().map(InstancePrivateIpAddress::privateIpAddress)))
                                .distinct().toList()));
    }
}
