/**
 * The source SDK, what polling and push sources share: the thread that polls, reschedules and
 * stops by one policy ({@link dev.herald.api.source.PollLoop}); the pause after a failed poll
 * ({@link dev.herald.api.source.PollHealth}) and the problem it shows ({@link
 * dev.herald.api.source.SourceHealth}); the quarantine of one bad record while the others flow
 * ({@link dev.herald.api.source.RecordIsolation}); the record-stream ingest of files and objects
 * ({@link dev.herald.api.source.RecordStreamIngest}); and the sliced time window of an API ({@link
 * dev.herald.api.source.TimeSlices}). See docs/plugins.md, "Writing a source".
 */
@Version("2.0.0")
@Export
package dev.herald.api.source;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
