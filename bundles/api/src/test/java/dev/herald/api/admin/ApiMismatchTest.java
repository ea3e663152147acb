package dev.herald.api.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiMismatchTest {
    @Test
    void readsTheRangeAPluginImportsFromTheFrameworksFilter() {
        assertEquals(Optional.of(new ApiMismatch("p 2.0.0", "dev.herald.api", "[2.0.0,3.0.0)", "1.1.0")),
                ApiMismatch.of("p 2.0.0",
                        "(&(osgi.wiring.package=dev.herald.api)(version>=2.0.0)(!(version>=3.0.0)))", "1.1.0"));
        assertEquals("[1.4.0,∞)", ApiMismatch.of("p 1", "(&(osgi.wiring.package=dev.herald.api.admin)(version>=1.4.0))",
                null).orElseThrow().needed());
        assertEquals("(any version)", ApiMismatch.of("p 1", "(osgi.wiring.package=dev.herald.http)", null)
                .orElseThrow().needed());
    }

    @Test
    void ignoresPackagesThatAreNotHeralds() {
        assertEquals(Optional.empty(), ApiMismatch.of("p 1",
                "(&(osgi.wiring.package=org.slf4j)(version>=1.7.0)(!(version>=2.0.0)))", null));
    }

    @Test
    void findsThePluginAndItsImportInAKarafFeatureResolutionFailure() {
        // as Karaf 4.4's feature resolver words it, the feature outermost and the bundle innermost
        String message = "Unable to resolve root: missing requirement [root] osgi.identity; osgi.identity=herald-sink-future;"
                + " type=karaf.feature; version=\"[2.0.0,2.0.0]\"; filter:=\"(&(osgi.identity=herald-sink-future)(type=karaf.feature)"
                + "(version>=2.0.0)(version<=2.0.0))\" [caused by: Unable to resolve herald-sink-future/2.0.0: missing requirement"
                + " [herald-sink-future/2.0.0] osgi.identity; osgi.identity=dev.herald.sink.future; type=osgi.bundle;"
                + " version=\"[2.0.0,2.0.0]\"; resolution:=mandatory [caused by: Unable to resolve dev.herald.sink.future/2.0.0:"
                + " missing requirement [dev.herald.sink.future/2.0.0] osgi.wiring.package;"
                + " filter:=\"(&(osgi.wiring.package=dev.herald.api)(version>=2.0.0)(!(version>=3.0.0)))\"]]";
        ApiMismatch m = ApiMismatch.inResolverMessage(message).orElseThrow();
        assertEquals(new ApiMismatch("dev.herald.sink.future 2.0.0", "dev.herald.api", "[2.0.0,3.0.0)", null), m);
        assertTrue(m.message().contains("this Herald provides no package dev.herald.api"), m.message());
    }

    @Test
    void aFailureWithAnotherCauseIsNotAnApiMismatch() {
        assertEquals(Optional.empty(), ApiMismatch.inResolverMessage(
                "Unable to resolve dev.herald.sink.x/1.0.0: missing requirement [dev.herald.sink.x/1.0.0]"
                        + " osgi.wiring.package; filter:=\"(osgi.wiring.package=com.example.missing)\""));
        assertEquals(Optional.empty(), ApiMismatch.inResolverMessage("No matching features for herald-sink-nope/0"));
        assertEquals(Optional.empty(), ApiMismatch.inResolverMessage(null));
    }
}
