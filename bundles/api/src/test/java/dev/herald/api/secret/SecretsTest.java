package dev.herald.api.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void aConcealedValueIsRevealedAndNeverShown() {
        String reference = Secrets.conceal("xoxb-1234-secret");
        assertTrue(reference.startsWith(Secrets.PREFIX), reference);
        assertFalse(reference.contains("xoxb"), reference);
        assertEquals("xoxb-1234-secret", Secrets.reveal(reference));
        assertEquals(reference, Secrets.conceal("xoxb-1234-secret"), "one reference per value");
        assertEquals(reference, Secrets.conceal(reference), "concealing twice changes nothing");
    }

    @Test
    void plainValuesAndBlanksPassThrough() {
        assertEquals("plain", Secrets.reveal("plain"));
        assertEquals("", Secrets.conceal(""));
        assertEquals(null, Secrets.reveal(null));
    }

    @Test
    void anUnknownReferenceSaysWhatToDo() {
        String message = assertThrows(IllegalStateException.class,
                () -> Secrets.reveal(Secrets.PREFIX + "00")).getMessage();
        assertTrue(message.contains("configure the secret itself"), message);
    }
}
