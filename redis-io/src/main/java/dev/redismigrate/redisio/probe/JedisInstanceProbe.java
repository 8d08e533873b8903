package dev.redismigrate.redisio.probe;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.lock.AclLockPlan;
import dev.redismigrate.core.port.InstanceProbe;
import dev.redismigrate.core.progress.DbKeyCount;
import dev.redismigrate.core.validation.InstanceFacts;
import dev.redismigrate.core.validation.InstanceFacts.AclSupport;
import dev.redismigrate.core.validation.Reachability;
import dev.redismigrate.core.validation.ServerVersion;
import dev.redismigrate.core.validation.Side;
import dev.redismigrate.redisio.RedisInfo;
import dev.redismigrate.redisio.cluster.ClusterDetection;
import dev.redismigrate.redisio.cluster.ClusterTopology;
import dev.redismigrate.redisio.cluster.SlotRanges;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Gathers {@link InstanceFacts} with Jedis: first {@link PortGreeting} (network, protocol, whether a password is
 * needed), then an authenticated connection for INFO, CONFIG GET, MODULE LIST and the ACL and replication probes
 * (a managed target gets neither CONFIG GET nor the ACL probe: ElastiCache refuses both). Every step is bounded by {@link ProbeSettings}; a refused command leaves its fact unknown (null) instead of failing
 * the probe. Only reads: nothing on the instance is changed (the PSYNC probes never run a sync).
 */
public final class JedisInstanceProbe implements InstanceProbe {
    /** Highest database index tried when CONFIG GET databases is refused (SELECT then finds the real count). */
    private static final int MAX_DATABASES_PROBED = 16_384;

    private final ProbeSettings settings;
    private final SecureRandom random = new SecureRandom();

    public JedisInstanceProbe(ProbeSettings settings) {
        this.settings = settings;
    }

    public JedisInstanceProbe() {
        this(ProbeSettings.defaults());
    }

    @Override
    public InstanceFacts probe(RedisEndpoint endpoint, String password, Side side) {
        return probe(endpoint, password, side, false, null);
    }

    @Override
    public InstanceFacts probeSource(RedisEndpoint endpoint, String password, ServerVersion targetVersion) {
        return probe(endpoint, password, Side.SOURCE, false, targetVersion);
    }

    /** Without CONFIG GET and without the throwaway ACL user, which ElastiCache refuses. */
    @Override
    public InstanceFacts probeManagedTarget(RedisEndpoint endpoint, String password) {
        return probe(endpoint, password, Side.TARGET, true, null);
    }

    /** @param targetVersion on the source side, the target's version when known (see {@link TypeSearch}) */
    private InstanceFacts probe(RedisEndpoint endpoint, String password, Side side, boolean managed,
                                ServerVersion targetVersion) {
        return probeOne(endpoint, password, side, managed, targetVersion, true);
    }

    /** @param followCluster on a cluster node, probe its primaries too (see {@link #cluster}) */
    private InstanceFacts probeOne(RedisEndpoint endpoint, String password, Side side, boolean managed,
                                   ServerVersion targetVersion, boolean followCluster) {
        PortGreeting.Outcome greeting = PortGreeting.greet(endpoint, settings);
        if (greeting.reachability() != Reachability.REACHABLE) {
            return InstanceFacts.unusable(greeting.reachability(), greeting.problem(), false);
        }
        if (greeting.passwordRequired() && password == null) {
            return InstanceFacts.unusable(Reachability.AUTH_REQUIRED, "no password given", true);
        }
        Jedis jedis;
        try {
            jedis = connect(endpoint, password);
        } catch (JedisException e) {
            return InstanceFacts.unusable(classify(e), describe(e, endpoint, password), greeting.passwordRequired());
        }
        try (jedis) {
            return gather(jedis, endpoint, password, side, greeting.passwordRequired(), managed, targetVersion,
                    followCluster);
        } catch (JedisException e) {
            return InstanceFacts.unusable(classify(e), describe(e, endpoint, password), greeting.passwordRequired());
        }
    }

    private Jedis connect(RedisEndpoint endpoint, String password) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(settings.connectMillis())
                .socketTimeoutMillis(settings.readMillis())
                .ssl(endpoint.tls())
                .autoNegotiateProtocol(false); // RESP2 without HELLO: every version from 2.8 speaks it
        if (password != null) {
            config.user(endpoint.username()).password(password);
        }
        return new Jedis(new HostAndPort(endpoint.host(), endpoint.port()), config.build());
    }

    private InstanceFacts gather(Jedis jedis, RedisEndpoint endpoint, String password, Side side,
                                 boolean passwordRequired, boolean managed, ServerVersion targetVersion,
                                 boolean followCluster) {
        Function<String, String> config = managed ? name -> null : name -> config(jedis, name);
        RedisInfo info = RedisInfo.parse(jedis.info());
        ServerVersion version = ServerVersion.parse(info.get("redis_version"));
        Map<Integer, DbKeyCount> keyspace = info.keyspace();
        InstanceFacts.SyncAccess replication = null;
        InstanceFacts.DataTypes dataTypes = null;
        if (side == Side.SOURCE) {
            replication = SyncPermission.probe(jedis, version, endpoint.username());
            Set<Integer> used = keyspace.entrySet().stream().filter(e -> e.getValue().keys() > 0)
                    .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
            TypeSearch.Result types = TypeSearch.search(jedis, version, targetVersion, used,
                    TimeUnit.MILLISECONDS.toNanos(settings.typeScanBudget().toMillis()));
            dataTypes = new InstanceFacts.DataTypes(types.found().contains(TypeSearch.STREAM),
                    types.found().contains(TypeSearch.VECTOR_SET), types.complete(), info.keyspaceTotal("subexpiry"));
        }
        return new InstanceFacts(Reachability.REACHABLE, null, passwordRequired, version, info.get("run_id"),
                role(info, config), "1".equals(info.get("loading")), memory(info, config), databases(jedis, config),
                keyspace, modules(jedis, version), managed ? null : acl(jedis, version, side), replication, dataTypes,
                cluster(jedis, endpoint, info, followCluster ? node -> probeOne(node, password, side, managed,
                        targetVersion, false) : null), side == Side.TARGET && !managed ? migrationUsers(jedis, version)
                : null);
    }

    /**
     * Whether this is a Redis Cluster node, told by {@link ClusterDetection} on this connection. A node whose
     * {@code CLUSTER} commands this user may not run is still known as a cluster node by the {@code INFO} already read.
     * A cluster whose every slot is served is followed to each of its primaries, probed with the same credentials
     * (the node given may be any node, a replica too): on a target the migration writes to each, so each must be
     * reachable, empty, new enough and lockable; on a source it replicates each (one sync per shard), so each must
     * allow PSYNC, and its keys and memory count towards the whole source.
     *
     * @param probePrimary probes one primary, given its endpoint; null: do not follow
     */
    private static InstanceFacts.ClusterMode cluster(Jedis jedis, RedisEndpoint endpoint, RedisInfo info,
                                                     Function<RedisEndpoint, InstanceFacts> probePrimary) {
        ClusterTopology topology;
        try {
            topology = ClusterDetection.read(jedis, endpoint.host());
        } catch (JedisDataException e) {
            return "1".equals(info.get("cluster_enabled"))
                    ? new InstanceFacts.ClusterMode(true, null, null) : InstanceFacts.ClusterMode.STANDALONE;
        }
        if (!topology.cluster()) {
            return InstanceFacts.ClusterMode.STANDALONE;
        }
        Integer primaries = topology.slots() == null ? null : topology.primaries().size();
        if (probePrimary == null || !topology.usable()) {
            return new InstanceFacts.ClusterMode(true, topology.state(), primaries);
        }
        Map<String, InstanceFacts> nodes = new LinkedHashMap<>();
        Map<String, String> slots = new LinkedHashMap<>();
        topology.slots().slotsByPrimary().forEach((node, served) -> {
            nodes.put(node.address(), probePrimary.apply(new RedisEndpoint(node.host(), node.port(), endpoint.tls(),
                    endpoint.username(), endpoint.password())));
            slots.put(node.address(), SlotRanges.of(served));
        });
        return new InstanceFacts.ClusterMode(true, topology.state(), primaries, nodes, slots);
    }

    /** @param config one CONFIG GET value, or null (always, on a managed target) */
    private static InstanceFacts.Role role(RedisInfo info, Function<String, String> config) {
        if (!"slave".equals(info.get("role"))) {
            return InstanceFacts.Role.primary();
        }
        String readOnly = info.get("slave_read_only");
        if (readOnly == null) {
            readOnly = config.apply("slave-read-only");
        }
        return new InstanceFacts.Role(true, info.get("master_host") + ":" + info.get("master_port"),
                "up".equals(info.get("master_link_status")), readOnly == null || readOnly.equals("1") || readOnly.equals("yes"));
    }

    /** INFO memory has maxmemory and its policy from 3.2 on; 2.8 only answers CONFIG GET. */
    private static InstanceFacts.Memory memory(RedisInfo info, Function<String, String> config) {
        Long max = info.getLong("maxmemory");
        if (max == null) {
            max = number(config.apply("maxmemory"));
        }
        String policy = info.get("maxmemory_policy");
        if (policy == null) {
            policy = config.apply("maxmemory-policy");
        }
        return new InstanceFacts.Memory(info.getLong("used_memory"), max, policy);
    }

    /**
     * CONFIG GET databases, or, where CONFIG is renamed or denied (as on managed services), the highest index SELECT
     * accepts, found by bisection.
     */
    private static Integer databases(Jedis jedis, Function<String, String> config) {
        Long configured = number(config.apply("databases"));
        if (configured != null) {
            return configured.intValue();
        }
        if (!selects(jedis, 0)) {
            return null;
        }
        int low = 0;
        int high = MAX_DATABASES_PROBED;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (selects(jedis, mid)) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        selects(jedis, 0);
        return low + 1;
    }

    private static boolean selects(Jedis jedis, int db) {
        try {
            jedis.select(db);
            return true;
        } catch (JedisDataException e) {
            return false;
        }
    }

    /**
     * Names of the modules loaded into the server; empty before 4.0 (no modules exist), null when MODULE LIST is
     * refused. A module built into the server (Redis 8's vectorset: listed with an empty path) is left out: it comes
     * with the version, and its type is looked for as a data type.
     */
    private static List<String> modules(Jedis jedis, ServerVersion version) {
        if (version != null && !version.atLeast(4, 0)) {
            return List.of();
        }
        try {
            List<String> names = new ArrayList<>();
            for (Object entry : (List<?>) SafeEncoder.encodeObject(jedis.sendCommand(Protocol.Command.MODULE, "LIST"))) {
                Map<String, Object> fields = new HashMap<>();
                List<?> pairs = (List<?>) entry;
                for (int i = 0; i + 1 < pairs.size(); i += 2) {
                    fields.put(String.valueOf(pairs.get(i)), pairs.get(i + 1));
                }
                boolean builtIn = "".equals(fields.get("path"));
                if (!builtIn && fields.get("name") != null) {
                    names.add(String.valueOf(fields.get("name")));
                }
            }
            return names.stream().sorted().toList();
        } catch (JedisDataException e) {
            return e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("unknown command")
                    ? List.of() : null;
        }
    }

    /**
     * Whether the ACL lock will work, tried for real: a throwaway user (disabled, no rights) is created and removed.
     * A listing proves nothing: a managed service may show ACL USERS and still refuse ACL SETUSER. Only the target is
     * locked, so only the target is tried.
     */
    private AclSupport acl(Jedis jedis, ServerVersion version, Side side) {
        if (side != Side.TARGET) {
            return null;
        }
        if (version == null || !version.atLeast(6, 0)) {
            return AclSupport.NONE;
        }
        byte[] suffix = new byte[6];
        random.nextBytes(suffix);
        String probeUser = "redis-migrate-probe-" + HexFormat.of().formatHex(suffix);
        try {
            jedis.aclSetUser(probeUser, "off", "resetkeys", "-@all");
        } catch (JedisDataException e) {
            return AclSupport.DENIED;
        }
        try {
            jedis.aclDelUser(probeUser);
        } catch (JedisDataException e) {
            // Created but not removable: the lock could not be undone, so it must not be used.
            return AclSupport.DENIED;
        }
        return AclSupport.AVAILABLE;
    }

    /**
     * The users some migration left on a target ({@code ACL USERS}): the lock refuses a target holding another
     * migration's user, so validation says so first. Null when the listing is refused.
     */
    private static List<String> migrationUsers(Jedis jedis, ServerVersion version) {
        if (version == null || !version.atLeast(6, 0)) {
            return List.of();
        }
        try {
            return jedis.aclUsers().stream().filter(AclLockPlan::isMigrationUser).toList();
        } catch (JedisDataException e) {
            return null;
        }
    }

    /** One CONFIG GET value, or null when CONFIG is renamed, denied or does not know the name. */
    private static String config(Jedis jedis, String name) {
        try {
            Map<String, String> values = jedis.configGet(name);
            return values.get(name);
        } catch (JedisDataException e) {
            return null;
        }
    }

    private static Long number(String value) {
        try {
            return value == null ? null : Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Reachability classify(JedisException e) {
        if (e instanceof JedisConnectionException) {
            return hasCause(e, SocketTimeoutException.class) ? Reachability.TIMEOUT : Reachability.UNREACHABLE;
        }
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (message.startsWith("noperm")) {
            return Reachability.REJECTED;
        }
        if (e instanceof JedisAccessControlException || message.contains("password") || message.contains("auth")) {
            return Reachability.AUTH_FAILED;
        }
        return Reachability.UNREACHABLE;
    }

    /** The failure in user terms, one line, with any trace of the password removed. */
    private static String describe(JedisException e, RedisEndpoint endpoint, String password) {
        String message = PortGreeting.oneLine(e.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        String text;
        if (lower.contains("no password is set") || lower.contains("without any password configured")) {
            text = "the server has no password, but one was given: give none";
        } else if (lower.contains("wrong number of arguments for 'auth'")) {
            text = "this server predates ACL users (Redis 6): give only a password, without the user name '"
                    + endpoint.username() + "'";
        } else if (lower.startsWith("noperm")) {
            text = "this user may not run a command validation needs (" + message + "); it needs at least INFO,"
                    + " and CONFIG GET, SCAN and SELECT to check everything";
        } else if (e instanceof JedisConnectionException) {
            text = "the connection to " + endpoint.address() + " failed: " + message;
        } else {
            text = "the server answered: " + message;
        }
        return password == null || password.isEmpty() ? text : text.replace(password, "***");
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
