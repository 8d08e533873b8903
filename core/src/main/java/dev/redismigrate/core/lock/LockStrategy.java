package dev.redismigrate.core.lock;

/**
 * How a target is kept free of other writers while the migration runs. Validation picks one from facts about the
 * target ({@code target.lockable} names it); the lock step uses the adapter for it; the undo record it stores says
 * which adapter unlocks.
 */
public enum LockStrategy {
    /** Self-managed Redis 6+: a migration ACL user; every other user loses its write commands (ACL SETUSER). */
    ACL("acl", "every other ACL user loses its write commands until the end; reads keep working"),
    /**
     * ElastiCache with a user group (RBAC): a migration user created through the API and added to the group; every
     * other user of the group made read-only through ModifyUser, each access string put back at unlock.
     */
    ELASTICACHE_RBAC("elasticache-rbac", "every other user of the user group becomes read-only until the end;"
            + " reads keep working; users, user group and cache are 'modifying' for a minute or two at lock and unlock"),
    /**
     * ElastiCache with an AUTH token or no authentication (no per-user rights): the replication group's security
     * groups are swapped for a fence group that admits only the migration, other clients are disconnected.
     */
    NETWORK_FENCE("network-fence", "no other client can connect (reads are blocked too) until the end; clients"
            + " connected at the lock are disconnected"),
    /** Nothing can lock the target: only with the user's explicit acceptance. */
    NONE("none", "nothing stops other clients from writing to the target during the migration");

    private final String id;
    private final String userSees;

    LockStrategy(String id, String userSees) {
        this.id = id;
        this.userSees = userSees;
    }

    /** The name used in reports, docs and the task JSON. */
    public String id() {
        return id;
    }

    /** What the people using the target notice while it is locked this way. */
    public String userSees() {
        return userSees;
    }

    public static LockStrategy fromId(String id) {
        for (LockStrategy strategy : values()) {
            if (strategy.id.equals(id)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("unknown lock strategy '" + id + "'");
    }
}
