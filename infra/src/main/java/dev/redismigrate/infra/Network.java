package dev.redismigrate.infra;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SecurityGroupImportOptions;
import software.amazon.awscdk.services.ec2.Subnet;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.VpcAttributes;
import software.constructs.Construct;

/**
 * The user's existing network, imported by id (no look-up, so synth is offline). The security groups are imported
 * immutable: the stack never adds rules to groups it does not own.
 */
public record Network(IVpc vpc, List<ISubnet> subnets, List<ISecurityGroup> securityGroups, boolean assignPublicIp) {

    public static Network imported(Construct scope, DeploymentSettings settings) {
        IVpc vpc = Vpc.fromVpcAttributes(scope, "Vpc", VpcAttributes.builder()
                .vpcId(settings.vpcId())
                .availabilityZones(Stack.of(scope).getAvailabilityZones())
                .build());
        List<ISubnet> subnets = new ArrayList<>();
        for (String subnetId : settings.subnetIds()) {
            ISubnet subnet = Subnet.fromSubnetId(scope, "Subnet-" + subnetId, subnetId);
            Annotations.of(subnet).acknowledgeWarning("@aws-cdk/aws-ec2:noSubnetRouteTableId",
                    "the stack only places tasks and functions in the subnet; it never reads its routes");
            subnets.add(subnet);
        }
        List<ISecurityGroup> groups = new ArrayList<>();
        for (String groupId : settings.securityGroupIds()) {
            groups.add(SecurityGroup.fromSecurityGroupId(scope, "SecurityGroup-" + groupId, groupId,
                    SecurityGroupImportOptions.builder().mutable(false).build()));
        }
        return new Network(vpc, List.copyOf(subnets), List.copyOf(groups), settings.assignPublicIp());
    }

    /** The same network with one more group on everything that connects to Redis (the migration's own, {@link LockFence}). */
    public Network withGroup(ISecurityGroup group) {
        List<ISecurityGroup> groups = new ArrayList<>(securityGroups);
        groups.add(group);
        return new Network(vpc, subnets, List.copyOf(groups), assignPublicIp);
    }

    public SubnetSelection subnetSelection() {
        return SubnetSelection.builder().subnets(subnets).build();
    }

    public List<String> subnetIds() {
        return subnets.stream().map(ISubnet::getSubnetId).toList();
    }

    public List<String> securityGroupIds() {
        return securityGroups.stream().map(ISecurityGroup::getSecurityGroupId).toList();
    }
}
