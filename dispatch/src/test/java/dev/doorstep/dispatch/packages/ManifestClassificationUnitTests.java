package dev.doorstep.dispatch.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.dispatch.errors.FieldError;
import dev.doorstep.dispatch.geo.GeoPoint;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ManifestClassificationUnitTests {

    private static final OffsetDateTime NINE = OffsetDateTime.of(2030, 5, 6, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final List<FieldError> VALID = List.of();

    @Test
    void aLineWithErrorsIsRejectedAloneAndTheOthersAreCandidates() {
        List<FieldError> bad = List.of(new FieldError("address", "must not be blank"));
        var batch = new ManifestClassification(List.of(entry("PKG-1", "1 Main St"), entry("PKG-2", " ")),
                List.of(VALID, bad));

        assertThat(batch.candidates()).extracting(PackageDraft::trackingId).containsExactly("PKG-1");
        ImportReport report = batch.report("st_1", Set.of("PKG-1"), Map.of());
        assertThat(report.results()).extracting(ImportResult::outcome)
                .containsExactly(ImportOutcome.CREATED, ImportOutcome.REJECTED);
        assertThat(report.results().get(1).errors()).isEqualTo(bad);
        assertThat(report.created()).isEqualTo(1);
        assertThat(report.rejected()).isEqualTo(1);
    }

    @Test
    void anUnreadableLineIsRejectedWithItsReadErrorsAndNoTrackingId() {
        List<FieldError> unreadable = List.of(new FieldError("weightKg", "must be a number"));
        var batch = new ManifestClassification(List.of(ManifestEntry.unreadable(unreadable)), List.of(unreadable));

        ImportResult result = batch.report("st_1", Set.of(), Map.of()).results().get(0);

        assertThat(result.outcome()).isEqualTo(ImportOutcome.REJECTED);
        assertThat(result.trackingId()).isNull();
        assertThat(batch.candidates()).isEmpty();
    }

    @Test
    void aRepeatInTheBatchIsUnchangedWithTheSameContentAndAConflictWithOther() {
        var batch = new ManifestClassification(List.of(entry("PKG-1", "1 Main St"), entry("PKG-1", " 1 Main St "),
                entry("PKG-1", "2 Main St")), List.of(VALID, VALID, VALID));

        assertThat(batch.candidates()).hasSize(1);
        assertThat(batch.report("st_1", Set.of("PKG-1"), Map.of()).results()).extracting(ImportResult::outcome)
                .containsExactly(ImportOutcome.CREATED, ImportOutcome.UNCHANGED, ImportOutcome.CONFLICT);
    }

    @Test
    void aPackageStoredBeforeIsUnchangedOnlyWithTheSameContentAtTheSameStation() {
        PackageDraft same = draft("PKG-1", "1 Main St");
        var batch = new ManifestClassification(List.of(ManifestEntry.of(same), entry("PKG-2", "9 Elm St"),
                entry("PKG-3", "1 Main St")), List.of(VALID, VALID, VALID));
        Map<String, PackageView> stored = Map.of("PKG-1", stored("PKG-1", "st_1", "1 Main St"),
                "PKG-2", stored("PKG-2", "st_1", "1 Main St"), "PKG-3", stored("PKG-3", "st_2", "1 Main St"));

        assertThat(batch.report("st_1", Set.of(), stored).results()).extracting(ImportResult::outcome)
                .containsExactly(ImportOutcome.UNCHANGED, ImportOutcome.CONFLICT, ImportOutcome.CONFLICT);
    }

    @Test
    void anIdStoredAsTheOtherKindIsAConflictBecauseTheStoreDoesNotReturnIt() {
        var batch = new ManifestClassification(List.of(entry("PKG-1", "1 Main St")), List.of(VALID));

        ImportResult result = batch.report("st_1", Set.of(), Map.of()).results().get(0);

        assertThat(result.outcome()).isEqualTo(ImportOutcome.CONFLICT);
        assertThat(result.errors()).extracting(FieldError::field).containsExactly("trackingId");
    }

    @Test
    void aWindowMustEndAfterItStarts() {
        PackageDraft empty = new PackageDraft("PKG-1", "Ann", "1 Main St", new GeoPoint(40.0, -74.0),
                new DeliveryWindow(NINE, NINE), 1.0, 10.0, 10.0, 10.0, "en", "Acme");

        assertThat(ManifestClassification.windowError(empty)).map(FieldError::field).contains("window.to");
        assertThat(ManifestClassification.windowError(draft("PKG-1", "1 Main St"))).isEmpty();
    }

    @Test
    void anotherShipperIsOtherContentAndSpacesAroundItAreNot() {
        PackageDraft other = new PackageDraft("PKG-1", "Ann", "1 Main St", new GeoPoint(40.0, -74.0),
                new DeliveryWindow(NINE, NINE.plusHours(4)), 1.0, 10.0, 10.0, 10.0, "en", "Globex");
        PackageDraft padded = new PackageDraft("PKG-1", "Ann", "1 Main St", new GeoPoint(40.0, -74.0),
                new DeliveryWindow(NINE, NINE.plusHours(4)), 1.0, 10.0, 10.0, 10.0, "en", " Acme ");

        assertThat(ManifestClassification.sameContent(stored("PKG-1", "st_1", "1 Main St"), other)).isFalse();
        assertThat(ManifestClassification.sameContent(stored("PKG-1", "st_1", "1 Main St"), padded)).isTrue();
    }

    private static ManifestEntry entry(String trackingId, String address) {
        return ManifestEntry.of(draft(trackingId, address));
    }

    private static PackageDraft draft(String trackingId, String address) {
        return new PackageDraft(trackingId, "Ann", address, new GeoPoint(40.0, -74.0),
                new DeliveryWindow(NINE, NINE.plusHours(4)), 1.0, 10.0, 10.0, 10.0, "en", "Acme");
    }

    private static PackageView stored(String trackingId, String stationId, String address) {
        return new PackageView(trackingId, stationId, "DELIVERY", "Ann", address, new GeoPoint(40.0, -74.0),
                new DeliveryWindow(NINE.withOffsetSameInstant(ZoneOffset.ofHours(-4)), NINE.plusHours(4)), 1.0, 10.0,
                10.0, 10.0, "en", PackageStatus.MANIFESTED, 0, List.of(), "Acme");
    }
}
