/**
 * The sink SDK: what every sink does the same way, and the typed contract between a sink and the
 * host. A sink builds a {@link dev.herald.api.sink.SinkSetup} first (name required, rate checked,
 * every later configuration error prefixed with the sink's kind and name), declares its body escaping
 * with {@link dev.herald.api.sink.TemplateEscape} (and, if it never reads idempotency keys, says so
 * with {@link dev.herald.api.sink.IdempotencyKeys}), and checks a template-set setting with {@link
 * dev.herald.api.sink.TemplateSets}. The host reads the same properties back as {@link
 * dev.herald.api.sink.SinkTraits}. A bundle contributes Pebble filters with {@link
 * dev.herald.api.sink.TemplateFilters}. The HTTP half (a sender with the sink's context, the
 * vendor-detail hook, URL checks) is in {@code dev.herald.http}.
 */
@Version("1.1.0")
@Export
package dev.herald.api.sink;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
