package dev.herald.core.admin;

/** Where a plugin configuration stands with Declarative Services. */
enum PluginState {
    /** A component runs with it. */
    ACTIVE,
    /** Declarative Services has not made a component from it yet: a moment after a change. */
    STARTING,
    /** Its component rejected it or cannot be satisfied; see the error. */
    FAILED,
    /** No installed bundle has a component for its factory PID. */
    NOT_INSTALLED
}
