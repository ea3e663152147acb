package dev.herald.shell;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The words after a sub-action ({@code dlq purge 41 --sink soc}): record ids, and the options
 * typed after the action, which Karaf leaves among the arguments because it stops parsing options
 * at the first argument.
 */
final class ActionWords {
    private final String idRule;
    private final Map<String, Runnable> flags = new HashMap<>();
    private final Map<String, Consumer<String>> valued = new HashMap<>();

    /** @param idRule what an id is and where to find it, for the error about a word that is not one */
    ActionWords(String idRule) {
        this.idRule = idRule;
    }

    /** An option without a value, e.g. {@code --all}. */
    ActionWords flag(String name, Runnable set) {
        flags.put(name, set);
        return this;
    }

    /** An option with a value, as {@code --name value} or {@code --name=value}. */
    ActionWords option(Consumer<String> set, String... names) {
        for (String name : names) {
            valued.put(name, set);
        }
        return this;
    }

    /** The ids among the words; the options among them are applied. */
    List<Long> ids(List<String> words) {
        List<Long> ids = new ArrayList<>();
        Iterator<String> it = words == null ? Collections.emptyIterator() : words.iterator();
        while (it.hasNext()) {
            String word = it.next();
            int eq = word.indexOf('=');
            if (flags.containsKey(word)) {
                flags.get(word).run();
            } else if (valued.containsKey(word)) {
                if (!it.hasNext()) {
                    throw new IllegalArgumentException(word + " needs a value");
                }
                valued.get(word).accept(it.next());
            } else if (eq > 0 && valued.containsKey(word.substring(0, eq))) {
                valued.get(word.substring(0, eq)).accept(word.substring(eq + 1));
            } else {
                ids.add(number(word, idRule));
            }
        }
        return ids;
    }

    /** A whole number, else an error that states {@code rule} and quotes the word. */
    static long number(String word, String rule) {
        try {
            return Long.parseLong(word.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(rule + ", not '" + word + "'");
        }
    }
}
