/** A stub HTTP(S) peer on this machine for the tests of plugins that talk HTTP: {@link dev.herald.testkit.http.StubHttpServer}. */
package dev.herald.testkit.http;
