package dev.herald.source.securityhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testkit.HeraldKinds;
import dev.herald.testkit.journal.MemoryJournal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

/** The servlet over request and response doubles that answer only what it asks. */
class PushServletTest {
    private final MemoryJournal journal = new MemoryJournal();
    private final PushServlet servlet = servlet(TestConfig.push());
    private final Map<String, Object> response = new HashMap<>();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    private PushServlet servlet(TestConfig config) {
        return new PushServlet(new PushHandler(config.settings(), journal, HeraldKinds.all().recognizer()), config.settings());
    }

    private HttpServletRequest request(String method, String token, String body) {
        return request(method, token, body, true);
    }

    private HttpServletRequest request(String method, String token, String body, boolean secure) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        ServletInputStream stream = new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getProtocol" -> "HTTP/1.1";
                    case "getHeader" -> "x-herald-token".equalsIgnoreCase((String) args[0]) ? token : null;
                    case "getContentType" -> "application/json";
                    case "getContentLengthLong" -> (long) bytes.length;
                    case "getInputStream" -> stream;
                    case "isSecure" -> secure;
                    default -> null;
                });
    }

    private HttpServletResponse response() {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                written.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getOutputStream" -> out;
                    case "setStatus", "setContentType", "sendError", "setContentLength" -> {
                        response.put(m.getName(), args[0]);
                        yield null;
                    }
                    default -> null;
                });
    }

    @Test
    void aPostIsHandedToTheHandlerAndItsAnswerWritten() throws Exception {
        servlet.service(request("POST", TestConfig.SECRET, body()), response());

        assertEquals(200, response.get("setStatus"));
        assertEquals("application/json", response.get("setContentType"));
        assertTrue(written.toString(StandardCharsets.UTF_8).contains("\"new\":1"), written.toString());
        assertEquals(1, journal.ids().size());
    }

    @Test
    void aPostOverPlainHttpIsRefusedSayingWhatToDo() throws Exception {
        servlet.service(request("POST", TestConfig.SECRET, body(), false), response());

        assertEquals(403, response.get("setStatus"));
        String answer = written.toString(StandardCharsets.UTF_8);
        assertTrue(answer.contains("HTTPS") && answer.contains("allow_plain_http"), answer);
        assertTrue(journal.ids().isEmpty());
    }

    @Test
    void aPostOverPlainHttpIsTakenWhenAllowedForAProxyInFront() throws Exception {
        servlet(TestConfig.push("allow_plain_http", true))
                .service(request("POST", TestConfig.SECRET, body(), false), response());

        assertEquals(200, response.get("setStatus"));
        assertEquals(1, journal.ids().size());
    }

    @Test
    void aWrongTokenIsAnswered401() throws Exception {
        servlet.service(request("POST", "nope", "{}"), response());

        assertEquals(401, response.get("setStatus"));
    }

    @Test
    void otherMethodsAreRefused() throws Exception {
        servlet.service(request("GET", TestConfig.SECRET, ""), response());

        assertEquals(405, response.get("sendError"));
        assertTrue(journal.ids().isEmpty());
    }

    private static String body() {
        String finding = SecurityHubEmulator.finding("arn:aws:securityhub:eu-west-1:123456789012:finding/1",
                Instant.parse("2026-11-22T10:16:49Z"), "HIGH").toString();
        return "{\"detail-type\":\"Security Hub Findings - Imported\",\"detail\":{\"findings\":[" + finding + "]}}";
    }
}
