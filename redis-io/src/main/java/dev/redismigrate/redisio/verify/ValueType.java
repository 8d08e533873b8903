package dev.redismigrate.redisio.verify;

import redis.clients.jedis.Protocol.Command;

/** The types whose values are compared, with the command that sizes them and the word for their elements. */
enum ValueType {
    STRING("string", Command.STRLEN, "bytes"),
    LIST("list", Command.LLEN, "elements"),
    HASH("hash", Command.HLEN, "fields"),
    SET("set", Command.SCARD, "members"),
    ZSET("zset", Command.ZCARD, "members"),
    STREAM("stream", Command.XLEN, "entries");

    final String typeName;
    final Command sizeCommand;
    final String unit;

    ValueType(String typeName, Command sizeCommand, String unit) {
        this.typeName = typeName;
        this.sizeCommand = sizeCommand;
        this.unit = unit;
    }

    /** The type TYPE names, or null for a type we cannot read (a module type). */
    static ValueType of(String typeName) {
        for (ValueType type : values()) {
            if (type.typeName.equals(typeName)) {
                return type;
            }
        }
        return null;
    }
}
