package dev.herald.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.admin.HeraldAdmin;
import dev.herald.api.admin.QuarantineRetryResult;
import dev.herald.api.admin.SilenceView;
import java.io.ByteArrayInputStream;
import dev.herald.api.record.RecordKinds;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.Subject;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.jupiter.api.Test;

/**
 * A POST that would change Herald is refused before anything is done: the guarded plugin is built
 * without a HeraldAdmin, so a call that got through would fail with a 500, not a 403. One that
 * passes the guard reaches the HeraldAdmin with what the page chose.
 */
class PostGuardTest {

    private final List<String> adminCalls = new ArrayList<>();
    private HeraldConsolePlugin plugin = new HeraldConsolePlugin(null, null, null, RecordKinds.of());

    private record Answer(int status, String contentType, String body) {
    }

    private Answer post(HttpServletRequest request) throws Exception {
        Map<String, Object> state = new HashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }

            @Override
            public void write(int b) {
                body.write(b);
            }
        };
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "setStatus" -> state.put("status", args[0]);
                    case "setContentType" -> state.put("type", args[0]);
                    case "setHeader" -> null;
                    case "getOutputStream" -> out;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        plugin.doPost(request, response);
        return new Answer((Integer) state.get("status"), (String) state.get("type"), body.toString(StandardCharsets.UTF_8));
    }

    private static HttpServletRequest purge(HttpSession session, Map<String, String> headers, Subject subject) {
        return post("/herald/api/deadletters/purge", session, headers, Map.of("sink", "soc"), subject);
    }

    private static HttpServletRequest post(String path, HttpSession session, Map<String, String> headers,
                                           Map<String, String> parameters, Subject subject) {
        Map<String, Object> attributes = subject == null ? Map.of() : Map.of(AdminRole.SUBJECT_ATTRIBUTE, subject);
        HttpServletRequest plain = FakeRequests.request(session, headers, parameters, attributes);
        return (HttpServletRequest) Proxy.newProxyInstance(PostGuardTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getPathInfo" -> path;
                    case "getInputStream" -> body(SILENCED_PATTERN);
                    default -> method.invoke(plain, args);
                });
    }

    private static final String SILENCED_PATTERN = "{\"type\":[\"ConsoleLogin\"]}";

    private static ServletInputStream body(String text) {
        ByteArrayInputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        return new ServletInputStream() {
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
            }

            @Override
            public int read() {
                return in.read();
            }
        };
    }

    /** A user of Karaf's realm, ann, with these roles. */
    private static Subject withRoles(String... roles) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal("ann"));
        for (String role : roles) {
            subject.getPrincipals().add(new RolePrincipal(role));
        }
        return subject;
    }

    @Test
    void withoutTheAdminRoleNothingChanges() throws Exception {
        HttpSession session = FakeRequests.session();
        String token = CsrfTokens.of(FakeRequests.request(session, Map.of(), Map.of(), Map.of()));
        Answer answer = post(purge(session, Map.of(CsrfTokens.HEADER, token), withRoles("viewer")));
        assertEquals(403, answer.status());
        assertEquals(ConsoleJson.CONTENT_TYPE, answer.contentType());
        assertTrue(answer.body().contains("needs the admin role"), answer.body());
    }

    @Test
    void withoutTheSessionsTokenNothingChanges() throws Exception {
        HttpSession session = FakeRequests.session();
        CsrfTokens.of(FakeRequests.request(session, Map.of(), Map.of(), Map.of()));
        Answer answer = post(purge(session, Map.of(CsrfTokens.HEADER, "forged"), withRoles("admin")));
        assertEquals(403, answer.status());
        assertTrue(answer.body().contains("X-Herald-CSRF"), answer.body());
    }

    @Test
    void quarantinePurgeIsGuardedLikeTheDeadLetters() throws Exception {
        HttpSession session = FakeRequests.session();
        String token = CsrfTokens.of(FakeRequests.request(session, Map.of(), Map.of(), Map.of()));
        Answer answer = post(post("/herald/api/quarantine/purge", session, Map.of(CsrfTokens.HEADER, token),
                Map.of("source", "inbox"), withRoles("viewer")));
        assertEquals(403, answer.status());
        answer = post(post("/herald/api/quarantine/purge", session, Map.of(CsrfTokens.HEADER, "forged"),
                Map.of("source", "inbox"), withRoles("admin")));
        assertEquals(403, answer.status());
    }

    @Test
    void anAdminWithTheTokenPurgesTheChosenQuarantinedRecords() throws Exception {
        plugin = new HeraldConsolePlugin(recordingAdmin(), null, null, RecordKinds.of());
        HttpSession session = FakeRequests.session();
        String token = CsrfTokens.of(FakeRequests.request(session, Map.of(), Map.of(), Map.of()));
        Answer answer = post(post("/herald/api/quarantine/purge", session, Map.of(CsrfTokens.HEADER, token),
                Map.of("source", "inbox", "id", "42"), withRoles("admin")));
        assertEquals(200, answer.status(), answer.body());
        assertEquals("{\"purged\":1}", answer.body());
        assertEquals(List.of("purgeQuarantine inbox [42]"), adminCalls);

        answer = post(post("/herald/api/quarantine/purge", session, Map.of(CsrfTokens.HEADER, token),
                Map.of("id", "x1"), withRoles("admin")));
        assertEquals(400, answer.status());
        assertTrue(answer.body().contains("x1") && answer.body().contains("is not a number"), answer.body());
    }

    @Test
    void quarantineRetryIsGuardedAndAnswersWhatHappenedToEachRecord() throws Exception {
        plugin = new HeraldConsolePlugin(recordingAdmin(), null, null, RecordKinds.of());
        HttpSession session = FakeRequests.session();
        String token = CsrfTokens.of(FakeRequests.request(session, Map.of(), Map.of(), Map.of()));
        assertEquals(403, post(post("/herald/api/quarantine/retry", session, Map.of(CsrfTokens.HEADER, token),
                Map.of("id", "42"), withRoles("viewer"))).status());
        assertEquals(403, post(post("/herald/api/quarantine/retry", session, Map.of(CsrfTokens.HEADER, "forged"),
                Map.of("id", "42"), withRoles("admin"))).status());
        assertTrue(adminCalls.isEmpty(), "nothing retried without the role and the token");

        Answer answer = post(post("/herald/api/quarantine/retry", session, Map.of(CsrfTokens.HEADER, token),
                Map.of("source", "inbox", "id", "42"), withRoles("admin")));

        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.body().contains("\"outcome\":\"STILL_UNREADABLE\"")
                && answer.body().contains("\"detail\":\"no eventTime \\u003C/script\\u003E\""), answer.body());
        assertEquals(List.of("retryQuarantine inbox [42]"), adminCalls);
    }

    @Test
    void addingAndExpiringSilencesIsGuardedAndTheConsoleUserIsTheirCreator() throws Exception {
        plugin = new HeraldConsolePlugin(recordingAdmin(), null, null, RecordKinds.of());
        HttpSession session = FakeRequests.session();
        String token = CsrfTokens.of(FakeRequests.request(session, Map.of(), Map.of(), Map.of()));
        Map<String, String> add = Map.of("for", "2h", "comment", "CHG-7", "sink", "secops");
        assertEquals(403, post(post("/herald/api/silences/add", session, Map.of(CsrfTokens.HEADER, token), add,
                withRoles("viewer"))).status());
        assertEquals(403, post(post("/herald/api/silences/add", session, Map.of(CsrfTokens.HEADER, "forged"), add,
                withRoles("admin"))).status());
        assertEquals(403, post(post("/herald/api/silences/expire", session, Map.of(CsrfTokens.HEADER, "forged"),
                Map.of("id", "5"), withRoles("admin"))).status());
        assertTrue(adminCalls.isEmpty(), "nothing added or expired without the role and the token");

        Answer added = post(post("/herald/api/silences/add", session, Map.of(CsrfTokens.HEADER, token), add,
                withRoles("admin")));
        assertEquals(200, added.status(), added.body());
        assertTrue(added.body().contains("\"id\":5") && added.body().contains("\"active\":true"), added.body());
        assertEquals(List.of("addSilence SilenceRequest[pattern={\"type\":[\"ConsoleLogin\"]}, sinks=[secops],"
                + " duration=PT2H, comment=CHG-7, creator=ann] null"), adminCalls);

        Answer bad = post(post("/herald/api/silences/add", session, Map.of(CsrfTokens.HEADER, token),
                Map.of("for", "soon", "comment", "x"), withRoles("admin")));
        assertEquals(400, bad.status());
        assertTrue(bad.body().contains("Duration \\u0027soon\\u0027 is not a duration"), bad.body());

        Answer expired = post(post("/herald/api/silences/expire", session, Map.of(CsrfTokens.HEADER, token),
                Map.of("id", "5"), withRoles("admin")));
        assertEquals(200, expired.status(), expired.body());
        assertEquals("expireSilence 5 ann", adminCalls.get(1));
    }

    /** A HeraldAdmin that only records purges and retries: the plugin must call nothing else for them. */
    private HeraldAdmin recordingAdmin() {
        return (HeraldAdmin) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HeraldAdmin.class},
                (proxy, method, args) -> {
                    adminCalls.add(method.getName() + " " + args[0] + (args.length > 1 ? " " + args[1] : " null"));
                    return switch (method.getName()) {
                        case "purgeQuarantine" -> ((List<?>) args[1]).size();
                        case "addSilence", "expireSilence" -> new SilenceView(5, "{}", List.of("secops"),
                                Instant.EPOCH, Instant.EPOCH.plusSeconds(7200), "CHG-7", "ann", null,
                                method.getName().equals("addSilence"));
                        case "retryQuarantine" -> List.of(new QuarantineRetryResult(42, "inbox", "a.jsonl:1",
                                QuarantineRetryResult.Outcome.STILL_UNREADABLE, 0, 0, "no eventTime </script>"));
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }
}
