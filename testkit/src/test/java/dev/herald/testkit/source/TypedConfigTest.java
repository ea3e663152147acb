package dev.herald.testkit.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TypedConfigTest {

    @interface Config {
        String name();

        int poll__interval() default 30;

        long settle__time();

        String[] include() default {"*.json"};

        String webconsole_nameHint() default "{name}";

        String ca$_$bundle() default "";
    }

    @Test
    void propertiesAreReadUnderTheirCfgNamesAndConvertedToTheMethodsType() {
        Config config = TypedConfig.of("name", "files", "poll_interval", "5", "settle_time", 7, "include", "*.gz",
                "webconsole.nameHint", "hint", "ca-bundle", "/etc/ca.pem").as(Config.class);
        assertEquals("files", config.name());
        assertEquals(5, config.poll__interval());
        assertEquals(7L, config.settle__time());
        assertArrayEquals(new String[] {"*.gz"}, config.include());
        assertEquals("hint", config.webconsole_nameHint());
        assertEquals("/etc/ca.pem", config.ca$_$bundle());
    }

    @Test
    void aPropertyNotSetIsItsDefaultOrNullOrZeroAsDsGivesIt() {
        Config config = TypedConfig.of().as(Config.class);
        assertNull(config.name());
        assertEquals(30, config.poll__interval());
        assertEquals(0L, config.settle__time());
        assertArrayEquals(new String[] {"*.json"}, config.include());
    }
}
