package dev.redismigrate.sync.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redismigrate.sync.entry.StreamBlock;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandStreamReaderTest {
    private static String resp(String... args) {
        StringBuilder out = new StringBuilder("*" + args.length + "\r\n");
        for (String arg : args) {
            out.append('$').append(arg.length()).append("\r\n").append(arg).append("\r\n");
        }
        return out.toString();
    }

    @Test
    void groupsTransactionsTracksDatabasesAndCountsEveryByte() throws Exception {
        String stream = resp("SELECT", "2") + resp("SET", "a", "1") + resp("PING")
                + resp("MULTI") + resp("SET", "b", "2") + resp("SELECT", "3") + resp("INCR", "c") + resp("EXEC")
                + resp("REPLCONF", "GETACK", "*") + resp("PUBLISH", "ch", "msg");
        byte[] bytes = stream.getBytes(StandardCharsets.US_ASCII);
        List<StreamBlock> blocks = new ArrayList<>();
        CommandStreamReader reader = new CommandStreamReader(new ByteArrayInputStream(bytes), 100, 0);
        try {
            reader.run(blocks::add);
        } catch (EOFException expected) {
            // the test stream ends
        }

        assertThat(blocks).hasSize(6);
        assertThat(blocks.get(0).commands()).isEmpty();
        assertThat(blocks.get(0).dbAfter()).isEqualTo(2);
        assertThat(blocks.get(1).commands()).singleElement().satisfies(c -> assertThat(c.db()).isEqualTo(2));
        assertThat(blocks.get(2).commands()).isEmpty(); // PING
        StreamBlock transaction = blocks.get(3);
        assertThat(transaction.commands()).extracting(StreamBlock.DbCommand::db).containsExactly(2, 3);
        assertThat(transaction.dbAfter()).isEqualTo(3);
        assertThat(blocks.get(4).ackRequested()).isTrue();
        assertThat(blocks.get(5).commands()).isEmpty(); // PUBLISH is not data
        assertThat(blocks.get(5).endOffset()).isEqualTo(100 + bytes.length);
        assertThat(reader.offset()).isEqualTo(100 + bytes.length);
    }
}
