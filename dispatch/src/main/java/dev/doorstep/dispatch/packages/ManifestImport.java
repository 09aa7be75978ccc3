package dev.doorstep.dispatch.packages;

import dev.doorstep.dispatch.errors.FieldError;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One manifest batch (deliveries) or batch of pickup requests (customer returns, kind PICKUP): validate each line,
 * insert the new packages in one statement (the primary key makes it idempotent), and classify the rest as
 * unchanged or conflicting against what is stored.
 */
@Component
class ManifestImport {

    private final DatabaseClient db;
    private final Validator validator;
    private final TransactionalOperator transaction;

    ManifestImport(DatabaseClient db, Validator validator, ReactiveTransactionManager transactions) {
        this.db = db;
        this.validator = validator;
        this.transaction = TransactionalOperator.create(transactions);
    }

    Mono<ImportReport> run(String stationId, List<ManifestEntry> entries, String kind) {
        ImportResult[] results = new ImportResult[entries.size()];
        Map<String, Integer> firstIndexById = new HashMap<>();
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            ManifestEntry entry = entries.get(i);
            List<FieldError> errors = errors(entry);
            String trackingId = entry.draft() == null ? null : entry.draft().trackingId();
            if (!errors.isEmpty()) {
                results[i] = new ImportResult(i, trackingId, ImportOutcome.REJECTED, errors);
            } else if (firstIndexById.putIfAbsent(trackingId, i) == null) {
                candidates.add(i);
            }
        }
        List<PackageDraft> unique = candidates.stream().map(i -> entries.get(i).draft()).toList();
        return insertNew(stationId, unique, kind)
                .flatMap(created -> existing(unique, created, kind).map(stored -> {
                    for (int i = 0; i < entries.size(); i++) {
                        if (results[i] == null) {
                            results[i] = classify(i, entries.get(i).draft(), stationId, created, stored,
                                    firstIndexById, entries);
                        }
                    }
                    return ImportReport.of(List.of(results));
                }));
    }

    private List<FieldError> errors(ManifestEntry entry) {
        if (entry.draft() == null) {
            return entry.readErrors();
        }
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<PackageDraft> v : validator.validate(entry.draft())) {
            errors.add(new FieldError(v.getPropertyPath().toString(), v.getMessage()));
        }
        DeliveryWindow window = entry.draft().window();
        if (window != null && window.from() != null && window.to() != null && !window.to().isAfter(window.from())) {
            errors.add(new FieldError("window.to", "must be after window.from"));
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return errors;
    }

    private ImportResult classify(int index, PackageDraft draft, String stationId, Set<String> created,
            Map<String, PackageView> stored, Map<String, Integer> firstIndexById, List<ManifestEntry> entries) {
        String id = draft.trackingId();
        int first = firstIndexById.get(id);
        if (first == index && created.contains(id)) {
            return new ImportResult(index, id, ImportOutcome.CREATED, List.of());
        }
        // A repeat within the batch compares with the line that came first; otherwise with the store.
        boolean same = first != index && created.contains(id)
                ? sameContent(entries.get(first).draft(), draft)
                : stored.containsKey(id) && stored.get(id).stationId().equals(stationId)
                        && sameContent(stored.get(id), draft);
        if (same) {
            return new ImportResult(index, id, ImportOutcome.UNCHANGED, List.of());
        }
        return new ImportResult(index, id, ImportOutcome.CONFLICT, List.of(new FieldError("trackingId",
                "already imported with other content or at another station; nothing was changed")));
    }

    /** Inserts all drafts whose tracking id is new, with their first timeline entry; returns their ids. */
    private Mono<Set<String>> insertNew(String stationId, List<PackageDraft> drafts, String kind) {
        if (drafts.isEmpty()) {
            return Mono.just(Set.of());
        }
        int n = drafts.size();
        String[] ids = new String[n];
        String[] names = new String[n];
        String[] addresses = new String[n];
        String[] locales = new String[n];
        String[] shippers = new String[n];
        Double[] lats = new Double[n];
        Double[] lons = new Double[n];
        Double[] weights = new Double[n];
        Double[] lengths = new Double[n];
        Double[] widths = new Double[n];
        Double[] heights = new Double[n];
        OffsetDateTime[] froms = new OffsetDateTime[n];
        OffsetDateTime[] tos = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            PackageDraft d = drafts.get(i);
            ids[i] = d.trackingId();
            names[i] = d.recipientName().strip();
            addresses[i] = d.address().strip();
            locales[i] = d.locale();
            shippers[i] = d.shipperName() == null ? null : d.shipperName().strip();
            lats[i] = d.location().lat();
            lons[i] = d.location().lon();
            weights[i] = d.weightKg();
            lengths[i] = d.lengthCm();
            widths[i] = d.widthCm();
            heights[i] = d.heightCm();
            froms[i] = d.window().from();
            tos[i] = d.window().to();
        }
        Flux<String> inserted = db.sql("INSERT INTO packages (tracking_id, station_id, kind, recipient_name, "
                        + "address, lat, lon, window_from, window_to, weight_kg, length_cm, width_cm, height_cm, locale, "
                        + "shipper_name) "
                        + "SELECT t.id, :station, :kind, t.name, t.address, t.lat, t.lon, t.wfrom, t.wto, t.weight, "
                        + "t.len, t.wid, t.hei, t.locale, t.shipper FROM unnest(:ids::text[], :names::text[], "
                        + ":addresses::text[], :lats::float8[], :lons::float8[], :froms::timestamptz[], "
                        + ":tos::timestamptz[], :weights::float8[], :lengths::float8[], :widths::float8[], "
                        + ":heights::float8[], :locales::text[], :shippers::text[]) "
                        + "AS t(id, name, address, lat, lon, wfrom, wto, weight, len, wid, hei, locale, shipper) "
                        + "ON CONFLICT (tracking_id) DO NOTHING RETURNING tracking_id")
                .bind("station", stationId).bind("kind", kind)
                .bind("ids", ids).bind("names", names).bind("addresses", addresses)
                .bind("lats", lats).bind("lons", lons).bind("froms", froms).bind("tos", tos)
                .bind("weights", weights).bind("lengths", lengths).bind("widths", widths).bind("heights", heights)
                .bind("locales", locales).bind("shippers", shippers)
                .map(row -> row.get("tracking_id", String.class))
                .all();
        return inserted.collectList()
                .flatMap(created -> recordManifested(stationId, created, kind).thenReturn(Set.copyOf(created)))
                .as(transaction::transactional);
    }

    private Mono<Void> recordManifested(String stationId, List<String> created, String kind) {
        if (created.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("INSERT INTO package_events (tracking_id, status, detail) "
                        + "SELECT id, 'MANIFESTED', :detail FROM unnest(:ids::text[]) AS t(id)")
                .bind("ids", created.toArray(String[]::new))
                .bind("detail", ("PICKUP".equals(kind) ? "Pickup request received at station "
                        : "Manifest received at station ") + stationId)
                .then();
    }

    /** The stored packages of these ids and of this kind: one of the other kind is a conflict. */
    private Mono<Map<String, PackageView>> existing(List<PackageDraft> drafts, Set<String> created, String kind) {
        String[] others = drafts.stream().map(PackageDraft::trackingId).filter(id -> !created.contains(id))
                .toArray(String[]::new);
        if (others.length == 0) {
            return Mono.just(Map.of());
        }
        return db.sql("SELECT * FROM packages WHERE tracking_id = ANY(:ids::text[]) AND kind = :kind")
                .bind("ids", others).bind("kind", kind)
                .map(Packages::view)
                .all()
                .collectMap(PackageView::trackingId);
    }

    private static boolean sameContent(PackageView stored, PackageDraft d) {
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

    private static boolean sameContent(PackageDraft a, PackageDraft b) {
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
