package dev.redismigrate.infra;

import java.util.List;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.ec2.CfnVPCEndpoint;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.constructs.Construct;

/**
 * The VPC endpoints that let the functions and the sync-runner reach AWS from private subnets without a NAT gateway,
 * so the first deploy works: gateway endpoints (free) for DynamoDB and S3 (ECR keeps image layers there) on the
 * subnets' route tables, and one interface endpoint (private DNS on, in the migration's subnets) per other API the
 * code calls. Only the migration's own security group may reach the interface endpoints, on HTTPS.
 *
 * <p>Written as plain CloudFormation resources: CDK's endpoint constructs place one subnet per availability zone and
 * so must know each subnet's zone, which an imported subnet id does not tell (synth stays offline).
 */
final class VpcEndpoints extends Construct {
    /** Free; routed through the subnets' route tables. */
    static final List<String> GATEWAY_SERVICES = List.of("dynamodb", "s3");
    /**
     * Billed per hour and availability zone plus per GB. states: executions and task tokens; secretsmanager: task
     * passwords; ecs: the janitor's ListTasks/StopTask; ecr.api and ecr.dkr: the image pull; logs: the container's
     * awslogs driver; ec2 and elasticache: the validation's look-ups and the ElastiCache locks; scheduler: scheduled
     * starts; events: task status events.
     */
    static final List<String> INTERFACE_SERVICES = List.of(
            "states", "secretsmanager", "ecs", "ecr.api", "ecr.dkr", "logs", "ec2", "elasticache", "scheduler", "events");

    private final SecurityGroup endpointGroup;

    VpcEndpoints(Construct scope, String id, DeploymentSettings settings, Network network, ISecurityGroup clients) {
        super(scope, id);
        endpointGroup = SecurityGroup.Builder.create(this, "EndpointGroup")
                .vpc(network.vpc())
                .description("redis-migrate VPC endpoints: HTTPS from the migration's functions and sync-runner")
                .allowAllOutbound(false)
                .build();
        endpointGroup.addIngressRule(Peer.securityGroupId(clients.getSecurityGroupId()), Port.tcp(443),
                "HTTPS from the migration");
        for (String service : GATEWAY_SERVICES) {
            CfnVPCEndpoint.Builder.create(this, logicalName(service))
                    .vpcId(network.vpc().getVpcId())
                    .serviceName(serviceName(service))
                    .vpcEndpointType("Gateway")
                    .routeTableIds(settings.routeTableIds())
                    .build();
        }
        for (String service : INTERFACE_SERVICES) {
            CfnVPCEndpoint.Builder.create(this, logicalName(service))
                    .vpcId(network.vpc().getVpcId())
                    .serviceName(serviceName(service))
                    .vpcEndpointType("Interface")
                    .subnetIds(network.subnetIds())
                    .securityGroupIds(List.of(endpointGroup.getSecurityGroupId()))
                    .privateDnsEnabled(true)
                    .build();
        }
    }

    SecurityGroup endpointGroup() {
        return endpointGroup;
    }

    /** {@code com.amazonaws.REGION.SERVICE}, the form every endpoint service of these APIs has. */
    private static String serviceName(String service) {
        return "com.amazonaws." + Aws.REGION + "." + service;
    }

    private static String logicalName(String service) {
        StringBuilder name = new StringBuilder();
        for (String part : service.split("\\.")) {
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name.append("Endpoint").toString();
    }
}
