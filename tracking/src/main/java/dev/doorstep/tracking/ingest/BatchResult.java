package dev.doorstep.tracking.ingest;

import java.util.List;

/** What became of a batch: pings stored, pings already stored before, and each rejected ping. */
public record BatchResult(int accepted, int duplicates, List<RejectedPing> rejected) {
}
