package dev.redismigrate.core.task;

/**
 * The rule for a task's name, wherever the name comes from (CLI, console, cloud function): at most
 * {@value #MAX_LENGTH} characters and no control character. A name is printed on one line of {@code list}, of the
 * logs and of the events, where a tab or a line break would break the line and an escape would drive the terminal.
 */
public final class TaskName {
    public static final int MAX_LENGTH = 100;

    private TaskName() {
    }

    /**
     * The name as given; null or blank passes (the task is then named {@code migration-<id>}).
     *
     * @throws InvalidTaskNameException saying what is wrong and what to do
     */
    public static String check(String name) {
        if (name == null) {
            return null;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (breaksTheLine(c)) {
                throw new InvalidTaskNameException(String.format("the task name has a control character (U+%04X, its"
                        + " character %d): a name is printed on one line in lists, logs and events; give a name"
                        + " without tabs, line breaks or escapes", (int) c, i + 1));
            }
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidTaskNameException("the task name has " + name.length() + " characters, more than "
                    + MAX_LENGTH + ": give a shorter name");
        }
        return name;
    }

    private static boolean breaksTheLine(char c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
