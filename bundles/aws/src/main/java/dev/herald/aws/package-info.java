/**
 * Herald's way to build AWS SDK clients from a plugin's configuration: credentials (default chain,
 * named profile, static keys, STS assume-role with external id), region, endpoint override, an
 * explicit URLConnection HTTP client with Herald's TLS trust, and the retry mode; plus how AWS
 * errors are told apart (retryable or not), described without secrets and turn into a poller's
 * pause ({@link dev.herald.api.source.PollHealth}).
 */
@Version("2.0.0")
@Export
package dev.herald.aws;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
