package dev.herald.api.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void textThatFitsIsKept() {
        assertEquals("abc", Text.truncate("abc", 3));
    }

    @Test
    void longTextIsCutWithAnEllipsisWithinTheLimit() {
        assertEquals("ab…", Text.truncate("abcdef", 3));
        assertEquals(3, Text.truncate("abcdef", 3).length());
    }

    @Test
    void aSurrogatePairIsNeverSplit() {
        String emoji = "\uD83D\uDEA8"; // 🚨, two chars
        assertEquals("a…", Text.truncate("a" + emoji + "bcd", 3));
    }

    @Test
    void sha256HexIsTheStandardDigest() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Text.sha256Hex("abc"));
    }

    @Test
    void itemsOfAListSettingSplitCommasTrimAndDropBlanks() {
        assertEquals(List.of("eu-west-1", "us-east-1", "ap-south-1"),
                Text.items(new String[] {" eu-west-1, us-east-1 ,", "", "ap-south-1", null}));
        assertEquals(List.of(), Text.items(null));
    }
}
