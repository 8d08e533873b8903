package dev.redismigrate.core.validation.checks;

/** Small wording helpers shared by the check groups. */
final class Text {
    private Text() {
    }

    /** A finding from the probe as a sentence: capitalised, with a full stop. */
    static String sentence(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String s = text.strip();
        return fullStop(Character.toUpperCase(s.charAt(0)) + s.substring(1));
    }

    /** Ends the text with a full stop, leaving its first letter alone (it may be a parameter name). */
    static String fullStop(String text) {
        String s = text.strip();
        return s.endsWith(".") ? s : s + ".";
    }
}
