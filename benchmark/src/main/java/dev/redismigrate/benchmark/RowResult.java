package dev.redismigrate.benchmark;

/**
 * One line of the final table. Times in seconds; a null time or RSS is not measured for that row.
 *
 * @param row      the row of issue 12's table ("3", "6 (--rate 0)")
 * @param work     what was measured
 * @param ours     redis-migrate's time, or null when {@code oursText} says what was measured instead
 * @param oursText what to show for redis-migrate when it is not a time
 * @param disk     native replication loading from disk
 * @param socket   native replication loading from the socket
 * @param peakRss  peak RSS of the redis-migrate process
 */
record RowResult(String row, String work, Double ours, String oursText, Double disk, Double socket, Long peakRss) {
    static RowResult timed(String row, String work, double ours, Double disk, Double socket, Long peakRss) {
        return new RowResult(row, work, ours, null, disk, socket, peakRss);
    }

    static RowResult described(String row, String work, String ours, Long peakRss) {
        return new RowResult(row, work, null, ours, null, null, peakRss);
    }

    /** The line as it is printed when the row completes. */
    String line() {
        StringBuilder line = new StringBuilder("row " + row + ": " + work + ": redis-migrate " + oursCell());
        if (disk != null) {
            line.append(", native from disk ").append(time(disk)).append(" (").append(ratio(disk)).append(')');
        }
        if (socket != null) {
            line.append(", native from socket ").append(time(socket)).append(" (").append(ratio(socket)).append(')');
        }
        if (peakRss != null) {
            line.append(", peak RSS ").append(Measures.mib(peakRss));
        }
        return line.toString();
    }

    String oursCell() {
        return ours != null ? time(ours) : oursText;
    }

    String nativeCell(Double nativeSeconds) {
        return nativeSeconds == null ? "-" : time(nativeSeconds);
    }

    /** redis-migrate's time over native replication's, "-" when either is missing. */
    String ratio(Double nativeSeconds) {
        return ours == null || nativeSeconds == null ? "-" : String.format("%.2fx", ours / nativeSeconds);
    }

    String rssCell() {
        return peakRss == null ? "-" : Measures.mib(peakRss);
    }

    private static String time(double seconds) {
        return String.format("%.2f s", seconds);
    }
}
