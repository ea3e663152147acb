/**
 * What a sink's tests share: {@link dev.herald.testkit.sink.SinkContractTest} and {@link
 * dev.herald.testkit.sink.HttpSinkContractTest} (the contract every sink honours), {@link
 * dev.herald.testkit.sink.SinkTemplates} (a sink's templates rendered as Herald renders them, on
 * {@link dev.herald.testkit.sink.SampleEvents} of every record kind and on the {@link
 * dev.herald.testkit.sink.DemoRecords} the distribution ships), {@link
 * dev.herald.testkit.sink.SinkConfig} (a {@code Config} annotation from properties, typed) and
 * {@link dev.herald.testkit.sink.LogCapture}.
 */
package dev.herald.testkit.sink;
