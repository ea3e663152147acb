package dev.herald.api.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretsTest {
    private static final String SLACK = "dev.herald.sink.slack~secops";
    private static final String WEBHOOK = "dev.herald.sink.webhook~siem";

    @Test
    void aConcealedValueIsRevealedAndNeverShown() {
        String reference = Secrets.conceal(SLACK, "token", "xoxb-1234-secret");
        assertTrue(reference.startsWith(Secrets.PREFIX), reference);
        assertFalse(reference.contains("xoxb"), reference);
        assertEquals("xoxb-1234-secret", Secrets.reveal(SLACK, "token", reference));
        assertEquals(reference, Secrets.conceal(SLACK, "token", "xoxb-1234-secret"), "one reference per value");
        assertEquals(reference, Secrets.conceal(SLACK, "token", reference), "concealing twice changes nothing");
        assertEquals("xoxb-1234-secret", Secrets.reveal(SLACK, "token", reference));
    }

    @Test
    void plainValuesAndBlanksPassThrough() {
        assertEquals("plain", Secrets.reveal(WEBHOOK, "token", "plain"));
        assertEquals("", Secrets.conceal(WEBHOOK, "token", ""));
        assertEquals(null, Secrets.reveal(WEBHOOK, "token", null));
    }

    @Test
    void anUnknownReferenceSaysWhatToDo() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> Secrets.reveal(WEBHOOK, "token", Secrets.PREFIX + "00")).getMessage();
        assertTrue(message.startsWith("token holds a secret reference"), message);
        assertTrue(message.contains("enter the secret itself or a $[secret:…]/$[env:…] reference"), message);
    }

    @Test
    void aReferenceResolvesOnlyForTheConfigurationAndPropertyItWasIssuedFor() {
        String slackToken = Secrets.conceal(SLACK, "token", "xoxb-only-for-slack");
        String message = assertThrows(IllegalArgumentException.class,
                () -> Secrets.reveal(WEBHOOK, "token", slackToken)).getMessage();
        assertEquals("token holds a secret reference issued for another configuration; enter the secret itself"
                + " or a $[secret:…]/$[env:…] reference", message);
        assertFalse(message.contains("xoxb"), message);
        String otherProperty = assertThrows(IllegalArgumentException.class,
                () -> Secrets.reveal(SLACK, "webhook_url", slackToken)).getMessage();
        assertTrue(otherProperty.startsWith("webhook_url holds a secret reference issued for another configuration"),
                otherProperty);
        assertEquals("xoxb-only-for-slack", Secrets.reveal(SLACK, "token", slackToken), "still fine where it belongs");
    }

    @Test
    void theSameValueGetsADifferentReferenceInEachConfigurationAndProperty() {
        String shared = "the-same-password";
        String a = Secrets.conceal(SLACK, "token", shared);
        assertNotEquals(a, Secrets.conceal(WEBHOOK, "token", shared), "service:list must not tell who shares a secret");
        assertNotEquals(a, Secrets.conceal(SLACK, "webhook_url", shared));
    }

    @Test
    void aRotatedSecretIsForgotten() {
        String pid = "dev.herald.sink.jira~rotating";
        String old = Secrets.conceal(pid, "token", "old-token");
        String current = Secrets.conceal(pid, "token", "new-token");
        assertEquals("new-token", Secrets.reveal(pid, "token", current));
        String message = assertThrows(IllegalArgumentException.class, () -> Secrets.reveal(pid, "token", old)).getMessage();
        assertTrue(message.startsWith("token holds a secret reference"), message);
        assertEquals(1, Secrets.remembered(pid), "one value per property, however often it changes");

        assertEquals("", Secrets.conceal(pid, "token", ""));
        assertThrows(IllegalArgumentException.class, () -> Secrets.reveal(pid, "token", current),
                "a secret cleared from the configuration is forgotten");
        assertEquals(0, Secrets.remembered(pid));
    }

    @Test
    void aDeletedConfigurationsSecretsAreForgotten() {
        String pid = "dev.herald.sink.servicenow~deleted";
        String password = Secrets.conceal(pid, "password", "pw");
        Secrets.conceal(pid, "token", "tok");
        assertEquals(2, Secrets.remembered(pid));
        Secrets.forget(pid);
        assertEquals(0, Secrets.remembered(pid));
        assertThrows(IllegalArgumentException.class, () -> Secrets.reveal(pid, "password", password));
    }
}
