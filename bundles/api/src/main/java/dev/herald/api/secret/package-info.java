/**
 * Secrets kept out of sight: Herald's core hands plugin components a reference in place of each
 * Metatype PASSWORD value, so that service and component properties (what Karaf's
 * {@code service:list} and the web console show) never carry it; a plugin reveals the value
 * where it uses it.
 */
@Version("1.0.0")
@Export
package dev.herald.api.secret;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
