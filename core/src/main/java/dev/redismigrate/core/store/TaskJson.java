package dev.redismigrate.core.store;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.redismigrate.core.endpoint.SecretRef;
import dev.redismigrate.core.progress.Progress;
import dev.redismigrate.core.task.AclLockRecord;
import dev.redismigrate.core.task.FenceLockRecord;
import dev.redismigrate.core.task.LockRecord;
import dev.redismigrate.core.task.MigrationTask;
import dev.redismigrate.core.task.RbacLockRecord;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON form of tasks and progress, shared by the local file store, the DynamoDB store and {@code --json} output.
 * A password is written only as its reference ({@link SecretRef#reference()}): an in-process password becomes
 * {@code "process"} and its value is never serialised.
 */
public final class TaskJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule("secret-refs")
                    .addSerializer(SecretRef.class, new SecretRefSerializer())
                    .addDeserializer(SecretRef.class, new SecretRefDeserializer()))
            .addMixIn(LockRecord.class, LockRecordKinds.class)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private TaskJson() {
    }

    /** The configured mapper, for callers that print other records (reports, progress lines) the same way. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MigrationTask readTask(String json) {
        return read(json, MigrationTask.class);
    }

    public static Progress readProgress(String json) {
        return read(json, Progress.class);
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + type.getSimpleName() + " JSON: " + e.getMessage(), e);
        }
    }

    /**
     * A lock record names its strategy ({@code "strategy": "elasticache-rbac"}); records stored before there were
     * several strategies have none and are ACL locks.
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "strategy", defaultImpl = AclLockRecord.class)
    @JsonSubTypes({
            @JsonSubTypes.Type(value = AclLockRecord.class, name = "acl"),
            @JsonSubTypes.Type(value = RbacLockRecord.class, name = "elasticache-rbac"),
            @JsonSubTypes.Type(value = FenceLockRecord.class, name = "network-fence")})
    private interface LockRecordKinds {
    }

    private static final class SecretRefSerializer extends JsonSerializer<SecretRef> {
        @Override
        public void serialize(SecretRef value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.reference());
        }
    }

    private static final class SecretRefDeserializer extends JsonDeserializer<SecretRef> {
        @Override
        public SecretRef deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return SecretRef.parse(p.getValueAsString());
        }
    }
}
