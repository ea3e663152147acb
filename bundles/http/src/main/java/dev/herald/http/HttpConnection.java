package dev.herald.http;

/**
 * The connection settings every HTTP plugin's configuration carries; take it as a second
 * {@code @Activate} parameter beside the plugin's {@code Config}: DS fills both from the same
 * configuration.
 *
 * <p>A component property type, not a Metatype definition: the plugin's own {@code Config} keeps
 * declaring {@code ca_bundle}, {@code insecure}, {@code proxy}, {@code connect_timeout} and {@code
 * read_timeout} (an object class definition cannot inherit them, and the web console's forms need
 * them). DS maps {@code __} in a method name to {@code _} in the property name. Apply it with
 * {@link HttpSettings.Builder#connection(HttpConnection)}.
 */
public @interface HttpConnection {
    /** {@code ca_bundle}: a PEM file of CA certificates trusted in addition to the JVM's; empty for none. */
    String ca__bundle() default "";

    /** {@code insecure}: disables TLS certificate and host name verification. */
    boolean insecure() default false;

    /** {@code proxy}: {@code host:port}, {@link HttpSettings#DIRECT}, or empty for Herald's default. */
    String proxy() default "";

    /** {@code connect_timeout}, in seconds; 0 for Herald's default. */
    int connect__timeout() default 0;

    /** {@code read_timeout}, in seconds; 0 for Herald's default. */
    int read__timeout() default 0;
}
