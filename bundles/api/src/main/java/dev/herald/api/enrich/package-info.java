/**
 * Enrichment: stages between recognition and routing that add fields to an event (the location of
 * its source IP, the PCE workload behind an href, …) so that routes can match on them and
 * templates can show them.
 *
 * <p>An enricher is an OSGi service implementing {@link dev.herald.api.enrich.Enricher}. Herald's
 * core applies every registered enricher to each event a source appends, in {@link
 * dev.herald.api.enrich.Enricher#order() order}, before the routes see it; what an enricher
 * returns appears in the envelope under {@code enrichment}, e.g. {@code enrichment.geo.country}.
 *
 * <p>Enrichment never blocks delivery: an enricher that throws, or does not answer within its
 * {@link dev.herald.api.enrich.Enricher#timeout() timeout}, leaves its fields out of that event,
 * which goes on to the routes without them; the failure is logged and shown by {@code
 * herald:status} under the enricher's name until the enricher succeeds again. An enricher that only
 * reads memory it holds says so ({@link dev.herald.api.enrich.Enricher#inMemory()}) and runs on
 * the appending thread instead, without a timeout.
 * {@link dev.herald.api.enrich.EventAddresses} says where the IP addresses of each kind of event
 * are, so that every enricher reads them alike.
 */
@Version("1.1.0")
@Export
package dev.herald.api.enrich;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
