package dev.herald.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.TestContainer;
import org.ops4j.pax.exam.spi.PaxExamRuntime;

/**
 * The Herald page in a real browser: Debian's headless Chromium, driven by Selenium from this
 * JVM, against the distribution booted by Pax Exam in server mode (no probe: the test only sees
 * what a user sees over HTTP). One walk through an operator's tasks, in order, with a screenshot
 * of each page under target/webconsole-screenshots/.
 *
 * <p>A webhook sink {@code it-reject} (configured at boot, its plugin not installed) points at a
 * receiver in this test that answers 400: the demo's high-severity events wait for it until the
 * page installs the plugin, then land in the dead-letter store, where the page retries one.
 *
 * <p>A file source {@code it-retry} reads a record whose {@code time} is out of range: it is
 * quarantined; the test points the source's {@code time_pointer} at another field (editing its
 * file under etc/, as a user does) and the page retries the record, which becomes an event.
 */
public class WebConsoleIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String USER = "soc";
    private static final String PASSWORD = "it-console-secret";
    private static final String CONSOLE = "http://localhost:18181/system/console";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCREENSHOTS = Path.of("target", "webconsole-screenshots");

    /** The record the it-retry source quarantines until its time_pointer is /when. */
    private static final String RETRY_RECORD = "{\"id\":\"it-retry-1\",\"type\":\"it.retry\","
            + "\"time\":\"9999999999999999999\",\"when\":\"2026-11-22T10:00:00Z\"}";
    private static final String RETRY_CFG = "etc/dev.herald.source.file-it-retry.cfg";

    private static Path retryInbox;
    private static HttpServer rejecting;
    private static TestContainer karaf;
    private static WebDriver browser;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeClass
    public static void bootHeraldAndBrowser() throws IOException {
        rejecting = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        rejecting.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "rejected by WebConsoleIT".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        rejecting.start();
        retryInbox = Files.createTempDirectory("webconsole-it-retry").toAbsolutePath();
        Files.writeString(retryInbox.resolve("epoch.jsonl"), RETRY_RECORD + "\n");

        Option[] options = Stream.concat(Stream.of(HeraldDistribution.options()), Stream.of(
                editConfigurationFilePut("etc/users.properties", USER, PASSWORD + ",admin,manager,viewer,systembundles"),
                editConfigurationFilePut("etc/dev.herald.route-it-reject.cfg", "name", "it-reject"),
                editConfigurationFilePut("etc/dev.herald.route-it-reject.cfg", "pattern", "{\"severity\": [\"high\", \"critical\"]}"),
                editConfigurationFilePut("etc/dev.herald.route-it-reject.cfg", "sinks", "it-reject"),
                editConfigurationFilePut("etc/dev.herald.sink.webhook-it-reject.cfg", "name", "it-reject"),
                editConfigurationFilePut("etc/dev.herald.sink.webhook-it-reject.cfg", "url",
                        "http://127.0.0.1:" + rejecting.getAddress().getPort() + "/reject"),
                editConfigurationFilePut(RETRY_CFG, "name", "it-retry"),
                editConfigurationFilePut(RETRY_CFG, "directory", retryInbox.toString()),
                editConfigurationFilePut(RETRY_CFG, "id_pointer", "/id"),
                editConfigurationFilePut(RETRY_CFG, "settle_time", "0"),
                editConfigurationFilePut(RETRY_CFG, "poll_interval", "1")))
                .toArray(Option[]::new);
        karaf = PaxExamRuntime.createContainer(PaxExamRuntime.createServerSystem(options));
        karaf.start();

        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, "/usr/bin/chromedriver");
        ChromeOptions chrome = new ChromeOptions();
        chrome.setBinary("/usr/bin/chromium");
        chrome.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1600,1200");
        browser = new ChromeDriver(chrome);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterClass
    public static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (karaf != null) {
            karaf.stop();
        }
        if (rejecting != null) {
            rejecting.stop(0);
        }
    }

    @Test
    public void anOperatorWatchesSearchesTestsRetriesAndInstallsFromThePage() throws Exception {
        Await.until(WAIT, () -> status("/herald/api/pipeline", true) == 200,
                () -> "the Herald page's JSON answers the console user");
        assertEquals("no credentials, no page", 401, status("/herald", false));

        logInAndSeeThePipeline();
        findAnEventById();
        runARouteTest();
        sendATestToTheDemosSink();
        installAPluginAndSeeItsConfigurationForm();
        retryADeadLetter();
        retryAQuarantinedRecordAfterFixingItsCause();
        purgeAQuarantinedRecord();
        addAndExpireASilence();
        refuseAPostWithoutTheSessionsToken();
    }

    private void logInAndSeeThePipeline() throws Exception {
        // the demo's file source has read its inbox and the console sink has delivered all it got
        Await.until(WAIT, () -> {
            JsonNode console = sink(safePipeline(), "console");
            return console != null && console.path("counters").path("delivered").asLong() > 0
                    && console.path("pending").asLong() == 0;
        }, () -> "the demo's console sink should deliver the demo events: " + safePipeline());
        JsonNode pipeline = pipeline();
        long received = source(pipeline, "demo").path("counters").path("received").asLong();
        long delivered = sink(pipeline, "console").path("counters").path("delivered").asLong();

        // Basic authentication, as the web console asks for it
        browser.get(CONSOLE.replace("http://", "http://" + USER + ":" + PASSWORD + "@") + "/herald");
        browser.get(CONSOLE + "/herald#pipeline");
        waitForText(By.id("pipeline-sources"), "demo");
        WebElement demoRow = row("pipeline-sources", "demo");
        waitUntil(() -> demoRow.getText().contains(" " + received + " "), () -> "demo source row: " + demoRow.getText());
        WebElement consoleRow = row("pipeline-sinks", "console");
        assertTrue(consoleRow.getText(), consoleRow.getText().contains(" " + delivered + " "));
        waitForText(By.id("pipeline-sinks"), "it-reject");
        assertTrue("the absent sink's waiting entries are shown: " + row("pipeline-sinks", "it-reject").getText(),
                row("pipeline-sinks", "it-reject").getText().contains("absent"));
        screenshot("1-pipeline");
    }

    private void findAnEventById() throws Exception {
        String id = routedEvent().path("event").path("id").asText();
        tab("events");
        WebElement q = browser.findElement(By.id("events-q"));
        q.clear();
        q.sendKeys(id);
        browser.findElement(By.id("events-search")).click();
        waitForText(By.id("events-list"), id);
        browser.findElement(By.id("events-list")).findElement(By.linkText(id)).click();
        waitForText(By.id("event-detail"), "Event " + id);
        String detail = browser.findElement(By.id("event-detail")).getText();
        assertTrue(detail, detail.contains("Envelope") && detail.contains("Raw record") && detail.contains("Deliveries"));
        assertTrue("the console sink's delivery is in its history: " + detail,
                detail.contains("console demo-high-severity 1 delivered"));
        screenshot("2-event");
    }

    /** A demo event that the demo's high-severity route sent to the console sink. */
    private static JsonNode routedEvent() throws IOException, InterruptedException {
        for (JsonNode view : get("/herald/api/events?limit=200")) {
            // the demo's own records: Herald's self-alerts (a sink dead-lettering) may match the route too
            if (view.path("routes").toString().contains("demo-high-severity")
                    && view.path("event").path("instance").asText().equals("demo")) {
                return view;
            }
        }
        throw new AssertionError("the demo has no high-severity event");
    }

    private void runARouteTest() throws Exception {
        JsonNode routed = routedEvent();
        tab("routetest");
        WebElement record = browser.findElement(By.id("routetest-record"));
        record.clear();
        // the raw record, as a user pastes it (sent as one value: no typing delay per character)
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];",
                record, routed.path("event").path("raw").asText());
        browser.findElement(By.id("routetest-run")).click();
        waitForText(By.id("routetest-result"), "route demo-high-severity");
        assertTrue(browser.findElement(By.id("herald-message")).getText().contains("nothing was sent"));
        screenshot("3-route-test");
    }

    /** Send test to the demo's console sink: the page shows the verdict and body, the sink's log the event. */
    private void sendATestToTheDemosSink() throws Exception {
        tab("routetest");
        waitUntil(() -> browser.findElements(By.cssSelector("#sendtest-sink option[value='console']")).size() == 1,
                () -> "the console sink is offered for a send test");
        new Select(browser.findElement(By.id("sendtest-sink"))).selectByValue("console");
        browser.findElement(By.id("sendtest-run")).click();
        waitForText(By.id("sendtest-result"), "delivered");
        String result = browser.findElement(By.id("sendtest-result")).getText();
        screenshot("3b-send-test");
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("herald-test-[0-9a-f-]{36}").matcher(result);
        assertTrue("the rendered body names the test event: " + result, result.startsWith("delivered") && id.find());
        Path log = karafHome().resolve("data/log/karaf.log");
        Await.until(WAIT, holds(() -> Files.readString(log).contains(id.group())),
                () -> "the console sink logs the test event " + id.group() + " in " + log);
    }

    private void installAPluginAndSeeItsConfigurationForm() throws Exception {
        tab("plugins");
        By webhook = By.cssSelector("[data-plugin='herald-sink-webhook']");
        waitUntil(() -> !browser.findElements(webhook).isEmpty(), () -> "the webhook plugin is listed");
        screenshot("4-plugins");
        browser.findElement(webhook).findElement(By.className("herald-install")).click();
        waitForText(By.id("herald-message"), "herald-sink-webhook installed");
        WebElement configure = browser.findElement(webhook).findElement(By.className("herald-configure"));
        screenshot("5-plugin-installed");
        configure.click();
        waitForText(By.tagName("body"), "Herald sink: webhook");
        screenshot("6-plugin-configuration");
    }

    private void retryADeadLetter() throws Exception {
        Await.until(WAIT, () -> sink(safePipeline(), "it-reject") != null
                        && sink(safePipeline(), "it-reject").path("deadLetters").asLong() > 0,
                () -> "the installed webhook sink dead-letters what its receiver rejects: " + safePipeline());
        browser.get(CONSOLE + "/herald#deadletters");
        waitForText(By.id("deadletters-list"), "it-reject");
        screenshot("7-dead-letters");
        browser.findElement(By.id("deadletters-list")).findElement(By.className("herald-retry")).click();
        waitForText(By.id("herald-message"), "1 dead letter(s) moved back to their outbox");
        screenshot("8-dead-letter-retried");
    }

    /**
     * The it-retry source quarantined its record (time out of range); the operator points its
     * time_pointer at the record's other time field in its etc/ file, then retries the record from
     * the page: it becomes an event and leaves the quarantine.
     */
    private void retryAQuarantinedRecordAfterFixingItsCause() throws Exception {
        Await.until(WAIT, holds(() -> get("/herald/api/quarantine?source=it-retry").size() == 1),
                () -> "the it-retry source quarantines its record: " + safePipeline());
        long id = get("/herald/api/quarantine?source=it-retry").get(0).path("id").asLong();
        Path cfg = karafHome().resolve(RETRY_CFG);
        Files.writeString(cfg, Files.readString(cfg) + "\ntime_pointer = /when\n");
        Await.until(WAIT, holds(() -> {
            JsonNode source = source(pipeline(), "it-retry");
            return "/when".equals(source.path("settings").path("time_pointer").asText())
                    && "active".equals(source.path("state").asText());
        }), () -> "the it-retry source runs with its new time_pointer: " + safePipeline().path("sources"));
        tab("quarantine");
        waitForText(By.id("quarantine-list"), "it-retry");
        screenshot("9a-quarantine");
        row("quarantine-list", Long.toString(id)).findElement(By.className("herald-retry")).click();
        waitForText(By.id("herald-message"), "1 record(s) read now (1 event(s), 1 new), 0 kept");
        screenshot("9b-quarantined-record-retried");
        assertEquals(0, get("/herald/api/quarantine?source=it-retry").size());
        JsonNode event = get("/herald/api/event?id=it-retry-1").path("view").path("event");
        assertEquals("it.retry", event.path("type").asText());
        assertTrue("the time of the field time_pointer names now: " + event,
                event.path("envelope").toString().contains("2026-11-22T10:00:00Z"));
    }

    /** The demo's malformed line is in the quarantine; the operator deletes it, after confirming. */
    private void purgeAQuarantinedRecord() throws Exception {
        Await.until(WAIT, () -> safePipeline().path("overview").path("quarantined").asLong() > 0,
                () -> "the demo's malformed line is quarantined: " + safePipeline());
        long before = pipeline().path("overview").path("quarantined").asLong();
        tab("quarantine");
        waitForText(By.id("quarantine-list"), "Purge");
        browser.findElement(By.id("quarantine-list")).findElement(By.className("herald-purge")).click();
        browser.switchTo().alert().accept();
        waitForText(By.id("herald-message"), "1 quarantined record(s) deleted");
        screenshot("9-quarantined-record-purged");
        assertEquals(before - 1, pipeline().path("overview").path("quarantined").asLong());
    }

    /** The operator silences the console sink from the page, sees the silence listed as theirs, and ends it. */
    private void addAndExpireASilence() throws Exception {
        tab("silences");
        browser.findElement(By.id("silences-pattern")).sendKeys("{\"source\":[\"it-silenced\"]}");
        browser.findElement(By.id("silences-for")).sendKeys("2h");
        browser.findElement(By.id("silences-sinks")).sendKeys("console");
        browser.findElement(By.id("silences-comment")).sendKeys("IT: quiet console");
        browser.findElement(By.id("silences-add")).click();
        waitForText(By.id("herald-message"), "holds back notifications to console until");
        waitForText(By.id("silences-list"), "IT: quiet console");
        long id = get("/herald/api/silences").get(0).path("id").asLong();
        WebElement silence = row("silences-list", Long.toString(id));
        assertTrue(silence.getText(), silence.getText().contains("active") && silence.getText().contains(USER));
        screenshot("10a-silence-added");
        silence.findElement(By.className("herald-expire")).click();
        browser.switchTo().alert().accept();
        waitForText(By.id("herald-message"), "silence " + id + " expired");
        waitForText(By.id("silences-list"), "expired by " + USER);
        screenshot("10b-silence-expired");
        assertTrue(get("/herald/api/silences").get(0).path("active").asText(), !get("/herald/api/silences").get(0)
                .path("active").asBoolean());
    }

    /** The same call the page makes, from a page of another site: a session but no token. */
    private void refuseAPostWithoutTheSessionsToken() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(CONSOLE + "/herald/api/deadletters/purge"))
                .header("Authorization", basic()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(response.body(), 403, response.statusCode());
        assertTrue(response.body(), response.body().contains("X-Herald-CSRF"));
        assertTrue("nothing was purged", sink(pipeline(), "it-reject").path("deadLetters").asLong() > 0
                || sink(pipeline(), "it-reject").path("pending").asLong() > 0);
    }

    // ---------------------------------------------------------------- helpers

    /** A condition that does not hold while what it reads cannot be read yet. */
    private static java.util.function.BooleanSupplier holds(java.util.concurrent.Callable<Boolean> condition) {
        return () -> {
            try {
                return condition.call();
            } catch (Exception | AssertionError notYet) {
                return false;
            }
        };
    }

    /** Where Pax Exam unpacked this run's Karaf: the one configured to read this run's retry inbox. */
    private static Path karafHome() throws IOException {
        try (Stream<Path> homes = Files.list(Path.of("target", "exam"))) {
            return homes.filter(home -> {
                try {
                    return Files.readString(home.resolve(RETRY_CFG)).contains(retryInbox.getFileName().toString());
                } catch (IOException e) {
                    return false;
                }
            }).findFirst().orElseThrow(() -> new AssertionError("no Karaf under target/exam reads " + retryInbox));
        }
    }

    private static void tab(String name) {
        browser.findElement(By.cssSelector("[data-tab='" + name + "']")).click();
    }

    private static WebElement row(String table, String firstCell) {
        return browser.findElement(By.id(table)).findElement(By.xpath(".//tr[td[1][normalize-space(.)='" + firstCell + "']]"));
    }

    private static void waitForText(By where, String text) {
        try {
            new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(where, text));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no '" + text + "' in " + where + "; the page says: "
                    + browser.findElements(By.id("herald-message")).stream().map(WebElement::getText).toList()
                    + " (see " + failureScreenshot() + ")", e);
        }
    }

    private static Path failureScreenshot() {
        try {
            screenshot("failure");
        } catch (IOException | RuntimeException e) {
            return Path.of("no screenshot: " + e);
        }
        return SCREENSHOTS.resolve("failure.png");
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, java.util.function.Supplier<String> what) {
        try {
            new WebDriverWait(browser, WAIT).until(d -> condition.getAsBoolean());
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("gave up: " + what.get(), e);
        }
    }

    private static void screenshot(String name) throws IOException {
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static JsonNode source(JsonNode pipeline, String instance) {
        for (JsonNode s : pipeline.path("sources")) {
            if (instance.equals(s.path("instance").asText())) {
                return s;
            }
        }
        throw new AssertionError("no source " + instance + " in " + pipeline);
    }

    private static JsonNode sink(JsonNode pipeline, String name) {
        for (JsonNode s : pipeline.path("sinks")) {
            if (name.equals(s.path("name").asText())) {
                return s;
            }
        }
        return null;
    }

    private static JsonNode pipeline() throws IOException, InterruptedException {
        return get("/herald/api/pipeline");
    }

    private static JsonNode safePipeline() {
        try {
            return pipeline();
        } catch (IOException | InterruptedException e) {
            return JSON.createObjectNode().put("error", e.toString());
        }
    }

    private static JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(CONSOLE + path))
                .header("Authorization", basic()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(response.body(), 200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    private static int status(String path, boolean withCredentials) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(CONSOLE + path));
            if (withCredentials) {
                request.header("Authorization", basic());
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
