package dev.herald.core.template;

import java.net.URL;

/** The template files a sink's bundle carries (read with {@code Bundle.getEntry}). */
public interface SinkResources {

    /** The entry at {@code path} in the sink's bundle, or null. */
    URL entry(String path);

    /** Changes when the bundle is updated, so that cached templates are compiled again. */
    long version();

    /** The bundle's name, for error messages. */
    String name();
}
