package dev.redismigrate.sync.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionLoadReplaceTest {
    private static final String CODE = "#!lua name=lib\nredis.register_function('f', function() return 1 end)";

    @Test
    void aFunctionLoadReplacesTheLibrarySoThatItCanBeAppliedTwice() {
        assertThat(text(FunctionLoadReplace.rewrite(args("function", "load", CODE))))
                .containsExactly("function", "load", "REPLACE", CODE);
    }

    @Test
    void otherCommandsAndALoadThatReplacesAlreadyAreSentAsTheyAre() {
        assertThat(text(FunctionLoadReplace.rewrite(args("FUNCTION", "LOAD", "REPLACE", CODE))))
                .containsExactly("FUNCTION", "LOAD", "REPLACE", CODE);
        assertThat(text(FunctionLoadReplace.rewrite(args("FUNCTION", "DELETE", "lib"))))
                .containsExactly("FUNCTION", "DELETE", "lib");
        assertThat(text(FunctionLoadReplace.rewrite(args("SET", "k", "v")))).containsExactly("SET", "k", "v");
    }

    private static byte[][] args(String... parts) {
        return Arrays.stream(parts).map(p -> p.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }

    private static List<String> text(byte[][] args) {
        return Arrays.stream(args).map(a -> new String(a, StandardCharsets.UTF_8)).toList();
    }
}
