package dev.herald.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * syslog-ng doing the reference's job, for the table's third column: {@code zcat} feeds the
 * dataset to its {@code stdin()} source (it reads no gzip itself), its JSON parser and a filter
 * written from the same rule select the lines, and its {@code syslog()} destination sends each
 * line as the message of an RFC 5424 frame with octet counting to the receiver. Its windows and
 * write batches are set for throughput (what an operator tuning it for a bulk load would set),
 * with flow control, so that nothing is dropped. syslog-ng does not count lines, so the
 * receiver tells the lines by their text ({@link LineIndex}).
 *
 * <p>It runs from wherever its executable is: installed ({@code /usr/sbin/syslog-ng}) or unpacked
 * from the Debian packages without installing them ({@code bench/syslog-ng-fetch}), since
 * Debian's syslog-ng-core replaces rsyslog, which Herald's tests need.
 *
 * @param executable its {@code usr/sbin/syslog-ng}
 */
record SyslogNg(Path executable) {
    /** The root it was unpacked into (or {@code /}): {@code usr/sbin/syslog-ng} below it. */
    Path root() {
        return executable.toAbsolutePath().getParent().getParent().getParent();
    }

    /** Its plugin directory, {@code usr/lib/syslog-ng/<major.minor>}, whose name is the config version. */
    Path modules() throws IOException {
        Path lib = root().resolve("usr/lib/syslog-ng");
        try (Stream<Path> dirs = Files.list(lib)) {
            return dirs.filter(d -> d.getFileName().toString().matches("\\d+\\.\\d+") && Files.isDirectory(d))
                    .findFirst().orElseThrow(() -> new IOException("no plugin directory (3.38, ...) in " + lib));
        }
    }

    /** The configuration forwarding the workload's selected lines to {@code port}. */
    String configuration(Workload workload, int port) throws IOException {
        return String.join("\n",
                "@version: " + modules().getFileName(),
                "options { stats-freq(0); flush-lines(1000); log-fifo-size(1000000); log-msg-size(1048576); };",
                "source s_lines { stdin(flags(no-parse) log-msg-size(1048576) log-iw-size(100000) log-fetch-limit(1000)); };",
                "parser p_json { json-parser(prefix(\".json.\")); };",
                "filter f_rule { " + workload.syslogNgFilter + " };",
                "destination d_receiver { syslog(\"127.0.0.1\" port(" + port + ") transport(\"tcp\")); };",
                "log { source(s_lines); parser(p_json); filter(f_rule); destination(d_receiver); flags(flow-control); };",
                "");
    }

    /**
     * Starts {@code zcat <dataset> | syslog-ng -F} with its files under {@code work}; the last
     * process of the list is syslog-ng, which ends once it has sent everything read before stdin's end.
     */
    List<Process> start(Workload workload, Dataset data, int port, Path work) throws IOException {
        Files.createDirectories(work);
        Path config = work.resolve("syslog-ng.conf");
        Files.writeString(config, configuration(workload, port));
        Files.deleteIfExists(work.resolve("syslog-ng.persist"));
        ProcessBuilder zcat = new ProcessBuilder("zcat", data.file().toString())
                .redirectError(work.resolve("zcat.err").toFile());
        ProcessBuilder syslogNg = new ProcessBuilder(executable.toString(), "-F", "--no-caps",
                "--cfgfile=" + config, "--module-path=" + modules(),
                "--persist-file=" + work.resolve("syslog-ng.persist"), "--pidfile=" + work.resolve("syslog-ng.pid"),
                "--control=" + work.resolve("syslog-ng.ctl"))
                .redirectErrorStream(true).redirectOutput(work.resolve("syslog-ng.out").toFile());
        Path r = root();
        Map<String, String> env = syslogNg.environment();
        env.put("LD_LIBRARY_PATH", String.join(":", r.resolve("usr/lib/x86_64-linux-gnu").toString(),
                r.resolve("lib/x86_64-linux-gnu").toString(), r.resolve("usr/lib/syslog-ng").toString()));
        return ProcessBuilder.startPipeline(List.of(zcat, syslogNg));
    }
}
