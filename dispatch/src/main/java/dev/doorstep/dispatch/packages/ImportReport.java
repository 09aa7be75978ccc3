package dev.doorstep.dispatch.packages;

import java.util.List;

/** Counts per outcome and one result per package, in batch order. */
public record ImportReport(int created, int unchanged, int conflicts, int rejected, List<ImportResult> results) {

    static ImportReport of(List<ImportResult> results) {
        int[] counts = new int[ImportOutcome.values().length];
        results.forEach(r -> counts[r.outcome().ordinal()]++);
        return new ImportReport(counts[ImportOutcome.CREATED.ordinal()], counts[ImportOutcome.UNCHANGED.ordinal()],
                counts[ImportOutcome.CONFLICT.ordinal()], counts[ImportOutcome.REJECTED.ordinal()], results);
    }
}
