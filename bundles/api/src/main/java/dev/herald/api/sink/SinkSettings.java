package dev.herald.api.sink;

/**
 * The settings every sink's configuration carries and the host reads back ({@link SinkTraits}):
 * take it as a second {@code @Activate} parameter beside the sink's {@code Config}; DS fills both
 * from the same configuration. A component property type, not a Metatype definition: the sink's
 * own {@code Config} keeps declaring {@code name} and {@code rate} with their descriptions (an
 * object class definition cannot inherit them).
 */
public @interface SinkSettings {
    /** {@code name} ({@link dev.herald.api.Sink#NAME}): how routes refer to the sink; required. */
    String name() default "";

    /** {@code rate} ({@link dev.herald.api.Sink#RATE}): the most messages per second; 0 for no limit. */
    double rate() default 0;
}
