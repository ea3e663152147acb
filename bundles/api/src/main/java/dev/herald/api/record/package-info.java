/**
 * Recognising vendor records, shared by every source that reads JSON: which kind of record a
 * parsed JSON object is (Illumio PCE audit event, Illumio flow summary, CloudTrail record, Security
 * Hub finding in ASFF or OCSF, or other JSON) and the {@link dev.herald.api.Event}s it becomes
 * ({@link dev.herald.api.record.RecordRecognizer}); and reading a stream of records (JSON Lines,
 * a JSON document or array, a CloudTrail log file) one at a time with the exact text of each
 * ({@link dev.herald.api.record.RecordReader}); telling CloudTrail digest files from log files
 * ({@link dev.herald.api.record.CloudTrailFiles}).
 *
 * <p>Bad input is never a crash: a record that cannot be read or recognised is reported as a
 * {@link dev.herald.api.record.RecordEntry.Malformed} entry or a {@link
 * dev.herald.api.record.RecordException} whose message says what is wrong, so that the source can
 * quarantine it and carry on with the next record: {@link
 * dev.herald.api.record.RecordRecognizer#events(dev.herald.api.record.RecordEntry, String, String)}
 * turns every failure of one record (malformed, too large, not UTF-8, a field of the wrong type, a
 * time out of range, anything) into a {@code RecordException}.
 */
@Version("1.2.0")
@Export
package dev.herald.api.record;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
