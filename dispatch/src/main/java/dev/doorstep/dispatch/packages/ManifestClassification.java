package dev.doorstep.dispatch.packages;

import dev.doorstep.dispatch.errors.FieldError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The decisions of one manifest batch, without the database: a line with errors is REJECTED on its own; the first
 * line of each tracking id is a candidate to insert; once the store has said which ids it created and what it held
 * already, every line is CREATED, UNCHANGED (same content as the line before it, or as stored at this station) or a
 * CONFLICT.
 */
final class ManifestClassification {

    private final List<ManifestEntry> entries;
    private final List<List<FieldError>> errors;
    private final Map<String, Integer> firstIndexById = new HashMap<>();
    private final List<PackageDraft> candidates = new ArrayList<>();

    /** {@code errors}: per entry, what keeps it from being imported (empty when valid). */
    ManifestClassification(List<ManifestEntry> entries, List<List<FieldError>> errors) {
        this.entries = List.copyOf(entries);
        this.errors = List.copyOf(errors);
        for (int i = 0; i < entries.size(); i++) {
            if (errors.get(i).isEmpty() && firstIndexById.putIfAbsent(entries.get(i).draft().trackingId(), i) == null) {
                candidates.add(entries.get(i).draft());
            }
        }
    }

    /** The window rule the bean constraints cannot say: it must end after it starts. */
    static Optional<FieldError> windowError(PackageDraft draft) {
        DeliveryWindow window = draft.window();
        return window != null && window.from() != null && window.to() != null && !window.to().isAfter(window.from())
                ? Optional.of(new FieldError("window.to", "must be after window.from"))
                : Optional.empty();
    }

    /** Valid drafts, one per tracking id (the first line that has it), to insert if new. */
    List<PackageDraft> candidates() {
        return candidates;
    }

    /** {@code created}: ids the store inserted now; {@code stored}: packages held before, of this batch's kind. */
    ImportReport report(String stationId, Set<String> created, Map<String, PackageView> stored) {
        List<ImportResult> results = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            results.add(result(i, stationId, created, stored));
        }
        return ImportReport.of(results);
    }

    private ImportResult result(int index, String stationId, Set<String> created, Map<String, PackageView> stored) {
        PackageDraft draft = entries.get(index).draft();
        if (!errors.get(index).isEmpty()) {
            return new ImportResult(index, draft == null ? null : draft.trackingId(), ImportOutcome.REJECTED,
                    errors.get(index));
        }
        String id = draft.trackingId();
        int first = firstIndexById.get(id);
        if (first == index && created.contains(id)) {
            return new ImportResult(index, id, ImportOutcome.CREATED, List.of());
        }
        // A repeat within the batch compares with the line that came first; otherwise with the store.
        PackageView held = stored.get(id);
        boolean same = first != index && created.contains(id)
                ? sameContent(entries.get(first).draft(), draft)
                : held != null && held.stationId().equals(stationId) && sameContent(held, draft);
        if (same) {
            return new ImportResult(index, id, ImportOutcome.UNCHANGED, List.of());
        }
        return new ImportResult(index, id, ImportOutcome.CONFLICT, List.of(new FieldError("trackingId",
                "already imported with other content or at another station; nothing was changed")));
    }

    static boolean sameContent(PackageView stored, PackageDraft d) {
        return stored.recipientName().equals(d.recipientName().strip())
                && stored.address().equals(d.address().strip())
                && stored.location().equals(d.location())
                && stored.window().from().toInstant().equals(d.window().from().toInstant())
                && stored.window().to().toInstant().equals(d.window().to().toInstant())
                && stored.weightKg() == d.weightKg() && stored.lengthCm() == d.lengthCm()
                && stored.widthCm() == d.widthCm() && stored.heightCm() == d.heightCm()
                && Objects.equals(stored.locale(), d.locale())
                && Objects.equals(stored.shipperName(), d.shipperName() == null ? null : d.shipperName().strip());
    }

    static boolean sameContent(PackageDraft a, PackageDraft b) {
        return a.recipientName().strip().equals(b.recipientName().strip())
                && a.address().strip().equals(b.address().strip())
                && a.location().equals(b.location())
                && a.window().from().toInstant().equals(b.window().from().toInstant())
                && a.window().to().toInstant().equals(b.window().to().toInstant())
                && a.weightKg().equals(b.weightKg()) && a.lengthCm().equals(b.lengthCm())
                && a.widthCm().equals(b.widthCm()) && a.heightCm().equals(b.heightCm())
                && Objects.equals(a.locale(), b.locale())
                && Objects.equals(a.shipperName(), b.shipperName());
    }
}
