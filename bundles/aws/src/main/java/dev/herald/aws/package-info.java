/**
 * Herald's way to build AWS SDK clients from a plugin's configuration: credentials (default chain,
 * named profile, static keys, STS assume-role with external id), region, endpoint override, an
 * explicit URLConnection HTTP client with Herald's TLS trust, and the retry mode; plus how AWS
 * errors are told apart (retryable or not) and described without secrets.
 */
@Version("1.0.0")
@Export
package dev.herald.aws;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
