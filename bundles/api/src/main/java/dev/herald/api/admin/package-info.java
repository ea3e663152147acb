/**
 * The operator's view of a running Herald, provided by core as a {@link
 * dev.herald.api.admin.HeraldAdmin} service: what the shell, the web console and the metrics
 * endpoint show and do. Plugins do not need it.
 *
 * <p>Every setting shown through it has its secrets masked as {@code ****}.
 */
@Version("1.4.0")
@Export
package dev.herald.api.admin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
