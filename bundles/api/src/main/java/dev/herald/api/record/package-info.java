/**
 * Reading records, shared by every source that reads JSON, and the record-kind SPI.
 *
 * <p>Record kinds: which kind of record a parsed JSON object is and the {@link
 * dev.herald.api.Event}s it becomes ({@link dev.herald.api.record.RecordRecognizer}), over the
 * {@link dev.herald.api.record.RecordKind}s plugin bundles contribute as OSGi services (Herald's own:
 * Illumio PCE audit event and flow summary in {@code herald-kind-illumio}, CloudTrail record and
 * Security Hub finding in ASFF or OCSF in {@code herald-kind-aws}), which core tracks as {@link
 * dev.herald.api.record.RecordKinds}; a record no kind accepts is generic JSON. Each kind also gives
 * its events' {@link dev.herald.api.record.RecordSummary} for templates. {@link
 * dev.herald.api.record.Fields} and {@link dev.herald.api.record.Timestamps} read a kind's fields
 * with messages worded like every other kind's.
 *
 * <p>Reading: a stream of records (JSON Lines, a JSON document or array, a CloudTrail log file) one
 * at a time with the exact text of each ({@link dev.herald.api.record.RecordReader}); telling
 * CloudTrail digest files from log files ({@link dev.herald.api.record.CloudTrailFiles}).
 *
 * <p>Bad input is never a crash: a record that cannot be read or recognised is reported as a
 * {@link dev.herald.api.record.RecordEntry.Malformed} entry or a {@link
 * dev.herald.api.record.RecordException} whose message says what is wrong, so that the source can
 * quarantine it and carry on with the next record: {@link
 * dev.herald.api.record.RecordRecognizer#events(dev.herald.api.record.RecordEntry, String, String)}
 * turns every failure of one record (malformed, too large, not UTF-8, a field of the wrong type, a
 * time out of range, anything) into a {@code RecordException}.
 *
 * <p>2.0.0: the vendor record kinds left this package for plugin bundles; {@code RecordKind} is
 * the SPI interface instead of an enum, and a {@code RecordRecognizer} is built over {@code
 * RecordKinds}.
 */
@Version("2.1.0")
@Export
package dev.herald.api.record;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
