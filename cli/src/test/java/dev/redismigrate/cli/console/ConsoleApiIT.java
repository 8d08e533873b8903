package dev.redismigrate.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redismigrate.cli.StateDirOption;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** The console's JSON API over real HTTP, running real migrations between real redis-servers. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ConsoleApiIT {
    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @TempDir
    Path stateDir;

    private final StringWriter consoleOut = new StringWriter();
    private Console console;
    private ConsoleClient api;

    private void startConsole() throws Exception {
        console = Console.local(StateDirOption.at(stateDir), InetAddress.getByName("127.0.0.1"), 0,
                new PrintWriter(consoleOut, true));
        api = new ConsoleClient("http://127.0.0.1:" + console.port(), null);
    }

    @AfterEach
    void stopConsole() {
        if (console != null) {
            console.close();
        }
    }

    /** The "New task" form: source and target by endpoint, with their passwords if any. */
    static Map<String, Object> form(String name, RedisServer source, String sourcePassword, RedisServer target,
                                    boolean acknowledgeWarnings) {
        Map<String, Object> sourceSide = new HashMap<>();
        sourceSide.put("endpoint", "redis://" + source.host() + ":" + source.port());
        sourceSide.put("password", sourcePassword);
        Map<String, Object> form = new HashMap<>();
        form.put("name", name);
        form.put("source", sourceSide);
        form.put("target", Map.of("endpoint", "redis://" + target.host() + ":" + target.port()));
        form.put("parameters", Map.of("repl-timeout", "600"));
        form.put("acknowledgeWarnings", acknowledgeWarnings);
        return form;
    }

    private String created(String name, RedisServers.Pair pair) {
        ConsoleClient.Answer created = api.post("/api/tasks", ConsoleClient.json(form(name, pair.source(), null,
                pair.target(), true)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    private JsonNode startedAndSyncing(String id) {
        ConsoleClient.Answer started = api.post("/api/tasks/" + id + "/start", "{\"at\": null}");
        assertThat(started.status()).as(started.text()).isEqualTo(200);
        return api.awaitTask(id, t -> t.get("status").asText().equals("SYNCING")
                && "INCREMENTAL".equals(t.path("phase").asText()), "the task syncs the live stream");
    }

    @Test
    void aWrongPasswordShowsTheErrorAndItsRemedyAndTheTaskIsCreatedOnceFixed() throws Exception {
        RedisServer source = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().password("src-secret"));
        RedisServer target = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().password("dst-secret"));
        startConsole();
        Map<String, Object> wrong = form("orders", source, "not-the-password", target, false);
        wrong.put("target", Map.of("endpoint", "redis://" + target.host() + ":" + target.port(), "password", "dst-secret"));

        ConsoleClient.Answer validation = api.post("/api/validations", ConsoleClient.json(wrong));

        assertThat(validation.status()).as(validation.text()).isEqualTo(200);
        assertThat(validation.body().get("canCreate").asBoolean()).isFalse();
        JsonNode auth = check(validation.body(), "source.auth");
        assertThat(auth.get("severity").asText()).isEqualTo("ERROR");
        assertThat(auth.get("title").asText()).isNotBlank();
        assertThat(auth.get("remedy").asText()).isNotBlank();
        ConsoleClient.Answer refused = api.post("/api/tasks", ConsoleClient.json(wrong));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.error()).contains("ERROR");
        assertThat(check(refused.body().get("validation"), "source.auth").get("severity").asText()).isEqualTo("ERROR");
        assertThat(api.get("/api/tasks").body()).isEmpty();

        Map<String, Object> fixed = new HashMap<>(wrong);
        fixed.put("source", Map.of("endpoint", "redis://" + source.host() + ":" + source.port(), "password", "src-secret"));
        fixed.put("acknowledgeWarnings", true);
        ConsoleClient.Answer created = api.post("/api/tasks", ConsoleClient.json(fixed));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.body().get("status").asText()).isEqualTo("VALIDATED");
        assertThat(created.body().get("sourcePassword").get("passwordSet").asBoolean()).isTrue();
        assertThat(created.body().get("allowedActions")).extracting(JsonNode::asText).contains("start", "edit", "cancel");
        ConsoleClient.Answer list = api.get("/api/tasks?status=VALIDATED");
        assertThat(list.body()).hasSize(1);
        assertThat(list.body().get(0).get("name").asText()).isEqualTo("orders");
        String everything = list.text() + created.text() + api.get("/api/tasks/" + created.body().get("id").asText()).text();
        assertThat(everything).doesNotContain("src-secret").doesNotContain("dst-secret");
        assertThat(consoleOut.toString()).doesNotContain("src-secret");
        assertThat(Files.readString(stateDir.resolve("tasks").resolve(created.body().get("id").asText() + ".json")))
                .doesNotContain("src-secret").contains("file:" + stateDir.resolve("secrets"));
        try (Stream<Path> files = Files.list(stateDir.resolve("secrets"))) {
            assertThat(files.map(ConsoleApiIT::permissions)).as("the two typed passwords, owner-only")
                    .containsExactly("rw-------", "rw-------");
        }

        api.post("/api/tasks/" + created.body().get("id").asText() + "/cancel", "");
        ConsoleClient.await(() -> secretFiles() == 0, "an ended task's password files are deleted");
    }

    private long secretFiles() {
        try (Stream<Path> files = Files.list(stateDir.resolve("secrets"))) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String permissions(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aStartedTaskSyncsWithAProgressSeriesAndEventsAndFinishIsRefusedOnADifferenceUntilItIsFixed() throws Exception {
        RedisServers.Pair pair = redis.sourceAndTarget();
        try (Jedis s = pair.source().client()) {
            for (int i = 0; i < 200; i++) {
                s.set("k" + i, "v" + i);
            }
        }
        startConsole();
        List<String> events = api.events();
        String id = created("live", pair);

        startedAndSyncing(id);
        try (Jedis s = pair.source().client()) {
            s.set("during", "sync");
        }
        ConsoleClient.await(() -> {
            try (Jedis t = pair.target().client()) {
                return "sync".equals(t.get("during"));
            }
        }, "a write to the source reaches the target");
        ConsoleClient.await(() -> api.get("/api/tasks/" + id + "/progress").body().size() >= 2, "progress samples");
        JsonNode samples = api.get("/api/tasks/" + id + "/progress").body();
        JsonNode lastSample = samples.get(samples.size() - 1);
        assertThat(lastSample.get("sourceKeys").get("0").asLong()).isGreaterThanOrEqualTo(200);
        assertThat(lastSample.has("appliedOffset")).isTrue();
        assertThat(api.get("/api/tasks/" + id + "/progress?since=" + lastSample.get("at").asLong()).body()).isEmpty();
        ConsoleClient.await(() -> events.contains("event: progress") && events.contains("event: task"), "SSE events");
        assertThat(events.stream().filter(l -> l.startsWith("data: ") && l.contains("\"SYNCING\"")).findAny()).isPresent();

        injectDifference(pair.source(), "only-on-source");
        ConsoleClient.Answer refused = api.post("/api/tasks/" + id + "/finish", "{\"force\": false}");

        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.body().get("verification").get("equal").asBoolean()).isFalse();
        assertThat(refused.body().get("verification").get("differences").toString()).contains("only-on-source");
        assertThat(api.get("/api/tasks/" + id).body().get("status").asText()).isEqualTo("SYNCING");

        try (Jedis s = pair.source().client()) {
            s.del("only-on-source");
        }
        ConsoleClient.Answer finish = api.post("/api/tasks/" + id + "/finish", "{\"force\": false}");
        assertThat(finish.status()).as(finish.text()).isEqualTo(200);
        JsonNode finished = api.awaitTask(id, t -> t.get("status").asText().equals("FINISHED"), "finished");
        assertThat(finished.get("finishForced").asBoolean()).isFalse();
        assertThat(finished.get("lock").isNull()).isTrue();
        assertThat(finished.get("allowedActions")).isEmpty();
        assertThat(finished.get("events").toString()).contains("finish-requested");
    }

    @Test
    void aForcedFinishOverADifferenceIsRecordedInTheTask() throws Exception {
        RedisServers.Pair pair = redis.sourceAndTarget();
        startConsole();
        String id = created("forced", pair);
        startedAndSyncing(id);
        injectDifference(pair.source(), "accepted-difference");

        ConsoleClient.Answer forced = api.post("/api/tasks/" + id + "/finish", "{\"force\": true}");

        assertThat(forced.status()).as(forced.text()).isEqualTo(200);
        JsonNode finished = api.awaitTask(id, t -> t.get("status").asText().equals("FINISHED"), "finished");
        assertThat(finished.get("finishForced").asBoolean()).isTrue();
        assertThat(finished.get("events").toString()).contains("finish-forced");
    }

    @Test
    void editingAScheduledTaskReturnsItToValidationAndItMustBeStartedAgain() throws Exception {
        RedisServers.Pair pair = redis.sourceAndTarget();
        startConsole();
        String id = created("later", pair);
        String inAnHour = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();

        ConsoleClient.Answer scheduled = api.post("/api/tasks/" + id + "/start", "{\"at\": \"" + inAnHour + "\"}");
        assertThat(scheduled.status()).as(scheduled.text()).isEqualTo(200);
        assertThat(scheduled.body().get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(scheduled.body().get("scheduledStart").asText()).isEqualTo(inAnHour);

        Map<String, Object> edit = form("later-v2", pair.source(), null, pair.target(), true);
        edit.put("scheduledStart", inAnHour);
        ConsoleClient.Answer edited = api.put("/api/tasks/" + id, ConsoleClient.json(edit));

        assertThat(edited.status()).as(edited.text()).isEqualTo(200);
        assertThat(edited.body().get("status").asText()).isEqualTo("VALIDATED");
        assertThat(edited.body().get("name").asText()).isEqualTo("later-v2");
        assertThat(edited.body().get("validation").get("results")).isNotEmpty();
        assertThat(edited.body().get("allowedActions")).extracting(JsonNode::asText).contains("start");
        ConsoleClient.Answer whileValidated = api.post("/api/tasks/" + id + "/finish", "{}");
        assertThat(whileValidated.status()).isEqualTo(409);
    }

    @Test
    void anEditIsValidatedAsTheTaskItEditsAndHeldBackUntilItsWarningsAreAcknowledged() throws Exception {
        RedisServers.Pair pair = redis.sourceAndTarget();
        startConsole();
        String id = created("nightly", pair);
        String inAnHour = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        assertThat(api.post("/api/tasks/" + id + "/start", "{\"at\": \"" + inAnHour + "\"}").body().get("status")
                .asText()).isEqualTo("SCHEDULED");
        Map<String, Object> edit = form("nightly-v2", pair.source(), null, pair.target(), false);
        edit.put("scheduledStart", inAnHour);
        // allowed, with a risk: a WARNING
        edit.put("parameters", Map.of("client-output-buffer-limit", "replica 0 0 0"));

        JsonNode asNewTask = api.post("/api/validations", ConsoleClient.json(edit)).body();
        ConsoleClient.Answer asEdit = api.post("/api/validations?taskId=" + id, ConsoleClient.json(edit));

        assertThat(check(asNewTask, "task.target-free").get("severity").asText())
                .as("a new task into the same target is refused: the scheduled task holds it").isEqualTo("ERROR");
        assertThat(asEdit.status()).as(asEdit.text()).isEqualTo(200);
        assertThat(check(asEdit.body(), "task.target-free").get("severity").asText())
                .as("the edited task is not another task on its own target").isEqualTo("PASS");
        assertThat(asEdit.body().get("errors").asInt()).isZero();
        assertThat(check(asEdit.body(), "task.parameters").get("severity").asText()).isEqualTo("WARNING");
        assertThat(api.get("/api/tasks/" + id).body().get("status").asText()).as("validating changed nothing")
                .isEqualTo("SCHEDULED");

        ConsoleClient.Answer held = api.put("/api/tasks/" + id, ConsoleClient.json(edit));

        assertThat(held.status()).as(held.text()).isEqualTo(422);
        assertThat(held.error()).contains("WARNING").contains("acknowledge");
        assertThat(check(held.body().get("validation"), "task.parameters").get("severity").asText()).isEqualTo("WARNING");
        JsonNode unchanged = api.get("/api/tasks/" + id).body();
        assertThat(unchanged.get("status").asText()).as("nothing changed, the schedule stands").isEqualTo("SCHEDULED");
        assertThat(unchanged.get("name").asText()).isEqualTo("nightly");

        edit.put("acknowledgeWarnings", true);
        ConsoleClient.Answer saved = api.put("/api/tasks/" + id, ConsoleClient.json(edit));

        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        assertThat(saved.body().get("status").asText()).isEqualTo("VALIDATED");
        assertThat(saved.body().get("name").asText()).isEqualTo("nightly-v2");
        assertThat(api.post("/api/validations?taskId=no-such-task", ConsoleClient.json(edit)).status()).isEqualTo(404);
    }

    @Test
    void aCreateAndAnEditValidateOnceAsAValidationDoes() throws Exception {
        RedisServers.Pair pair = redis.sourceAndTarget();
        startConsole();
        String form = ConsoleClient.json(form("once", pair.source(), null, pair.target(), true));
        String[] id = new String[1];

        long validation = connectionsMadeTo(pair.source(), () -> api.post("/api/validations", form));
        long creation = connectionsMadeTo(pair.source(), () -> id[0] = api.post("/api/tasks", form).body().get("id")
                .asText());
        long editValidation = connectionsMadeTo(pair.source(), () -> api.post("/api/validations?taskId=" + id[0], form));
        long edit = connectionsMadeTo(pair.source(), () -> assertThat(api.put("/api/tasks/" + id[0], form).status())
                .isEqualTo(200));

        assertThat(validation).as("a validation connects to the source").isGreaterThan(1);
        assertThat(creation).as("the creation stores the report of its own validation").isEqualTo(validation);
        assertThat(edit).as("the edit stores the report of its own validation").isEqualTo(editValidation);
        JsonNode task = api.get("/api/tasks/" + id[0]).body();
        assertThat(task.get("status").asText()).isEqualTo("VALIDATED");
        assertThat(task.get("validation").get("results").size()).isPositive();
    }

    /** The connections {@code action} made to {@code server} (plus the one that counts them after it). */
    private static long connectionsMadeTo(RedisServer server, Runnable action) {
        long before = connectionsReceived(server);
        action.run();
        return connectionsReceived(server) - before;
    }

    private static long connectionsReceived(RedisServer server) {
        try (Jedis jedis = server.client()) {
            return Long.parseLong(jedis.info("stats").lines().filter(l -> l.startsWith("total_connections_received:"))
                    .findFirst().orElseThrow().split(":")[1].trim());
        }
    }

    @Test
    void aPasswordReferenceIsKeptAsGivenAndOneThatCannotBeReadIsAnErrorSayingWhy(@TempDir Path elsewhere)
            throws Exception {
        RedisServer source = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().password("src-secret"));
        RedisServer target = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults());
        startConsole();
        String endpoint = "redis://" + source.host() + ":" + source.port();
        Path missing = elsewhere.resolve("missing");
        Map<String, Object> form = form("by-reference", source, null, target, true);

        form.put("source", Map.of("endpoint", endpoint, "passwordRef", "file:" + missing));
        JsonNode noFile = check(api.post("/api/validations", ConsoleClient.json(form)).body(), "source.auth");
        form.put("source", Map.of("endpoint", endpoint, "passwordRef", "env:REDIS_MIGRATE_NO_SUCH_VARIABLE"));
        JsonNode noVariable = check(api.post("/api/validations", ConsoleClient.json(form)).body(), "source.auth");

        assertThat(noFile.get("severity").asText()).isEqualTo("ERROR");
        assertThat(noFile.get("message").asText()).contains(missing + " does not exist");
        assertThat(noVariable.get("severity").asText()).isEqualTo("ERROR");
        assertThat(noVariable.get("message").asText()).contains("REDIS_MIGRATE_NO_SUCH_VARIABLE is not set");

        Path passwordFile = Files.writeString(elsewhere.resolve("source-password"), "src-secret\n");
        form.put("source", Map.of("endpoint", endpoint, "passwordRef", "file:" + passwordFile));
        ConsoleClient.Answer created = api.post("/api/tasks", ConsoleClient.json(form));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.body().get("sourcePassword").get("kind").asText()).isEqualTo("file");
        String id = created.body().get("id").asText();
        assertThat(Files.readString(stateDir.resolve("tasks").resolve(id + ".json"))).contains("file:" + passwordFile);
        api.post("/api/tasks/" + id + "/cancel", "");
        api.awaitTask(id, t -> t.get("status").asText().equals("CANCELLED"), "cancelled");
        assertThat(passwordFile).as("the user's own file is theirs, not the console's to delete").exists();
    }

    @Test
    void aScheduledStartFiresWhileTheConsoleRuns() throws Exception {
        RedisServers.Pair pair = redis.sourceAndTarget();
        startConsole();
        String id = created("soon", pair);
        // far enough ahead that the validation the schedule change runs first ends before it (local servers: ms)
        String soon = Instant.now().plusSeconds(10).toString();

        ConsoleClient.Answer scheduled = api.post("/api/tasks/" + id + "/start", "{\"at\": \"" + soon + "\"}");

        assertThat(scheduled.body().get("status").asText()).as(scheduled.text()).isEqualTo("SCHEDULED");
        api.awaitTask(id, t -> t.get("status").asText().equals("SYNCING"), "the scheduled start fired");
        assertThat(api.post("/api/tasks/" + id + "/cancel", "").status()).isEqualTo(200);
        api.awaitTask(id, t -> t.get("status").asText().equals("CANCELLED"), "cancelled");
    }

    @Test
    void cancelDuringTheSyncRestoresTheParametersAndUnlocksTheTarget() throws Exception {
        RedisServers.Pair pair = redis.sourceAndTarget();
        List<String> aclBefore;
        List<String> timeoutBefore;
        try (Jedis s = pair.source().client(); Jedis t = pair.target().client()) {
            s.set("a", "1");
            aclBefore = t.aclList();
            timeoutBefore = List.copyOf(s.configGet("repl-timeout").values());
        }
        startConsole();
        String id = created("stop-me", pair);
        startedAndSyncing(id);
        assertThat(Files.exists(stateDir.resolve("running").resolve(id + ".pid"))).isTrue();

        ConsoleClient.Answer cancel = api.post("/api/tasks/" + id + "/cancel", "");

        assertThat(cancel.status()).as(cancel.text()).isEqualTo(200);
        JsonNode cancelled = api.awaitTask(id, t -> t.get("status").asText().equals("CANCELLED"), "cancelled");
        assertThat(cancelled.get("lock").isNull()).isTrue();
        assertThat(cancelled.get("parameters").toString()).doesNotContain("\"applied\":true");
        ConsoleClient.await(() -> !Files.exists(stateDir.resolve("running").resolve(id + ".pid")), "the run's mark is gone");
        try (Jedis s = pair.source().client(); Jedis t = pair.target().client()) {
            assertThat(t.aclList()).isEqualTo(aclBefore);
            t.set("writable", "again");
            assertThat(List.copyOf(s.configGet("repl-timeout").values())).isEqualTo(timeoutBefore);
        }
    }

    @Test
    void badInputIsABadRequestWithOneLineSayingWhatIsWrong() throws Exception {
        RedisServers.Pair pair = redis.sourceAndTarget();
        startConsole();
        Map<String, Object> badPort = form("x", pair.source(), null, pair.target(), true);
        badPort.put("source", Map.of("privateIp", "10.0.0.5", "port", 70000));
        Map<String, Object> badUri = form("x", pair.source(), null, pair.target(), true);
        badUri.put("target", Map.of("endpoint", "http://somewhere:80"));
        Map<String, Object> badTime = form("x", pair.source(), null, pair.target(), true);
        badTime.put("scheduledStart", "tomorrow at nine");
        Map<String, Object> badParameter = form("x", pair.source(), null, pair.target(), true);
        badParameter.put("parameters", Map.of("maxmemory", "1gb"));

        assertBadRequest(api.post("/api/tasks", "{not json"), null, "not valid JSON");
        assertBadRequest(api.post("/api/tasks", ConsoleClient.json(badPort)), "source.port", "70000");
        assertBadRequest(api.post("/api/validations", ConsoleClient.json(badUri)), "target.endpoint", "http");
        assertBadRequest(api.post("/api/tasks", ConsoleClient.json(badTime)), "scheduledStart", "ISO-8601");
        assertBadRequest(api.post("/api/tasks", ConsoleClient.json(badParameter)), "parameters.maxmemory", "maxmemory");
        assertBadRequest(api.get("/api/tasks?status=RUNNING"), "status", "RUNNING");
        String id = created("ok", pair);
        assertBadRequest(api.post("/api/tasks/" + id + "/verify", "{\"mode\": \"everything\"}"), "mode", "everything");
        assertBadRequest(api.post("/api/tasks/" + id + "/start", "{\"at\": \"noon\"}"), "at", "ISO-8601");
        assertThat(api.get("/api/tasks/nosuchtask").status()).isEqualTo(404);
        assertThat(api.post("/api/tasks/nosuchtask/cancel", "").status()).isEqualTo(404);
        assertThat(api.send(api.request("/api/tasks").POST(HttpRequest.BodyPublishers.ofString("name=x")))
                .status()).isEqualTo(415);
        assertThat(api.send(api.request("/api/tasks/" + id).DELETE()).status()).isEqualTo(405);
    }

    @Test
    void aCrossSiteRequestIsRefused() throws Exception {
        RedisServers.Pair pair = redis.sourceAndTarget();
        startConsole();
        String id = created("guarded", pair);

        ConsoleClient.Answer fromElsewhere = api.send(api.request("/api/tasks/" + id + "/cancel")
                .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.noBody()));
        ConsoleClient.Answer crossSite = api.send(api.request("/api/tasks/" + id + "/cancel")
                .header("Sec-Fetch-Site", "cross-site").POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(fromElsewhere.status()).isEqualTo(403);
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(api.get("/api/tasks/" + id).body().get("status").asText()).isEqualTo("VALIDATED");
        ConsoleClient.Answer sameSite = api.send(api.request("/api/tasks/" + id + "/cancel")
                .header("Origin", "http://127.0.0.1:" + console.port()).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(sameSite.status()).as(sameSite.text()).isEqualTo(200);
        assertThat(sameSite.body().get("status").asText()).isEqualTo("CANCELLED");
    }

    private static void assertBadRequest(ConsoleClient.Answer answer, String field, String mentioned) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.error()).contains(mentioned).doesNotContain("\n");
        if (field != null) {
            assertThat(answer.body().get("field").asText()).isEqualTo(field);
        }
    }

    static JsonNode check(JsonNode validation, String id) {
        for (JsonNode result : validation.get("results")) {
            if (result.get("id").asText().equals(id)) {
                return result;
            }
        }
        throw new AssertionError("no check " + id + " in " + validation);
    }

    /** A key written on the source only: a script that does not replicate its write (redis.set_repl). */
    static void injectDifference(RedisServer source, String key) {
        try (Jedis s = source.client()) {
            s.eval("redis.set_repl(redis.REPL_NONE); return redis.call('SET', KEYS[1], 'x')", 1, key);
        }
    }
}
