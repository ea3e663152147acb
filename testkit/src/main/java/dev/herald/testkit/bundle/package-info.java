/**
 * For a plugin's manifest test: {@link dev.herald.testkit.bundle.BuiltBundle} reads what bnd wrote
 * into the module's {@code target/classes} (headers, imports, DS and Metatype descriptors) and the
 * example configuration beside it, so that a test can check them against what Karaf provides.
 */
package dev.herald.testkit.bundle;
