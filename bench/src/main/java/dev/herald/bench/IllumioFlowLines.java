package dev.herald.bench;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Illumio flow summaries as the PCE exports them to S3 (one JSON object per line), about 305 bytes
 * each (with a duration but no host names or byte counts, which the PCE leaves out for unmanaged workloads). 76% are allowed flows ({@code pd} 0), 14% potentially blocked, 8% blocked, 2% unknown;
 * blocked flows carry no user, process or service. The rule {@code pd != 0 or dst_port == 3389}
 * selects 24.8%: every flow not allowed (24%) and the allowed RDP flows (0.8%). Flow summaries
 * have no id: a receiver tells them apart by where they were read (file and line).
 */
final class IllumioFlowLines implements LineGenerator {
    private static final Instant START = Instant.parse("2026-11-03T00:00:00Z");

    /** A service seen on the network: port, protocol, and the user, process and service behind it. */
    private record Service(int port, int proto, String user, String process, String name) { }

    private static final Service[] SERVICES = {
            new Service(443, 6, "nginx", "nginx", "nginx"),
            new Service(5432, 6, "postgres", "postgres", "postgresql"),
            new Service(53, 17, "systemd-resolve", "systemd-resolved", "systemd-resolved"),
            new Service(8080, 6, "app", "java", "payments-api"),
            new Service(22, 6, "root", "sshd", "sshd"),
            new Service(6379, 6, "redis", "redis-server", "redis"),
            new Service(9092, 6, "kafka", "java", "kafka"),
    };
    private static final Service RDP = new Service(3389, 6, "SYSTEM", "svchost.exe", "TermService");

    @Override
    public Line line(SplittableRandom r, long n) {
        int decision = r.nextInt(100);
        int pd = decision < 76 ? 0 : decision < 90 ? 1 : decision < 98 ? 2 : 3;
        // allowed flows: 1 in 95 to RDP (0.8% of all lines); the others to RDP as often
        Service service = r.nextInt(95) == 0 ? RDP : SERVICES[r.nextInt(SERVICES.length)];
        boolean matches = pd != 0 || service == RDP;
        Instant time = START.plusSeconds(600 * (n / 5000));
        boolean inbound = r.nextBoolean();
        int srcHost = 1 + r.nextInt(40);
        int dstHost = 1 + r.nextInt(40);
        StringBuilder s = new StringBuilder(360);
        s.append("{\"version\":4,\"timestamp\":\"").append(time).append("\",\"interval_sec\":600,\"dir\":\"")
                .append(inbound ? 'I' : 'O').append("\",\"src_ip\":\"10.20.").append(srcHost).append('.')
                .append(1 + r.nextInt(254)).append("\",\"dst_ip\":\"10.20.").append(dstHost).append('.')
                .append(1 + r.nextInt(254)).append("\",\"proto\":").append(service.proto).append(",\"dst_port\":")
                .append(service.port).append(",\"pd\":").append(pd).append(",\"pd_qualifier\":").append(pd == 0 ? 0 : 1 + r.nextInt(2))
                .append(",\"count\":").append(1 + r.nextInt(2000)).append(",\"state\":\"").append(pd == 0 ? "T" : "S").append('"');
        if (pd != 2) {
            s.append(",\"un\":\"").append(service.user).append("\",\"pn\":\"").append(service.process)
                    .append("\",\"sn\":\"").append(service.name).append('"');
        }
        s.append(",\"ddms\":").append(r.nextInt(600_000)).append(",\"pce_fqdn\":\"pce.corp.example.com\",\"class\":\"U\"}");
        return new Line(s.toString(), matches);
    }
}
