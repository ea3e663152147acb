/**
 * A stub HTTP(S) peer on this machine for the tests of plugins that talk HTTP: {@link
 * dev.herald.testkit.http.StubHttpServer}; {@link dev.herald.testkit.http.Exchanges} answers for a
 * vendor emulator built on the JDK's HTTP server.
 */
package dev.herald.testkit.http;
