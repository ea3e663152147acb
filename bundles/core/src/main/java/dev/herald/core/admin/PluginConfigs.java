package dev.herald.core.admin;

import java.util.List;

/** Reads the configured source or sink instances. */
interface PluginConfigs {
    String SOURCE_PREFIX = "dev.herald.source.";
    String SINK_PREFIX = "dev.herald.sink.";

    /** The instances of every factory PID that starts with {@code prefix}. */
    List<PluginInstance> instances(String prefix);
}
