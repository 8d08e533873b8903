package dev.redismigrate.testkit.elasticache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestFilterTest {
    private static final String BIG = "x".repeat(70_000);

    @Test
    void forwardsAllowedCommandsVerbatimAndReplacesRefusedOnesInPlace() throws IOException {
        String set = resp("SET", "k", "v");
        String bigSet = resp("SET", "big", BIG);
        String acl = resp("ACL", "WHOAMI");
        String input = set + resp("config", "GET", "maxmemory") + bigSet + resp("ACL", "SetUser", "bob", ">secret")
                + acl + "PING\r\n" + "CONFIG  get maxmemory\r\n" + resp("GET", "k");

        String expected = set + eval("ERR unknown command 'config', with args beginning with: 'GET' 'maxmemory' ")
                + bigSet + eval("ERR unknown subcommand 'SetUser'. Try ACL HELP.") + acl + "PING\r\n"
                + eval("ERR unknown command 'CONFIG', with args beginning with: 'get' 'maxmemory' ") + resp("GET", "k");

        for (int chunk : new int[] {1, 2, 3, 5, 7, 64, 4096, input.length()}) {
            Filtered filtered = filter(input, chunk);
            assertThat(filtered.output).as("read in chunks of %d bytes", chunk).isEqualTo(expected);
            assertThat(filtered.refused).containsExactly("config", "acl setuser", "config");
        }
    }

    @Test
    void quotesAtMost128BytesOfTheRefusedCommandsArguments() throws IOException {
        Filtered filtered = filter(resp("DEBUG", "a".repeat(200), "b"), 10);

        assertThat(filtered.output).isEqualTo(eval("ERR unknown command 'DEBUG', with args beginning with: '"
                + "a".repeat(128) + "' "));
    }

    @Test
    void letsThroughCommandsThatOnlyLookRestricted() throws IOException {
        String input = resp("CONFIGX", "GET", "x") + resp("ACL") + resp("ACL", "LIST") + resp("GET", "config")
                + resp("PSUBSCRIBE", "sync") + "\r\n";

        assertThat(filter(input, 3).output).isEqualTo(input);
    }

    private static String eval(String error) {
        return new String(RestrictedCommands.serverSideError(error), StandardCharsets.UTF_8);
    }

    private static String resp(String... args) {
        StringBuilder out = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            out.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
        }
        return out.toString();
    }

    private record Filtered(String output, List<String> refused) {
    }

    private static Filtered filter(String input, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> refused = new ArrayList<>();
        RequestFilter filter = new RequestFilter(out, refused::add);
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        for (int from = 0; from < bytes.length; from += chunk) {
            byte[] read = Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + chunk));
            filter.filter(read, read.length);
        }
        return new Filtered(out.toString(StandardCharsets.UTF_8), refused);
    }
}
