package dev.doorstep.tracking.ingest;

import java.util.List;

/** What became of a batch: pings stored, pings already stored before, and each rejected ping. */
public record BatchResult(int accepted, int duplicates, List<RejectedPing> rejected) {

    /** The rejected pings that are not stored at all (unreadable or against a rule); flagged ones are kept. */
    public List<RejectedPing> refused() {
        return rejected.stream().filter(r -> !r.kept()).toList();
    }
}
