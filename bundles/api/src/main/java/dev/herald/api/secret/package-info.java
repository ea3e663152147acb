/**
 * Secrets kept out of sight: Herald's core hands plugin components a reference in place of each
 * secret value (a Metatype PASSWORD attribute, or a name of {@link dev.herald.api.secret.SecretKeys#KNOWN}),
 * so that service and component properties (what Karaf's {@code service:list} and the web console
 * show) never carry it; a plugin reveals the value where it uses it, for its own configuration
 * only ({@link dev.herald.api.secret.ServicePid}).
 */
@Version("1.0.0")
@Export
package dev.herald.api.secret;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
