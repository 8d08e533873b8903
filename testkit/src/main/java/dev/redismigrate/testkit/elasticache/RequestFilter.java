package dev.redismigrate.testkit.elasticache;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The client-to-server half of one proxied connection. Reads the client's commands as a stream (RESP arrays and
 * inline commands), forwards the bytes of every allowed command untouched, and replaces each refused command by one
 * the server answers with ElastiCache's error, so the error keeps its place among the replies to pipelined commands.
 *
 * <p>Only the command name (and the ACL subcommand) is read; argument bytes are skipped by length, never copied,
 * except the first 128 bytes of a refused command's arguments, which the engine's error quotes. A command whose fate
 * is still open at the end of a read (its name split across reads) is held back until it is known.
 */
final class RequestFilter {
    /** Told of each refused command (its lower-case name). */
    interface Refusals {
        void refused(String command);
    }

    /** Longer than any command name: a longer first word cannot be a restricted command. */
    private static final int MAX_NAME = 64;
    private static final int MAX_HELD = 1 << 16;

    private enum State { START, COUNT, BULK_HEADER, BULK_LENGTH, BULK_DATA, INLINE, PASSTHROUGH }

    private enum Decision { UNDECIDED, FORWARD, REFUSE }

    private final OutputStream server;
    private final Refusals refusals;
    private final byte[] token = new byte[RestrictedCommands.QUOTED_LIMIT];
    private int tokenLength;
    private boolean tokenOverflow;
    private boolean inToken;
    private byte[] held = new byte[512];
    private int heldLength;
    private State state = State.START;
    private Decision decision = Decision.FORWARD;
    private long number;
    private boolean negative;
    private long argsLeft;
    private int argIndex;
    private long bulkLeft;
    private String name;
    private String subcommand;
    private StringBuilder quotedArgs;
    private byte[] chunk;
    private int emitFrom;
    private int commandStart;

    RequestFilter(OutputStream server, Refusals refusals) {
        this.server = server;
        this.refusals = refusals;
    }

    /** Filters one read of the client's bytes into the server's stream, and flushes it. */
    void filter(byte[] bytes, int length) throws IOException {
        chunk = bytes;
        emitFrom = 0;
        commandStart = -1; // a command still undecided began in an earlier read: its bytes are held
        int pos = 0;
        while (pos < length) {
            pos = switch (state) {
                case START -> start(pos);
                case COUNT, BULK_LENGTH -> number(pos, length);
                case BULK_HEADER -> bulkHeader(pos);
                case BULK_DATA -> bulkData(pos, length);
                case INLINE -> inline(pos, length);
                case PASSTHROUGH -> length;
            };
        }
        switch (decision) {
            case FORWARD -> write(emitFrom, length);
            case UNDECIDED -> {
                if (commandStart >= 0) {
                    write(emitFrom, commandStart);
                    hold(commandStart, length);
                } else {
                    hold(0, length);
                }
            }
            case REFUSE -> {
                // the rest of a refused command is dropped
            }
        }
        server.flush();
    }

    private int start(int pos) throws IOException {
        byte b = chunk[pos];
        if (b == '\r' || b == '\n' || b == ' ' || b == '\t') {
            return pos + 1; // blank input between commands: forwarded, the server ignores it
        }
        commandStart = pos;
        decision = Decision.UNDECIDED;
        argIndex = 0;
        name = null;
        subcommand = null;
        quotedArgs = null;
        resetToken();
        if (b == '*') {
            startNumber(State.COUNT);
            return pos + 1;
        }
        argsLeft = -1; // an inline command's length is known only at its end
        state = State.INLINE;
        return pos;
    }

    private void startNumber(State next) {
        state = next;
        number = 0;
        negative = false;
    }

    private int number(int pos, int length) throws IOException {
        while (pos < length) {
            byte b = chunk[pos++];
            if (b >= '0' && b <= '9') {
                number = number * 10 + (b - '0');
            } else if (b == '-') {
                negative = true;
            } else if (b == '\n') {
                long value = negative ? -number : number;
                if (state == State.COUNT) {
                    countRead(value, pos);
                } else {
                    bulkLengthRead(value, pos);
                }
                return pos;
            }
        }
        return pos;
    }

    private void countRead(long count, int pos) throws IOException {
        argsLeft = count;
        if (count <= 0) {
            decide(Decision.FORWARD, pos);
            commandEnd(pos);
        } else {
            state = State.BULK_HEADER;
        }
    }

    private int bulkHeader(int pos) throws IOException {
        if (chunk[pos] != '$') {
            // not RESP: the server answers with a protocol error and closes the connection
            decide(Decision.FORWARD, pos);
            state = State.PASSTHROUGH;
            return pos;
        }
        startNumber(State.BULK_LENGTH);
        return pos + 1;
    }

    private void bulkLengthRead(long length, int pos) throws IOException {
        resetToken();
        if (length < 0) {
            argumentEnd(pos);
            return;
        }
        bulkLeft = length + 2;
        if (decision == Decision.UNDECIDED && length > MAX_NAME) {
            decide(Decision.FORWARD, pos);
        }
        state = State.BULK_DATA;
    }

    private int bulkData(int pos, int length) throws IOException {
        int n = (int) Math.min(bulkLeft, length - pos);
        if (decision != Decision.FORWARD) {
            int data = (int) Math.min(n, Math.max(0, bulkLeft - 2));
            for (int i = 0; i < data; i++) {
                append(chunk[pos + i]);
            }
        }
        pos += n;
        bulkLeft -= n;
        if (bulkLeft == 0) {
            argumentEnd(pos);
        }
        return pos;
    }

    private void argumentEnd(int pos) throws IOException {
        if (decision != Decision.FORWARD) {
            argument(pos);
        }
        argIndex++;
        if (--argsLeft == 0) {
            commandEnd(pos);
        } else {
            state = State.BULK_HEADER;
        }
    }

    private int inline(int pos, int length) throws IOException {
        while (pos < length) {
            byte b = chunk[pos++];
            if (b == '\n') {
                inlineTokenEnd(pos);
                if (decision == Decision.UNDECIDED) {
                    decide(Decision.FORWARD, pos);
                }
                commandEnd(pos);
                return pos;
            }
            if (b == ' ' || b == '\t' || b == '\r') {
                inlineTokenEnd(pos);
            } else if (decision != Decision.FORWARD && b != '"' && b != '\'') {
                inToken = true;
                append(b);
                if (tokenOverflow && decision == Decision.UNDECIDED) {
                    decide(Decision.FORWARD, pos);
                }
            }
        }
        return pos;
    }

    private void inlineTokenEnd(int pos) throws IOException {
        if (inToken && decision != Decision.FORWARD) {
            argument(pos);
            argIndex++;
            resetToken();
        }
    }

    /** One whole argument of a command not yet forwarded: decides its fate, or quotes it for the error. */
    private void argument(int pos) throws IOException {
        if (decision == Decision.REFUSE) {
            if (subcommand == null && quotedArgs.length() < RestrictedCommands.QUOTED_LIMIT) {
                String value = tokenText();
                int room = RestrictedCommands.QUOTED_LIMIT - quotedArgs.length();
                quotedArgs.append('\'').append(value, 0, Math.min(room, value.length())).append("' ");
            }
            return;
        }
        String value = tokenText();
        if (argIndex == 0) {
            name = value;
            if (tokenOverflow) {
                decide(Decision.FORWARD, pos);
            } else if (RestrictedCommands.hasRestrictedSubcommands(value)) {
                if (argsLeft == 1) {
                    decide(Decision.FORWARD, pos);
                }
            } else {
                decide(RestrictedCommands.refusesCommand(value) ? Decision.REFUSE : Decision.FORWARD, pos);
            }
        } else {
            boolean refused = !tokenOverflow && RestrictedCommands.refusesSubcommand(name, value);
            if (refused) {
                subcommand = value;
            }
            decide(refused ? Decision.REFUSE : Decision.FORWARD, pos);
        }
    }

    private void decide(Decision fate, int pos) throws IOException {
        decision = fate;
        if (fate == Decision.FORWARD) {
            if (heldLength > 0) {
                server.write(held, 0, heldLength);
                heldLength = 0;
            }
            return;
        }
        if (fate == Decision.REFUSE) {
            if (commandStart >= 0) {
                write(emitFrom, commandStart);
            }
            heldLength = 0;
            quotedArgs = new StringBuilder();
            emitFrom = pos;
        }
    }

    private void commandEnd(int pos) throws IOException {
        if (decision == Decision.REFUSE) {
            String error = subcommand == null
                    ? RestrictedCommands.unknownCommand(name, quotedArgs.toString())
                    : RestrictedCommands.unknownSubcommand(name, subcommand);
            server.write(RestrictedCommands.serverSideError(error));
            String refused = name.toLowerCase(Locale.ROOT);
            refusals.refused(subcommand == null ? refused : refused + " " + subcommand.toLowerCase(Locale.ROOT));
            emitFrom = pos;
        }
        decision = Decision.FORWARD;
        state = State.START;
    }

    private void write(int from, int to) throws IOException {
        if (to > from) {
            server.write(chunk, from, to - from);
        }
    }

    private void hold(int from, int to) throws IOException {
        int n = to - from;
        if (heldLength + n > MAX_HELD) {
            // cannot be a restricted command any more (names are short): let it through
            decision = Decision.FORWARD;
            server.write(held, 0, heldLength);
            heldLength = 0;
            write(from, to);
            return;
        }
        if (heldLength + n > held.length) {
            held = Arrays.copyOf(held, Math.max(held.length * 2, heldLength + n));
        }
        System.arraycopy(chunk, from, held, heldLength, n);
        heldLength += n;
    }

    private void append(byte b) {
        if (tokenLength < token.length) {
            token[tokenLength++] = b;
        } else {
            tokenOverflow = true;
        }
    }

    private void resetToken() {
        tokenLength = 0;
        tokenOverflow = false;
        inToken = false;
    }

    private String tokenText() {
        return new String(token, 0, tokenLength, StandardCharsets.UTF_8);
    }
}
