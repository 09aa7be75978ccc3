package dev.doorstep.dispatch.packages;

import dev.doorstep.dispatch.errors.FieldError;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * One manifest batch (deliveries) or batch of pickup requests (customer returns, kind PICKUP): validate each line,
 * insert the new packages in one statement (the primary key makes it idempotent), and classify the rest as
 * unchanged or conflicting against what is stored ({@link ManifestClassification}).
 */
@Component
class ManifestImport {

    private final DatabaseClient db;
    private final Validator validator;
    private final PackageLedger ledger;
    private final TransactionalOperator transaction;

    ManifestImport(DatabaseClient db, Validator validator, PackageLedger ledger,
            ReactiveTransactionManager transactions) {
        this.db = db;
        this.validator = validator;
        this.ledger = ledger;
        this.transaction = TransactionalOperator.create(transactions);
    }

    Mono<ImportReport> run(String stationId, List<ManifestEntry> entries, PackageKind kind) {
        ManifestClassification batch = new ManifestClassification(entries,
                entries.stream().map(this::errors).toList());
        List<PackageDraft> candidates = batch.candidates();
        return insertNew(stationId, candidates, kind)
                .flatMap(created -> existing(candidates, created, kind)
                        .map(stored -> batch.report(stationId, created, stored)));
    }

    private List<FieldError> errors(ManifestEntry entry) {
        if (entry.draft() == null) {
            return entry.readErrors();
        }
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<PackageDraft> v : validator.validate(entry.draft())) {
            errors.add(new FieldError(v.getPropertyPath().toString(), v.getMessage()));
        }
        ManifestClassification.windowError(entry.draft()).ifPresent(errors::add);
        errors.sort(Comparator.comparing(FieldError::field));
        return errors;
    }

    /** Inserts all drafts whose tracking id is new, with their first timeline entry; returns their ids. */
    private Mono<Set<String>> insertNew(String stationId, List<PackageDraft> drafts, PackageKind kind) {
        if (drafts.isEmpty()) {
            return Mono.just(Set.of());
        }
        String detail = (kind == PackageKind.PICKUP ? "Pickup request received at station "
                : "Manifest received at station ") + stationId;
        return ledger.create(stationId, kind, drafts, detail)
                .<Set<String>>map(Set::copyOf)
                .as(transaction::transactional);
    }

    /** The stored packages of these ids and of this kind: one of the other kind is a conflict. */
    private Mono<Map<String, PackageView>> existing(List<PackageDraft> drafts, Set<String> created, PackageKind kind) {
        String[] others = drafts.stream().map(PackageDraft::trackingId).filter(id -> !created.contains(id))
                .toArray(String[]::new);
        if (others.length == 0) {
            return Mono.just(Map.of());
        }
        return db.sql("SELECT * FROM packages WHERE tracking_id = ANY(:ids::text[]) AND kind = :kind")
                .bind("ids", others).bind("kind", kind.name())
                .map(Packages::view)
                .all()
                .collectMap(PackageView::trackingId);
    }
}
