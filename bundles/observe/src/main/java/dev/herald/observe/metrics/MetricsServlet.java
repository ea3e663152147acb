package dev.herald.observe.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Supplier;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** {@code GET /metrics}: the Prometheus text format, for a caller {@link MetricsAccess} lets in. */
final class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final PrometheusTextFormatWriter TEXT = new PrometheusTextFormatWriter(false);

    private final transient MetricsAccess access;
    private final transient Supplier<MetricSnapshots> scrape;

    MetricsServlet(MetricsAccess access, Supplier<MetricSnapshots> scrape) {
        this.access = access;
        this.scrape = scrape;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!access.permits(req.getHeader("Authorization"))) {
            resp.setHeader("WWW-Authenticate", "Basic realm=\"Herald metrics\"");
            resp.sendError(HttpServletResponse.SC_UNAUTHORIZED,
                    "send the bearer token of dev.herald.metrics, or a Karaf user with the metrics role");
            return;
        }
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType(PrometheusTextFormatWriter.CONTENT_TYPE);
        try (OutputStream out = resp.getOutputStream()) {
            TEXT.write(out, scrape.get());
        }
    }
}
