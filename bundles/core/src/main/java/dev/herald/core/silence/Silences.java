package dev.herald.core.silence;

/** The silences in force for routing; the set changes as silences are added and expired. */
@FunctionalInterface
public interface Silences {
    /** No silences: for a journal built without OSGi. */
    Silences NONE = ActiveSilences::none;

    ActiveSilences active();
}
