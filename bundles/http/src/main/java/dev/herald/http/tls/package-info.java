/** TLS trust shared by Herald's plugins: the JVM's CAs plus a {@code ca_bundle}, or explicitly none. */
@Version("1.0.0")
@Export
package dev.herald.http.tls;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
