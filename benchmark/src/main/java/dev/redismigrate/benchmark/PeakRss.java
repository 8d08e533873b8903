package dev.redismigrate.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Follows a process's peak resident set size: the kernel's high-water mark ({@code VmHWM} in /proc/PID/status), read
 * every 10 ms while the process lives. The mark only grows, so the last reading before the process exits is its peak
 * (the launcher execs java, so the pid is the JVM's from the exec on). Linux only; elsewhere the peak stays 0.
 */
final class PeakRss implements AutoCloseable {
    private final Path status;
    private final Thread poller;
    private volatile long peakBytes;

    private PeakRss(long pid) {
        status = Path.of("/proc", Long.toString(pid), "status");
        poller = new Thread(this::poll, "peak-rss-" + pid);
        poller.setDaemon(true);
        poller.start();
    }

    static PeakRss follow(Process process) {
        return new PeakRss(process.pid());
    }

    /** The highest mark read so far, in bytes. */
    long bytes() {
        return peakBytes;
    }

    @Override
    public void close() throws InterruptedException {
        poller.interrupt();
        poller.join();
    }

    private void poll() {
        while (!Thread.currentThread().isInterrupted()) {
            read();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void read() {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    long kib = Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").trim());
                    peakBytes = Math.max(peakBytes, kib * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process has exited (or this is not Linux): the peak read so far stands
        }
    }
}
