/**
 * For a source's tests: {@link dev.herald.testkit.source.SourceContractTest}, the contract every
 * source's test class extends, and {@link dev.herald.testkit.source.TypedConfig}, which builds any
 * component's {@code Config} from .cfg-style properties as Declarative Services does.
 */
package dev.herald.testkit.source;
