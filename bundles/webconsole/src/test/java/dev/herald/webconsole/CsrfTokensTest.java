package dev.herald.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import javax.servlet.http.HttpSession;
import org.junit.jupiter.api.Test;

class CsrfTokensTest {

    @Test
    void aSessionKeepsOneTokenAndAcceptsItBack() {
        HttpSession session = FakeRequests.session();
        String token = CsrfTokens.of(FakeRequests.request(session, Map.of(), Map.of(), Map.of()));
        assertEquals(token, CsrfTokens.of(FakeRequests.request(session, Map.of(), Map.of(), Map.of())));
        assertTrue(token.length() >= 43, "256 random bits");
        assertTrue(CsrfTokens.verify(FakeRequests.request(session, Map.of(CsrfTokens.HEADER, token), Map.of(), Map.of())));
    }

    @Test
    void aMissingWrongOrForeignTokenIsRefused() {
        HttpSession session = FakeRequests.session();
        String token = CsrfTokens.of(FakeRequests.request(session, Map.of(), Map.of(), Map.of()));
        assertFalse(CsrfTokens.verify(FakeRequests.request(session, Map.of(), Map.of(), Map.of())), "no header");
        assertFalse(CsrfTokens.verify(FakeRequests.request(session, Map.of(CsrfTokens.HEADER, token + "x"), Map.of(), Map.of())));
        assertFalse(CsrfTokens.verify(FakeRequests.request(session, Map.of(CsrfTokens.HEADER, ""), Map.of(), Map.of())));
        assertFalse(CsrfTokens.verify(FakeRequests.request(null, Map.of(CsrfTokens.HEADER, token), Map.of(), Map.of())),
                "a request without a session (a forged cross-site POST after the session ended)");

        HttpSession other = FakeRequests.session();
        String otherToken = CsrfTokens.of(FakeRequests.request(other, Map.of(), Map.of(), Map.of()));
        assertNotEquals(token, otherToken);
        assertFalse(CsrfTokens.verify(FakeRequests.request(session, Map.of(CsrfTokens.HEADER, otherToken), Map.of(), Map.of())),
                "another session's token");
    }
}
