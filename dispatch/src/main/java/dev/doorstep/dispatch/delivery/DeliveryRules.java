package dev.doorstep.dispatch.delivery;

import dev.doorstep.dispatch.errors.FieldError;
import dev.doorstep.dispatch.errors.InvalidInput;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What an upload must say before anything is looked up: every field at fault is named. */
final class DeliveryRules {

    static final int MAX_PHOTOS = 3;
    static final int MAX_PACKAGES = 100;
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private DeliveryRules() {
    }

    static void check(DeliveryDraft draft, List<PhotoUpload> uploads, String idempotencyKey, Clock clock) {
        List<FieldError> errors = new ArrayList<>();
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            errors.add(new FieldError("Idempotency-Key", "must have 1 to 200 characters"));
        }
        if (draft.place() == null) {
            errors.add(new FieldError("attempt.place", "is required"));
        }
        if (draft.capturedAt() == null) {
            errors.add(new FieldError("attempt.capturedAt", "is required"));
        } else if (draft.capturedAt().toInstant().isAfter(clock.instant().plus(CLOCK_SKEW))) {
            errors.add(new FieldError("attempt.capturedAt", "is in the future"));
        }
        if (draft.position() != null && (draft.position().lat() == null || draft.position().lon() == null
                || Math.abs(draft.position().lat()) > 90 || Math.abs(draft.position().lon()) > 180)) {
            errors.add(new FieldError("attempt.position", "must have lat in [-90, 90] and lon in [-180, 180]"));
        }
        if (draft.accuracyMeters() != null && !(draft.accuracyMeters() >= 0)) {
            errors.add(new FieldError("attempt.accuracyMeters", "must be at least 0"));
        }
        if (draft.recipientName() != null && draft.recipientName().length() > 200) {
            errors.add(new FieldError("attempt.recipientName", "must have at most 200 characters"));
        }
        packages(draft, errors);
        images(draft, uploads, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    private static void packages(DeliveryDraft draft, List<FieldError> errors) {
        if (draft.packages() == null || draft.packages().isEmpty() || draft.packages().size() > MAX_PACKAGES) {
            errors.add(new FieldError("attempt.packages", "must list 1 to " + MAX_PACKAGES + " packages"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < draft.packages().size(); i++) {
            PackageOutcome p = draft.packages().get(i);
            String field = "attempt.packages[" + i + "]";
            if (p == null || p.trackingId() == null || p.trackingId().isBlank()) {
                errors.add(new FieldError(field + ".trackingId", "is required"));
                continue;
            }
            if (!seen.add(p.trackingId())) {
                errors.add(new FieldError(field + ".trackingId", "is listed twice"));
            }
            if (p.outcome() == null) {
                errors.add(new FieldError(field + ".outcome", "is required"));
            } else if (p.outcome() == Outcome.ATTEMPTED && p.reason() == null) {
                errors.add(new FieldError(field + ".reason", "is required for an ATTEMPTED package"));
            } else if (p.outcome() != Outcome.ATTEMPTED && p.reason() != null) {
                errors.add(new FieldError(field + ".reason", "is only for an ATTEMPTED package"));
            }
        }
    }

    private static void images(DeliveryDraft draft, List<PhotoUpload> uploads, List<FieldError> errors) {
        long photos = uploads.stream().filter(u -> !u.signature()).count();
        long signatures = uploads.size() - photos;
        boolean handed = draft.place() == Place.HANDED_TO_RESIDENT;
        if (photos > MAX_PHOTOS) {
            errors.add(new FieldError("photo", "at most " + MAX_PHOTOS + " photos are taken"));
        }
        if (signatures > 1) {
            errors.add(new FieldError("signature", "at most one signature is taken"));
        } else if (signatures == 1 && !handed) {
            errors.add(new FieldError("signature", "is only for a package HANDED_TO_RESIDENT"));
        }
        if (photos == 0 && !(signatures == 1 && handed)) {
            errors.add(new FieldError("photo", "at least one photo is required (or a signature when handed to the"
                    + " resident)"));
        }
        for (int i = 0; i < uploads.size(); i++) {
            if (uploads.get(i).bytes().length == 0) {
                errors.add(new FieldError(uploads.get(i).signature() ? "signature" : "photo", "is empty"));
            }
        }
    }
}
