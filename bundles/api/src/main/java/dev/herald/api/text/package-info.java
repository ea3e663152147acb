/**
 * Small text helpers that sinks and templates share: fitting text into a vendor's length limit,
 * and a stable digest for keys that are too long or unsafe to send as they are.
 */
@Version("1.1.0")
@Export
package dev.herald.api.text;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
