package dev.redismigrate.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redismigrate.core.endpoint.RedisEndpoint;
import dev.redismigrate.core.usecase.NewTask;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskNameTest {

    @Test
    void aNameWithAControlCharacterIsRefusedInOneLineThatSaysWhichAndWhere() {
        for (String name : List.of("a\tb", "a\nb", "a\rb", "a\u001b[31mb", "a\u007fb", "a\u0085b", "a\u2028b")) {
            assertThatThrownBy(() -> TaskName.check(name)).as(name).isInstanceOf(InvalidTaskNameException.class)
                    .hasMessageContaining(String.format("U+%04X, its character 2", (int) name.charAt(1)))
                    .hasMessageContaining("without tabs, line breaks or escapes")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(name.substring(1, 2)));
        }
    }

    @Test
    void lettersOfEveryScriptSpacesPunctuationAndEmojiAreNames() {
        for (String name : List.of("orders", "Bestellungen März 2026", "注文 / 移行 #1", "orders 🚚 (eu-west-1)")) {
            assertThat(TaskName.check(name)).isEqualTo(name);
        }
    }

    @Test
    void noNameOrABlankOneLeavesTheDefaultToTheTask() {
        assertThat(TaskName.check(null)).isNull();
        assertThat(TaskName.check("  ")).isEqualTo("  ");
    }

    @Test
    void aNameLongerThanAHundredCharactersIsRefused() {
        assertThat(TaskName.check("x".repeat(TaskName.MAX_LENGTH))).hasSize(TaskName.MAX_LENGTH);
        assertThatThrownBy(() -> TaskName.check("x".repeat(101))).isInstanceOf(InvalidTaskNameException.class)
                .hasMessage("the task name has 101 characters, more than 100: give a shorter name");
    }

    @Test
    void aNewTaskAndAnEditRefuseSuchANameWhereverTheyComeFrom() {
        SourceSpec source = SourceSpec.of(RedisEndpoint.of("src", 6379));
        TargetSpec target = TargetSpec.of(RedisEndpoint.of("dst", 6380));

        assertThatThrownBy(() -> new NewTask("a\nb", source, target, null, List.of()))
                .isInstanceOf(InvalidTaskNameException.class);
        assertThatThrownBy(() -> new TaskEdit("a\tb", null, null, null, null, null, false, null, null, null))
                .isInstanceOf(InvalidTaskNameException.class);
    }
}
