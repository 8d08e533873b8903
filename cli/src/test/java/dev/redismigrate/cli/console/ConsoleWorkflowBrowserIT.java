package dev.redismigrate.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.testkit.Chromium;
import dev.redismigrate.testkit.LoopbackPorts;
import dev.redismigrate.testkit.RedisCluster;
import dev.redismigrate.testkit.RedisServer;
import dev.redismigrate.testkit.RedisServerConfig;
import dev.redismigrate.testkit.RedisServers;
import dev.redismigrate.testkit.RedisVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;

/**
 * The seed's workflow in a real browser (headless Chromium) on the real console, against real redis-servers: the
 * pages a person uses, clicked as a person would. Screenshots of every page land in {@code target/screenshots}.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ConsoleWorkflowBrowserIT {
    private static final Duration SYNC = Duration.ofSeconds(90);
    private static final String SOURCE_PASSWORD = "source-secret";

    @RegisterExtension
    final RedisServers redis = new RedisServers();

    @TempDir
    Path stateDir;

    private RunningConsole console;
    private ConsoleBrowser browser;

    @BeforeEach
    void openConsole(TestInfo test) {
        Chromium chromium = Chromium.require();
        String name = test.getTestMethod().orElseThrow().getName();
        console = RunningConsole.start(stateDir, name);
        browser = new ConsoleBrowser(chromium, console.baseUrl(), name);
    }

    @AfterEach
    void closeConsole() {
        if (browser != null) {
            browser.close();
        }
        if (console != null) {
            console.close();
        }
    }

    @Test
    void aWrongPasswordIsShownWithItsRemedyThenTheTaskSyncsWhileTheAppWritesAndFinishesOnlyWhenEqual(
            @TempDir Path elsewhere) throws IOException {
        RedisServer source = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().password(SOURCE_PASSWORD));
        // The task's target user may not manage ACL users: the target cannot be locked, so the test can write into it
        // (an injected difference) while the sync runs; accepting that is a WARNING the form must have acknowledged.
        RedisServer target = redis.start(RedisVersion.SYSTEM, RedisServerConfig.defaults().password("admin-secret")
                .aclUser("loader on >loader-secret ~* &* +@all -acl"));
        try (Jedis s = source.client()) {
            for (int i = 0; i < 2000; i++) {
                s.set("customer:" + i, "c" + i);
            }
        }

        browser.open("/tasks");
        browser.visible(By.cssSelector(".task-list"));
        browser.screenshot("task-list-empty");
        browser.click(By.id("new-task"));
        browser.visible(By.name("name"));
        browser.type("name", "orders");
        fillSource(source, "not-the-password");
        fillTarget(target, "loader", "");
        // the target's password by reference, as the CLI takes it: the task stores the reference
        browser.type("target.passwordRef", "file:" + Files.writeString(elsewhere.resolve("loader-password"), "loader-secret"));
        browser.find(By.name("allowUnlockedTarget")).click();
        String sourceEndpoint = browser.find(By.name("source.endpoint")).getAttribute("value");
        browser.type("source.endpoint", "redis://" + LoopbackPorts.HOST + ":" + LoopbackPorts.free());
        browser.click(By.id("validate"));

        WebElement unreachable = browser.visible(By.cssSelector("details[data-severity='ERROR'] li[data-check='source.reachable']"));
        assertThat(unreachable.findElement(By.cssSelector(".result-hint")).getText()).contains("security group");
        browser.type("source.endpoint", sourceEndpoint);
        browser.click(By.id("validate"));

        WebElement authError = browser.visible(By.cssSelector("details[data-severity='ERROR'] li[data-check='source.auth']"));
        assertThat(authError.findElement(By.cssSelector(".result-found")).getText()).isNotBlank();
        assertThat(authError.findElement(By.cssSelector(".result-remedy")).getText()).startsWith("What to do:").contains("password");
        assertThat(browser.find(By.id("create-task")).isEnabled()).as("no create while there is an ERROR").isFalse();
        browser.screenshot("validation-wrong-password");

        browser.type("source.password", SOURCE_PASSWORD);
        browser.click(By.id("validate"));
        browser.visible(By.cssSelector(".validation[data-errors='0']"));
        assertThat(browser.findAll(By.cssSelector("details[data-severity='WARNING'] li[data-check='target.lockable']"))).hasSize(1);
        assertThat(browser.find(By.id("create-task")).isEnabled()).as("warnings need an acknowledgement first").isFalse();
        browser.click(By.id("acknowledge-warnings"));
        browser.screenshot("validation-warnings-acknowledged");
        browser.click(By.id("create-task"));

        browser.awaitStatus("VALIDATED", Duration.ofSeconds(30));
        browser.screenshot("task-validated");
        try (ApplicationWrites app = ApplicationWrites.start(source)) {
            browser.click(By.id("start-now"));
            browser.awaitStatus("SYNCING", SYNC);
            browser.visible(By.cssSelector("#chart-keys tr[data-db='0']"));
            // Converging while the application writes: the target's count within 1% of the source's, which keeps growing.
            browser.await("the target's key count close to the source's while the application writes", SYNC, d -> {
                WebElement row = d.findElement(By.cssSelector("#chart-keys tr[data-db='0']"));
                long sourceCount = count(cell(row, 1));
                return chartPoints() >= 10 && sourceCount > 2000 && count(cell(row, 2)) >= sourceCount * 0.99;
            });
            assertThat(app.written()).isPositive();
        }
        long sourceKeys = dbSize(source);
        WebElement db0 = browser.await("db0's target key count to reach the source's " + sourceKeys, SYNC, d -> {
            WebElement row = d.findElement(By.cssSelector("#chart-keys tr[data-db='0']"));
            return "true".equals(row.getAttribute("data-in-sync")) && cell(row, 1).equals(String.format(Locale.US, "%,d", sourceKeys))
                    ? row : null;
        });
        assertThat(cell(db0, 2)).isEqualTo(cell(db0, 1));
        browser.screenshot("sync");
        // The picture README shows (docs/images/console-sync.png is a copy): status, actions and the three charts.
        browser.screenshot("sync-page", 1550);

        browser.click(By.id("verify-now"));
        browser.visible(By.cssSelector("#verification [data-equal='true']"));

        try (Jedis intruder = target.client()) {
            intruder.set("not-from-the-source", "x");
        }
        browser.click(By.id("finish"));
        browser.click(By.id("finish-dialog-confirm"));
        browser.visible(By.id("force-dialog"));
        assertThat(browser.find(By.id("force-dialog-confirm")).isEnabled()).as("forcing needs its own checkbox").isFalse();
        browser.visible(By.cssSelector("#verification [data-equal='false']"));
        browser.screenshot("finish-refused");
        browser.click(By.id("force-dialog-dismiss"));
        assertThat(browser.status()).isEqualTo("SYNCING");

        try (Jedis intruder = target.client()) {
            intruder.del("not-from-the-source");
        }
        browser.click(By.id("finish"));
        browser.click(By.id("finish-dialog-confirm"));
        browser.awaitStatus("FINISHED", SYNC);
        browser.screenshot("finished");
        assertThat(browser.find(By.id("app")).getText()).doesNotContain(SOURCE_PASSWORD).doesNotContain("loader-secret");
        assertThat(dbSize(target)).isEqualTo(sourceKeys);
    }

    @Test
    void anEditedScheduledTaskGoesBackToValidationAndACancelledSyncCleansUp() {
        RedisServer source = redis.start();
        RedisServer target = redis.start();
        try (Jedis s = source.client()) {
            s.set("a", "1");
        }
        String replTimeoutBefore = replTimeout(source);

        browser.open("/tasks/new");
        browser.visible(By.name("name"));
        browser.type("name", "nightly");
        typeDateTime("scheduledStart", Instant.now().plus(1, ChronoUnit.DAYS));
        fillSource(source, "");
        fillTarget(target, "", "");
        createAcknowledgingWarnings();

        browser.awaitStatus("VALIDATED", Duration.ofSeconds(30));
        browser.click(By.id("schedule-start"));
        browser.awaitStatus("SCHEDULED", Duration.ofSeconds(30));
        browser.screenshot("scheduled");

        browser.click(By.id("edit"));
        browser.visible(By.name("name"));
        browser.type("name", "nightly-v2");
        browser.type("parameters.repl-timeout", "900");
        browser.screenshot("edit-form");
        // validated as the task it edits: the scheduled task itself does not hold the target against its edit
        validateAcknowledgingWarnings();
        browser.click(By.id("save-task"));

        browser.awaitStatus("VALIDATED", Duration.ofSeconds(30));
        // a live update may redraw the header meanwhile: read it until it shows the new name
        browser.await("the edited name in the header", d -> d.findElement(By.cssSelector(".task-header h1")).getText()
                .startsWith("nightly-v2"));
        assertThat(browser.findAll(By.id("start-now"))).as("an edited task must be started again").hasSize(1);
        browser.screenshot("edited-back-to-validation");

        browser.click(By.id("start-now"));
        browser.awaitStatus("SYNCING", SYNC);
        browser.click(By.id("cancel"));
        browser.click(By.id("cancel-dialog-confirm"));
        browser.awaitStatus("CANCELLED", SYNC);
        browser.screenshot("cancelled");

        try (Jedis t = target.client()) {
            assertThat(t.aclList()).as("the lock's user is gone and every user is back").hasSize(1);
            t.set("writable", "again");
        }
        assertThat(replTimeout(source)).as("the source parameter is restored").isEqualTo(replTimeoutBefore);
        browser.open("/tasks?status=CANCELLED");
        browser.visible(By.cssSelector("tr[data-task-name='nightly-v2']"));
        browser.screenshot("task-list-cancelled");
    }

    @Test
    void aClusterSourcesTaskPageShowsEachShardsProgressLive() {
        RedisCluster cluster = redis.cluster(RedisVersion.V7_0, 3, 0);
        RedisServer first = cluster.primaries().get(0);
        RedisServer target = redis.start();
        try (JedisCluster app = new JedisCluster(new HostAndPort(first.host(), first.port()))) {
            for (int i = 0; i < 300; i++) {
                app.set("k" + i, "v" + i);
            }
        }

        browser.open("/tasks/new");
        browser.visible(By.name("name"));
        browser.type("name", "shards");
        fillSource(first, "");
        fillTarget(target, "", "");
        createAcknowledgingWarnings();
        browser.awaitStatus("VALIDATED", Duration.ofSeconds(30));
        browser.click(By.id("start-now"));
        browser.awaitStatus("SYNCING", SYNC);

        browser.await("a row per shard, each streaming", SYNC, d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#shards tr[data-shard]"));
            return rows.size() == 3 && rows.stream().allMatch(row -> cell(row, 2).equals("Incremental"));
        });
        assertThat(browser.findAll(By.cssSelector("#shards tr[data-shard]")).stream().map(row -> cell(row, 1)))
                .containsExactlyInAnyOrderElementsOf(cluster.primaries().stream()
                        .map(p -> p.host() + ":" + p.port()).toList());
        long applied = appliedOffsets();
        try (JedisCluster app = new JedisCluster(new HostAndPort(first.host(), first.port()))) {
            for (int i = 0; i < 100; i++) {
                app.set("later" + i, "v" + i);
            }
        }
        browser.await("the shards' rows following the writes without a reload", SYNC, d -> appliedOffsets() > applied);
        browser.screenshot("task-shards");

        browser.click(By.id("cancel"));
        browser.click(By.id("cancel-dialog-confirm"));
        browser.awaitStatus("CANCELLED", SYNC);
    }

    /** The shards' applied offsets as the task page shows them, summed. */
    private long appliedOffsets() {
        return browser.findAll(By.cssSelector("#shards tr[data-shard]")).stream().mapToLong(row -> count(cell(row, 3)))
                .sum();
    }

    private void fillSource(RedisServer source, String password) {
        browser.find(By.cssSelector("input[name='source.way'][value='endpoint']")).click();
        browser.type("source.endpoint", "redis://" + source.host() + ":" + source.port());
        browser.type("source.password", password);
    }

    private void fillTarget(RedisServer target, String username, String password) {
        browser.find(By.cssSelector("input[name='target.way'][value='endpoint']")).click();
        browser.type("target.endpoint", "redis://" + target.host() + ":" + target.port());
        browser.type("target.username", username);
        browser.type("target.password", password);
    }

    /** Validate; no ERROR expected; acknowledge the WARNINGs if there are any; then create. */
    private void createAcknowledgingWarnings() {
        validateAcknowledgingWarnings();
        browser.click(By.id("create-task"));
    }

    private void validateAcknowledgingWarnings() {
        browser.click(By.id("validate"));
        WebElement validation = browser.visible(By.cssSelector(".validation[data-errors='0']"));
        if (!"0".equals(validation.getAttribute("data-warnings"))) {
            browser.click(By.id("acknowledge-warnings"));
        }
    }

    /** A datetime-local input's value is the browser's local time; typing into it depends on the locale, setting it does not. */
    private void typeDateTime(String name, Instant at) {
        String local = LocalDateTime.ofInstant(at, ZoneId.systemDefault()).truncatedTo(ChronoUnit.MINUTES)
                .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        browser.setValue(By.name(name), local);
    }

    private int chartPoints() {
        String points = browser.find(By.id("chart-keys")).getAttribute("data-points");
        return points == null ? 0 : Integer.parseInt(points);
    }

    /** A count as the page shows it ("4,360"); "–" (not known yet) as 0. */
    private static long count(String shown) {
        String digits = shown.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }

    private static String cell(WebElement row, int index) {
        return row.findElements(By.tagName("td")).get(index).getText();
    }

    private static long dbSize(RedisServer server) {
        try (Jedis jedis = server.client()) {
            return jedis.dbSize();
        }
    }

    private static String replTimeout(RedisServer server) {
        try (Jedis jedis = server.client()) {
            return jedis.configGet("repl-timeout").get("repl-timeout");
        }
    }
}
