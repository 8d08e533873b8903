package dev.redismigrate.aws.cloud;

import java.util.List;
import java.util.Optional;

/** The EC2 facts the source checks need, in the deployment's region. */
public interface Ec2Instances {
    /** @param privateIps every private IPv4 address of every network interface of the instance */
    record Instance(String id, String state, String availabilityZone, List<String> privateIps) {
        public Instance {
            privateIps = List.copyOf(privateIps);
        }
    }

    /** Empty if no instance has this id in the region; {@link CloudLookupException} if EC2 could not be asked. */
    Optional<Instance> find(String instanceId);
}
