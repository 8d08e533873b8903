package dev.redismigrate.testkit.elasticache;

import dev.redismigrate.core.elasticache.CacheUser;
import dev.redismigrate.core.elasticache.ElastiCache;
import dev.redismigrate.core.elasticache.ElastiCacheException;
import dev.redismigrate.core.elasticache.ReplicationGroup;
import dev.redismigrate.core.elasticache.ReplicationGroup.AuthMode;
import dev.redismigrate.core.elasticache.UserGroup;
import dev.redismigrate.testkit.RedisCluster;
import dev.redismigrate.testkit.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.Jedis;

/**
 * An ElastiCache (Redis OSS / Valkey, cluster mode disabled or enabled) region in memory, whose API calls take effect
 * on real redis-servers behind {@link ElastiCacheProxy proxies} (one per node): RBAC users become the server's ACL users (over a direct
 * admin connection, never through the proxy), security groups become the proxy's admitted source addresses.
 *
 * <p>After a change the resource is "modifying" (a user being deleted: "deleting") for the settle time given to the
 * constructor, and a change to a resource in that state fails with the service's InvalidXxxState fault. Tests set
 * the scene with the {@code add...}/{@code define...} methods (no API call, no delay), can plan failures with
 * {@link #failNext} and read the calls made with {@link #calls()}. Thread-safe. See docs/elasticache-emulation.md.
 */
public final class EmulatedElastiCache implements ElastiCache, AutoCloseable {
    public static final String REGION = "eu-west-1";
    public static final String ACCOUNT = "123456789012";
    /** A security group rule that admits every source address. */
    public static final String ANYWHERE = "0.0.0.0/0";
    /** The user every region has: user id and user name "default", all commands, no password. */
    public static final String DEFAULT_USER_ID = "default";
    private static final String DEFAULT_USER_NAME = "default";
    private static final String ENGINE = "redis";
    private static final Duration ANNOUNCE_TIMEOUT = Duration.ofSeconds(15);

    private final Duration settle;
    private final CallLog log = new CallLog();
    private final Map<String, EmulatedReplicationGroup> replicationGroups = new LinkedHashMap<>();
    private final Map<String, EmulatedUser> users = new LinkedHashMap<>();
    private final Map<String, EmulatedUserGroup> userGroups = new LinkedHashMap<>();
    private final Map<String, Set<String>> securityGroups = new HashMap<>();
    private final Set<String> serverlessCaches = new HashSet<>();

    /** @param settle how long a changed resource stays "modifying" (tests: a few hundred milliseconds) */
    public EmulatedElastiCache(Duration settle) {
        this.settle = settle;
        users.put(DEFAULT_USER_ID, new EmulatedUser(DEFAULT_USER_ID, DEFAULT_USER_NAME, ENGINE, null, "on ~* +@all",
                settle));
    }

    // ---- the scene, set by tests (no API call, no delay) ----

    /**
     * A replication group whose primary endpoint is a new proxy in front of {@code server}. {@code AUTH_TOKEN} sets
     * the server's requirepass to {@code authToken}; {@code RBAC} takes effect when a user group is attached.
     */
    public synchronized ReplicationGroup addReplicationGroup(String replicationGroupId, RedisServer server,
                                                             AuthMode authMode, String authToken,
                                                             List<String> securityGroupIds) {
        return add(replicationGroupId, false, List.of(server), authMode, authToken, securityGroupIds);
    }

    /**
     * A replication group with cluster mode enabled over a formed cluster without replicas (a replica would replicate
     * through its primary's proxy, which refuses PSYNC): one shard per primary, each behind a new proxy that the node
     * announces as its address (CLUSTER SLOTS/NODES/SHARDS, MOVED, ASK), the first proxy being the configuration
     * endpoint. Authentication and user groups as for {@link #addReplicationGroup}, on every node. Needs Redis 7.0+
     * (the announced port changed at run time). Afterwards the cluster's helpers that find nodes by the addresses
     * the cluster announces ({@link RedisCluster#primaries()}, {@link RedisCluster#ownerOf}) no longer apply.
     */
    public synchronized ReplicationGroup addClusterModeGroup(String replicationGroupId, RedisCluster cluster,
                                                             AuthMode authMode, String authToken,
                                                             List<String> securityGroupIds) {
        // read before the nodes announce their proxies: RedisCluster knows its nodes by their own ports
        List<RedisServer> primaries = cluster.primaries();
        if (primaries.size() != cluster.nodes().size()) {
            throw new IllegalArgumentException("a cluster-mode group is emulated over primaries only (no replicas)");
        }
        ReplicationGroup described = add(replicationGroupId, true, primaries, authMode, authToken, securityGroupIds);
        EmulatedReplicationGroup group = replicationGroups.get(replicationGroupId);
        for (int i = 0; i < group.proxies.size(); i++) {
            group.admins.get(i).announce(group.proxies.get(i).host(), group.proxies.get(i).port());
        }
        Set<Integer> proxyPorts = new HashSet<>();
        group.proxies.forEach(proxy -> proxyPorts.add(proxy.port()));
        awaitAnnounced(group.admins, proxyPorts);
        return described;
    }

    private ReplicationGroup add(String replicationGroupId, boolean clusterMode, List<RedisServer> servers,
                                 AuthMode authMode, String authToken, List<String> securityGroupIds) {
        for (String securityGroupId : securityGroupIds) {
            if (!securityGroups.containsKey(securityGroupId)) {
                throw new IllegalArgumentException("define security group " + securityGroupId + " first");
            }
        }
        List<ServerAdmin> admins = new ArrayList<>();
        List<ElastiCacheProxy> proxies = new ArrayList<>();
        for (RedisServer server : servers) {
            ServerAdmin admin = new ServerAdmin(server);
            if (authMode == AuthMode.AUTH_TOKEN) {
                admin.requirePass(authToken);
            }
            admins.add(admin);
            proxies.add(ElastiCacheProxy.start(server.host(), server.port()));
        }
        EmulatedReplicationGroup group = new EmulatedReplicationGroup(replicationGroupId, clusterMode, admins, proxies,
                authMode, securityGroupIds, settle);
        replicationGroups.put(replicationGroupId, group);
        admit(group);
        return describe(group);
    }

    /** Until every node's CLUSTER SLOTS names only the proxies (gossip carries each node's announcement). */
    private static void awaitAnnounced(List<ServerAdmin> nodes, Set<Integer> proxyPorts) {
        long deadline = System.nanoTime() + ANNOUNCE_TIMEOUT.toNanos();
        while (!nodes.stream().allMatch(node -> proxyPorts.equals(announcedPorts(node)))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cluster did not announce its proxies within " + ANNOUNCE_TIMEOUT);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the cluster announced its proxies", e);
            }
        }
    }

    /** The primaries' ports in one node's CLUSTER SLOTS (the announced ones). */
    private static Set<Integer> announcedPorts(ServerAdmin node) {
        Set<Integer> ports = new HashSet<>();
        try (Jedis jedis = node.connect()) {
            for (Object range : jedis.clusterSlots()) {
                List<?> fields = (List<?>) range;
                ports.add(((Long) ((List<?>) fields.get(2)).get(1)).intValue());
            }
        }
        return ports;
    }

    /** A user, active at once; {@code password} null means NoPasswordRequired. */
    public synchronized void addUser(String userId, String userName, String password, String accessString) {
        users.put(userId, new EmulatedUser(userId, userName, ENGINE, password, accessString, settle));
    }

    /** A user group of existing users (it must hold one whose user name is "default"), active at once. */
    public synchronized void addUserGroup(String userGroupId, List<String> userIds) {
        userIds.forEach(this::user);
        EmulatedUserGroup group = new EmulatedUserGroup(userGroupId, userIds, settle);
        requireOneUserPerName(group.userGroupId, group.userIds);
        userGroups.put(userGroupId, group);
    }

    /** Attaches a user group to an RBAC replication group: its users become the server's ACL users. */
    public synchronized void attachUserGroup(String replicationGroupId, String userGroupId) {
        EmulatedReplicationGroup group = existingReplicationGroup(replicationGroupId);
        EmulatedUserGroup userGroup = existingUserGroup(userGroupId);
        if (group.authMode != AuthMode.RBAC || !group.admins.get(0).hasAcl()) {
            throw new IllegalArgumentException(replicationGroupId + " does not use RBAC (it needs AuthMode.RBAC and a"
                    + " server with ACLs, Redis 6+)");
        }
        group.userGroupIds.add(userGroupId);
        userGroup.replicationGroupIds.add(replicationGroupId);
        userGroup.userIds.forEach(userId -> applyUser(group, user(userId)));
    }

    /** What a security group lets in: loopback source addresses (e.g. 127.0.0.2), or {@link #ANYWHERE}. */
    public synchronized void defineSecurityGroup(String securityGroupId, Set<String> admittedSourceAddresses) {
        securityGroups.put(securityGroupId, Set.copyOf(admittedSourceAddresses));
    }

    /** A serverless cache of this name exists in the region (nothing runs behind it). */
    public synchronized void addServerlessCache(String name) {
        serverlessCaches.add(name);
    }

    /** The proxy that is the group's primary endpoint (cluster mode enabled: its configuration endpoint). */
    public synchronized ElastiCacheProxy proxy(String replicationGroupId) {
        return existingReplicationGroup(replicationGroupId).endpoint();
    }

    /** Every proxy of the group, one per node (one with cluster mode disabled). */
    public synchronized List<ElastiCacheProxy> proxies(String replicationGroupId) {
        return existingReplicationGroup(replicationGroupId).proxies;
    }

    /**
     * A direct connection to the group's server with the emulation's own rights (not through the proxy, not one of
     * the group's users), for tests that look at the server behind ElastiCache's back; the caller closes it.
     */
    public synchronized Jedis adminClient(String replicationGroupId) {
        return existingReplicationGroup(replicationGroupId).admins.get(0).connect();
    }

    public String arn(String resourceType, String id) {
        return "arn:aws:elasticache:" + REGION + ":" + ACCOUNT + ":" + resourceType + ":" + id;
    }

    /** The next {@code operation} call (API name, e.g. {@code ModifyUser}) fails with {@code failure}. */
    public void failNext(String operation, ElastiCacheException failure) {
        failNext(operation, 1, failure);
    }

    /** The next {@code times} calls of {@code operation} fail with {@code failure}, without effect. */
    public void failNext(String operation, int times, ElastiCacheException failure) {
        log.plan(operation, 0, times, failure);
    }

    /**
     * The next {@code succeeding} calls of {@code operation} take effect, the one after fails with {@code failure}
     * (e.g. the second user of a lock).
     */
    public void failAfter(String operation, int succeeding, ElastiCacheException failure) {
        log.plan(operation, succeeding, 1, failure);
    }

    /** Forgets every failure still planned: the API works again (the end of a lasting outage). */
    public void stopFailing() {
        log.forgetPlans();
    }

    /** The API calls made so far, by API name, in order. */
    public List<String> calls() {
        return log.calls();
    }

    /** Waits until no resource is modifying or deleting any more. */
    public void awaitSettled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (anyBusy()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("resources still changing after " + timeout);
            }
            Thread.sleep(20);
        }
    }

    /** Closes the proxies (the servers belong to the test). */
    @Override
    public synchronized void close() {
        replicationGroups.values().forEach(group -> group.proxies.forEach(ElastiCacheProxy::close));
    }

    // ---- the API ----

    @Override
    public synchronized Optional<ReplicationGroup> replicationGroup(String replicationGroupId) {
        log.call("DescribeReplicationGroups");
        EmulatedReplicationGroup group = replicationGroups.get(replicationGroupId);
        if (group == null) {
            return Optional.empty();
        }
        log.call("DescribeCacheClusters");
        return Optional.of(describe(group));
    }

    @Override
    public synchronized boolean serverlessCacheExists(String name) {
        log.call("DescribeServerlessCaches");
        return serverlessCaches.contains(name);
    }

    @Override
    public synchronized List<CacheUser> users() {
        log.call("DescribeUsers");
        users.values().removeIf(EmulatedUser::gone);
        return users.values().stream().map(this::describe).toList();
    }

    @Override
    public synchronized Optional<UserGroup> userGroup(String userGroupId) {
        log.call("DescribeUserGroups");
        return Optional.ofNullable(userGroups.get(userGroupId)).map(EmulatedElastiCache::describe);
    }

    @Override
    public synchronized void createUser(String userId, String userName, String engine, String password,
                                        String accessString) {
        log.call("CreateUser");
        UserIds.require(userId, userName);
        EmulatedUser user = new EmulatedUser(userId, userName, engine, password, accessString, settle);
        EmulatedUser existing = users.get(userId);
        if (existing != null && !existing.gone()) {
            throw ApiFaults.userAlreadyExists(userId);
        }
        boolean nameTaken = users.values().stream()
                .anyMatch(other -> !other.gone() && other.userName.equals(userName));
        if (nameTaken && !DEFAULT_USER_NAME.equals(userName)) {
            throw ApiFaults.duplicateUserName(userName);
        }
        users.put(userId, user);
        user.settling.start();
    }

    @Override
    public synchronized void modifyUserAccessString(String userId, String accessString) {
        log.call("ModifyUser");
        EmulatedUser user = changeableUser(userId);
        List<String> rules = AccessStrings.rules(accessString);
        user.accessString = accessString;
        user.rules = rules;
        userChanged(user);
    }

    @Override
    public synchronized void modifyUserPassword(String userId, String password) {
        log.call("ModifyUser");
        EmulatedUser user = changeableUser(userId);
        user.password = password;
        userChanged(user);
    }

    @Override
    public synchronized void modifyUserGroup(String userGroupId, List<String> userIdsToAdd,
                                             List<String> userIdsToRemove) {
        log.call("ModifyUserGroup");
        EmulatedUserGroup group = existingUserGroup(userGroupId);
        if (group.settling.busy()) {
            throw ApiFaults.userGroupNotActive(userGroupId, group.status());
        }
        userIdsToAdd.forEach(this::user);
        userIdsToRemove.forEach(this::user);
        Set<String> members = new LinkedHashSet<>(group.userIds);
        members.removeAll(userIdsToRemove);
        members.addAll(userIdsToAdd);
        requireOneUserPerName(userGroupId, members);
        List<EmulatedUser> removed = group.userIds.stream().filter(id -> !members.contains(id)).map(this::user).toList();
        group.userIds.clear();
        group.userIds.addAll(members);
        group.settling.start();
        for (String replicationGroupId : group.replicationGroupIds) {
            EmulatedReplicationGroup replicationGroup = replicationGroups.get(replicationGroupId);
            removed.forEach(user -> withdrawUser(replicationGroup, user));
            members.forEach(userId -> applyUser(replicationGroup, user(userId)));
        }
    }

    @Override
    public synchronized void deleteUser(String userId) {
        log.call("DeleteUser");
        EmulatedUser user = changeableUser(userId);
        for (EmulatedUserGroup group : groupsOf(userId)) {
            if (DEFAULT_USER_NAME.equals(user.userName)) {
                throw ApiFaults.defaultUserInGroup(userId, group.userGroupId);
            }
        }
        // "The user will be removed from all user groups and in turn removed from all replication groups."
        for (EmulatedUserGroup group : groupsOf(userId)) {
            group.userIds.remove(userId);
            group.settling.start();
            group.replicationGroupIds.forEach(id -> withdrawUser(replicationGroups.get(id), user));
        }
        user.deleting = true;
        user.settling.start();
    }

    @Override
    public synchronized void modifySecurityGroups(String replicationGroupId, List<String> securityGroupIds) {
        log.call("ModifyReplicationGroup");
        EmulatedReplicationGroup group = existingReplicationGroup(replicationGroupId);
        if (group.settling.busy()) {
            throw ApiFaults.replicationGroupNotAvailable(replicationGroupId, group.status());
        }
        for (String securityGroupId : securityGroupIds) {
            if (!securityGroups.containsKey(securityGroupId)) {
                throw ApiFaults.invalidParameter("Security group " + securityGroupId + " does not exist.");
            }
        }
        group.securityGroupIds = List.copyOf(securityGroupIds);
        group.settling.start();
        admit(group);
    }

    // ---- effects and checks ----

    /** The proxy admits the union of the group's security groups; one that admits anywhere admits all. */
    private void admit(EmulatedReplicationGroup group) {
        Set<String> admitted = new HashSet<>();
        for (String securityGroupId : group.securityGroupIds) {
            admitted.addAll(securityGroups.getOrDefault(securityGroupId, Set.of()));
        }
        if (admitted.contains(ANYWHERE)) {
            group.proxies.forEach(ElastiCacheProxy::admitAll);
        } else {
            group.proxies.forEach(proxy -> proxy.admitOnly(admitted));
        }
    }

    private void applyUser(EmulatedReplicationGroup group, EmulatedUser user) {
        group.admins.forEach(admin -> admin.setUser(user.userName, user.rules, user.password));
    }

    /** A user leaves a group's server, unless another member of the group now holds its user name (a swap). */
    private void withdrawUser(EmulatedReplicationGroup group, EmulatedUser user) {
        boolean nameStillHeld = group.userGroupIds.stream().map(userGroups::get)
                .flatMap(userGroup -> userGroup.userIds.stream())
                .anyMatch(id -> user(id).userName.equals(user.userName) && !id.equals(user.userId));
        if (!nameStillHeld) {
            group.admins.forEach(admin -> admin.removeUser(user.userName));
        }
    }

    /** ModifyUser's changes reach every server whose user group holds the user, at once. */
    private void userChanged(EmulatedUser user) {
        user.settling.start();
        for (EmulatedUserGroup group : groupsOf(user.userId)) {
            group.replicationGroupIds.forEach(id -> applyUser(replicationGroups.get(id), user));
        }
    }

    /** A user a change may be made to: it exists, is not the built-in default user, and is active. */
    private EmulatedUser changeableUser(String userId) {
        EmulatedUser user = users.get(userId);
        if (user == null || user.gone()) {
            throw ApiFaults.userNotFound(userId);
        }
        if (DEFAULT_USER_ID.equals(userId)) {
            throw ApiFaults.invalidParameter("The built-in user default cannot be modified or deleted; create a "
                    + "user with the user name default and swap it into the user group instead.");
        }
        if (!"active".equals(user.status())) {
            throw ApiFaults.userNotActive(userId, user.status());
        }
        return user;
    }

    private void requireOneUserPerName(String userGroupId, Set<String> userIds) {
        Set<String> names = new HashSet<>();
        for (String userId : userIds) {
            if (!names.add(user(userId).userName)) {
                throw ApiFaults.duplicateUserName(user(userId).userName);
            }
        }
        if (!names.contains(DEFAULT_USER_NAME)) {
            throw ApiFaults.defaultUserRequired(userGroupId);
        }
    }

    private List<EmulatedUserGroup> groupsOf(String userId) {
        return userGroups.values().stream().filter(group -> group.userIds.contains(userId)).toList();
    }

    private EmulatedUser user(String userId) {
        EmulatedUser user = users.get(userId);
        if (user == null || user.gone()) {
            throw ApiFaults.userNotFound(userId);
        }
        return user;
    }

    private EmulatedUserGroup existingUserGroup(String userGroupId) {
        EmulatedUserGroup group = userGroups.get(userGroupId);
        if (group == null) {
            throw ApiFaults.userGroupNotFound(userGroupId);
        }
        return group;
    }

    private EmulatedReplicationGroup existingReplicationGroup(String replicationGroupId) {
        EmulatedReplicationGroup group = replicationGroups.get(replicationGroupId);
        if (group == null) {
            throw ApiFaults.replicationGroupNotFound(replicationGroupId);
        }
        return group;
    }

    private synchronized boolean anyBusy() {
        return users.values().stream().anyMatch(user -> user.settling.busy())
                || userGroups.values().stream().anyMatch(group -> group.settling.busy())
                || replicationGroups.values().stream().anyMatch(group -> group.settling.busy());
    }

    private ReplicationGroup describe(EmulatedReplicationGroup group) {
        return new ReplicationGroup(group.id, group.status(), group.clusterMode, group.endpoint().host(),
                group.endpoint().port(), false, group.authMode, group.userGroupIds, group.engine, group.engineVersion,
                group.securityGroupIds, arn("replicationgroup", group.id), group.shardIds());
    }

    private CacheUser describe(EmulatedUser user) {
        List<String> groupIds = new ArrayList<>();
        groupsOf(user.userId).forEach(group -> groupIds.add(group.userGroupId));
        return new CacheUser(user.userId, user.userName, user.status(), user.accessString, groupIds, user.engine);
    }

    private static UserGroup describe(EmulatedUserGroup group) {
        return new UserGroup(group.userGroupId, group.status(), List.copyOf(group.userIds),
                List.copyOf(group.replicationGroupIds));
    }
}
