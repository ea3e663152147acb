/**
 * {@link dev.herald.testkit.journal.MemoryJournal}: the journal in memory a source's tests read
 * into, with the views (appends, kept ids, checkpoints, quarantine, problems) and the refusals
 * they need.
 */
package dev.herald.testkit.journal;
