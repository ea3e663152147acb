/** What polling sources share: the thread that polls, reschedules and stops. */
@Version("1.0.0")
@Export
package dev.herald.api.source;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
