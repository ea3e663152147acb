package dev.herald.observe.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class MetricsAccessTest {
    /** The realm of the test: one user, as etc/users.properties would have it. */
    static final MetricsAccess.Realm ANN = (user, password) -> user.equals("ann") && new String(password).equals("s3cret");

    static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theConfiguredBearerTokenIsLetIn() {
        MetricsAccess access = new MetricsAccess("t0ken", ANN);
        assertTrue(access.permits("Bearer t0ken"));
        assertTrue(access.permits("bearer t0ken "));
        assertFalse(access.permits("Bearer t0ke"));
        assertFalse(access.permits("Bearer t0ken2"));
        assertFalse(access.permits("Bearer "));
    }

    @Test
    void withoutATokenNoBearerIsLetIn() {
        MetricsAccess access = new MetricsAccess("", ANN);
        assertFalse(access.permits("Bearer "));
        assertFalse(access.permits("Bearer anything"));
    }

    @Test
    void realmUsersAreLetInWithHttpBasic() {
        MetricsAccess access = new MetricsAccess("t0ken", ANN);
        assertTrue(access.permits(basic("ann:s3cret")));
        assertFalse(access.permits(basic("ann:wrong")));
        assertFalse(access.permits(basic(":s3cret")));
        assertFalse(access.permits("Basic not-base64!"));
    }

    @Test
    void noOrAnotherSchemeIsRefused() {
        MetricsAccess access = new MetricsAccess("t0ken", ANN);
        assertFalse(access.permits(null));
        assertFalse(access.permits("t0ken"));
        assertFalse(access.permits("Digest username=ann"));
    }
}
