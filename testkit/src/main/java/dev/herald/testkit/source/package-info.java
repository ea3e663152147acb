/**
 * For a source's tests: {@link dev.herald.testkit.source.SourceContractTest}, the contract every
 * source's test class extends (through {@link dev.herald.testkit.source.ClockedSourceContractTest}
 * for a source that polls on a clock of its own), and {@link dev.herald.testkit.source.TypedConfig},
 * which builds any component's {@code Config} from .cfg-style properties as Declarative Services
 * does.
 */
package dev.herald.testkit.source;
