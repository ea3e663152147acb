package dev.herald.bench;

import java.io.IOException;

/**
 * Reads a process's CPU time and peak RSS from /proc every 50 ms while it runs, so that the
 * figures of a process that exits on its own (the reference) are known afterwards.
 */
final class ProcessSampler implements AutoCloseable {
    private final long pid;
    private final Thread thread;
    private volatile double cpuSeconds;
    private volatile long peakRssBytes;

    ProcessSampler(long pid) {
        this.pid = pid;
        this.thread = new Thread(this::sample, "sampler-" + pid);
        thread.setDaemon(true);
        thread.start();
    }

    double cpuSeconds() {
        return cpuSeconds;
    }

    long peakRssBytes() {
        return peakRssBytes;
    }

    private void sample() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                cpuSeconds = Distribution.cpuSeconds(pid);
                peakRssBytes = Math.max(peakRssBytes, Distribution.peakRssBytes(pid));
                Thread.sleep(50);
            } catch (IOException | RuntimeException e) {
                return; // the process is gone
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(5000);
    }
}
