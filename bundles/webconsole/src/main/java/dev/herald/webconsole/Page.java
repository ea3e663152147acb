package dev.herald.webconsole;

/**
 * The page's HTML: the tabs and their empty panels, which {@code res/herald.js} fills from the
 * JSON calls. The only server-side values in it are the console's root, the CSRF token and
 * whether the user may change things; event content never reaches this HTML.
 */
final class Page {
    private Page() {
    }

    static String render(String appRoot, String csrfToken, boolean admin) {
        String root = Html.escape(appRoot + "/" + HeraldConsolePlugin.LABEL);
        return """
            <div id="herald" data-root="%s" data-token="%s" data-admin="%s">
              <nav class="herald-tabs">
                <button type="button" data-tab="pipeline">Pipeline</button>
                <button type="button" data-tab="events">Events</button>
                <button type="button" data-tab="deadletters">Dead letters</button>
                <button type="button" data-tab="quarantine">Quarantine</button>
                <button type="button" data-tab="silences">Silences</button>
                <button type="button" data-tab="routetest">Route test</button>
                <button type="button" data-tab="plugins">Manage plugins</button>
              </nav>
              <p id="herald-message" class="herald-message" role="status"></p>
              <section id="tab-pipeline" class="herald-tab">
                <p class="herald-overview" id="pipeline-overview"></p>
                <ul id="pipeline-problems" class="herald-problems"></ul>
                <div class="herald-columns">
                  <div><h3>Sources</h3><table id="pipeline-sources" class="herald-table"></table></div>
                  <div><h3>Routes</h3><table id="pipeline-routes" class="herald-table"></table></div>
                  <div><h3>Sinks</h3><table id="pipeline-sinks" class="herald-table"></table></div>
                </div>
              </section>
              <section id="tab-events" class="herald-tab">
                <form id="events-form" class="herald-form">
                  <label>Text or id <input name="q" id="events-q"></label>
                  <label>Source instance <input name="instance"></label>
                  <label>Type <input name="type"></label>
                  <label>Severity <select name="severity"><option value="">any</option><option>info</option>
                    <option>low</option><option>medium</option><option>high</option><option>critical</option></select></label>
                  <label>From <input name="from" placeholder="2026-01-31T00:00:00Z"></label>
                  <label>To <input name="to" placeholder="2026-02-01T00:00:00Z"></label>
                  <button type="submit" id="events-search">Search</button>
                </form>
                <table id="events-list" class="herald-table"></table>
                <div id="event-detail" class="herald-detail"></div>
              </section>
              <section id="tab-deadletters" class="herald-tab">
                <p><button type="button" id="deadletters-retry-all">Retry all</button>
                   <button type="button" id="deadletters-purge-all">Purge all</button></p>
                <table id="deadletters-list" class="herald-table"></table>
              </section>
              <section id="tab-quarantine" class="herald-tab">
                <p><button type="button" id="quarantine-retry-all">Retry all</button>
                   <button type="button" id="quarantine-purge-all">Purge all</button></p>
                <table id="quarantine-list" class="herald-table"></table>
                <pre id="quarantine-detail" class="herald-raw"></pre>
              </section>
              <section id="tab-silences" class="herald-tab">
                <form id="silences-form" class="herald-form">
                  <textarea id="silences-pattern" rows="3" placeholder='EventBridge pattern, e.g. {"source":["cloudtrail"],"detail":{"eventName":["ConsoleLogin"]}}'></textarea>
                  <label>For <input name="for" id="silences-for" placeholder="2h, 30m, 1d or PT2H30M"></label>
                  <label>Sinks <input name="sinks" id="silences-sinks" placeholder="every sink; or names, comma-separated"></label>
                  <label>Comment <input name="comment" id="silences-comment" placeholder="why (required)"></label>
                  <button type="submit" id="silences-add">Add silence</button>
                </form>
                <p class="herald-note">Matching notifications are counted as silenced and not sent, not even when the
                  silence ends (herald:replay can send them); entries already waiting in an outbox are still sent.</p>
                <table id="silences-list" class="herald-table"></table>
              </section>
              <section id="tab-routetest" class="herald-tab">
                <form id="routetest-form" class="herald-form">
                  <label>Source instance <input name="instance" value="route-test"></label>
                  <label>Upload <input type="file" id="routetest-file"></label>
                  <textarea id="routetest-record" rows="10" placeholder="Paste a record: JSON, JSON Lines or a CloudTrail log file"></textarea>
                  <button type="submit" id="routetest-run">Test routes (nothing is sent)</button>
                </form>
                <div id="routetest-result"></div>
                <h3>Send test</h3>
                <p><select id="sendtest-sink"></select> <button type="button" id="sendtest-run">Send Herald's test event</button></p>
                <pre id="sendtest-result" class="herald-raw"></pre>
              </section>
              <section id="tab-plugins" class="herald-tab">
                <table id="plugins-list" class="herald-table"></table>
              </section>
            </div>
            <script src="%s/res/herald.js"></script>
            """.formatted(root, Html.escape(csrfToken), admin, root);
    }
}
