/**
 * What polling and push sources share: the thread that polls, reschedules and stops ({@link
 * dev.herald.api.source.PollLoop}), the pause and problem after a failed poll ({@link
 * dev.herald.api.source.PollHealth}), and the quarantine of one bad record while the others flow
 * ({@link dev.herald.api.source.RecordIsolation}).
 */
@Version("1.2.0")
@Export
package dev.herald.api.source;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
