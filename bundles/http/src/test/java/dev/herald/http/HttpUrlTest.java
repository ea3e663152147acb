package dev.herald.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

class HttpUrlTest {

    private static String refused(HttpUrl url) {
        return assertThrows(IllegalArgumentException.class, url::parse).getMessage();
    }

    @Test
    void namesThePropertyWhatIsWrongAndAnExample() {
        assertEquals("url is required: a URL, e.g. https://x.example/in",
                refused(HttpUrl.of("url", " ").example("https://x.example/in")));
        assertEquals("url 'ftp://x.example' must be an http:// or https:// URL with a host, e.g. https://x.example/in",
                refused(HttpUrl.of("url", "ftp://x.example").example("https://x.example/in")));
        assertEquals("url must not carry credentials (user:password@): use auth = basic",
                refused(HttpUrl.of("url", "https://u:p@x.example").credentialsIn("use auth = basic")));
        assertEquals("api_url 'https://x.example/a?b=1' must have nothing after the path (no ?query or #fragment)",
                refused(HttpUrl.of("api_url", "https://x.example/a?b=1").baseOnly()));
        assertEquals(URI.create("https://x.example/a"), HttpUrl.of("url", " https://x.example/a ").parse());
    }

    @Test
    void aSecretUrlIsNeverQuotedAndPlainHttpOnlyGoesToThisMachine() {
        String secret = "https://hooks.example/T0/B0/s3cretpart x";
        assertFalse(refused(HttpUrl.of("webhook_url", secret).secret()).contains("s3cret"));
        assertFalse(refused(HttpUrl.of("webhook_url", "http://hooks.example/s3cret").secret().httpsUnlessLoopback())
                .contains("s3cret"));
        assertEquals(URI.create("http://127.0.0.1:8080/x"),
                HttpUrl.of("webhook_url", "http://127.0.0.1:8080/x").secret().httpsUnlessLoopback().parse());
    }
}
