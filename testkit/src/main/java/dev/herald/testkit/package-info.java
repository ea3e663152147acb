/**
 * Herald's test kit: the contract every sink and source honours, and the tools their tests share.
 * A plugin adds {@code dev.herald:herald-testkit} with test scope and extends the contract tests.
 */
package dev.herald.testkit;
