package dev.herald.core.admin;

import java.util.Map;

/**
 * A source or sink configuration as Configuration Admin and Declarative Services see it.
 *
 * @param kind     the plugin kind (factory PID minus {@code dev.herald.source.}/{@code dev.herald.sink.})
 * @param pid      the configuration's PID
 * @param name     its {@code name} property (the PID when missing)
 * @param state    what DS made of it
 * @param error    why it failed, or null
 * @param settings its properties with secrets masked
 */
record PluginInstance(String kind, String pid, String name, PluginState state, String error,
                      Map<String, String> settings) {
}
