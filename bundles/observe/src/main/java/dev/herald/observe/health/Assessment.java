package dev.herald.observe.health;

/**
 * The health of one subject.
 *
 * @param kind      {@code source}, {@code sink}, {@code store} or {@code route}
 * @param name      the instance's configured name ({@code herald} for the store)
 * @param condition its condition
 * @param message   what is wrong and what to do, or a one-line summary when OK
 */
public record Assessment(String kind, String name, Condition condition, String message) {

    /** {@code sink it-hook}: unique among the assessments of one moment. */
    public String subject() {
        return kind + " " + name;
    }
}
