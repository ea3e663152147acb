/**
 * The Herald SPI: what a source or sink plugin compiles against.
 *
 * <p>A <b>source</b> is a Declarative Services component that turns raw records into {@link
 * dev.herald.api.Event}s and hands them, with its next {@link dev.herald.api.Checkpoint}, to the
 * {@link dev.herald.api.Journal}. A <b>sink</b> is a component that registers a {@link
 * dev.herald.api.Sink} service and classifies every failure as a {@link
 * dev.herald.api.DeliveryException} (retryable or permanent). Everything in between (dedupe,
 * routing, templates, retries, the dead-letter store) belongs to Herald's core.
 */
@Version("1.8.0")
@Export
package dev.herald.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
