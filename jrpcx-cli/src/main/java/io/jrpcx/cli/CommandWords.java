package io.jrpcx.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the command of {@code jrpcx call --stdio 'COMMAND ARGS'} into words without a shell: words are
 * separated by whitespace; single quotes keep everything up to the next single quote as is; double quotes
 * keep whitespace and single quotes, with {@code \"} and {@code \\} escaped; outside quotes a backslash
 * keeps the next character. Nothing else (no variables, globs, pipes or redirections) is interpreted.
 *
 * <pre>{@code
 * CommandWords.split("python3 -m pylsp --log-file '/tmp/my log'");   // [python3, -m, pylsp, --log-file, /tmp/my log]
 * }</pre>
 */
final class CommandWords {
    private CommandWords() {
    }

    /**
     * The words of {@code command}.
     *
     * @throws IllegalArgumentException when a quote is not closed, a backslash ends the command, or there
     *     is no word at all
     */
    static List<String> split(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (c == '\'') {
                int end = command.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed ' in the command: " + command);
                }
                word.append(command, i + 1, end);
                i = end;
            } else if (c == '"') {
                i++;
                while (i < command.length() && command.charAt(i) != '"') {
                    char d = command.charAt(i);
                    if (d == '\\' && i + 1 < command.length() && (command.charAt(i + 1) == '"' || command.charAt(i + 1) == '\\')) {
                        d = command.charAt(++i);
                    }
                    word.append(d);
                    i++;
                }
                if (i >= command.length()) {
                    throw new IllegalArgumentException("unclosed \" in the command: " + command);
                }
            } else if (c == '\\') {
                if (i + 1 >= command.length()) {
                    throw new IllegalArgumentException("the command ends with a backslash: " + command);
                }
                word.append(command.charAt(++i));
            } else {
                word.append(c);
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("the command is empty");
        }
        return words;
    }
}
