package dev.doorstep.dispatch.delivery;

import dev.doorstep.dispatch.errors.Conflict;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.geo.Distances;
import dev.doorstep.dispatch.ids.Ids;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Proof of delivery. A driver completes a stop of its route in progress with one upload: an outcome per package and
 * one to three photos (or a signature when handed to the resident). The photos are checked and stored unchanged,
 * with a metadata-free customer copy; doubts are flags, not refusals. An upload is idempotent by its key and by its
 * fingerprint, so an offline phone may send it again, hours later, and nothing is stored twice.
 */
@Component
public class Deliveries {

    private final DeliveryStore store;
    private final DeliveryReader reader;
    private final Photos photos;
    private final BlobStore blobs;
    private final DeliverySettings settings;
    private final Clock clock;

    Deliveries(DeliveryStore store, DeliveryReader reader, Photos photos, BlobStore blobs, DeliverySettings settings,
            Clock clock) {
        this.store = store;
        this.reader = reader;
        this.photos = photos;
        this.blobs = blobs;
        this.settings = settings;
        this.clock = clock;
    }

    /** Records what happened at {@code stopId}; a retry answers the first upload's record with replayed = true. */
    public Mono<Delivery> record(String driverId, String stopId, String idempotencyKey, DeliveryDraft draft,
            List<PhotoUpload> uploads) {
        return Mono.fromRunnable(() -> DeliveryRules.check(draft, uploads, idempotencyKey, clock))
                .then(store.stop(stopId))
                .filter(stop -> driverId.equals(stop.driverId()))
                .switchIfEmpty(Mono.error(() -> new NotFound("stop", stopId)))
                .flatMap(stop -> Mono.fromCallable(() -> fingerprint(stopId, draft, uploads))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(fingerprint -> replay(driverId, idempotencyKey, fingerprint)
                                .switchIfEmpty(Mono.defer(() ->
                                        fresh(stop, driverId, idempotencyKey, fingerprint, draft, uploads)))));
    }

    /** An attempt, if the caller may act for the DSP of its route ("" for a Flex route); otherwise not found. */
    public Mono<Attempt> attempt(String attemptId, Predicate<String> mayActForDsp) {
        return reader.attemptWithDsp(attemptId)
                .filter(found -> mayActForDsp.test(found.getValue()))
                .map(found -> found.getKey())
                .switchIfEmpty(Mono.error(() -> new NotFound("attempt", attemptId)));
    }

    /** The original image {@code n} of an attempt, unchanged, under the same rule as {@link #attempt}. */
    public Mono<PhotoFile> original(String attemptId, int n, Predicate<String> mayActForDsp) {
        return attempt(attemptId, mayActForDsp)
                .then(reader.photoKey(attemptId, n))
                .switchIfEmpty(Mono.error(() -> new NotFound("photo", attemptId + "/" + n)))
                .flatMap(image -> blobs.get(image.blobKey()).map(bytes -> new PhotoFile(image.contentType(), bytes)))
                .switchIfEmpty(Mono.error(() -> new NotFound("photo", attemptId + "/" + n)));
    }

    /**
     * What the customer may see of a delivered package: the metadata-free copy of its first photo (JPEG), or empty.
     * The caller (the tracking page) decides who holds the package's link.
     */
    public Mono<PhotoFile> customerPhoto(String trackingId) {
        return reader.customerKey(trackingId)
                .flatMap(blobs::get)
                .map(bytes -> new PhotoFile("image/jpeg", bytes));
    }

    private Mono<Delivery> replay(String driverId, String idempotencyKey, String fingerprint) {
        return store.earlier(driverId, idempotencyKey, fingerprint)
                .flatMap(earlier -> earlier.fingerprint().equals(fingerprint)
                        ? reader.delivery(earlier.id()).map(Delivery::asReplay)
                        : Mono.error(new Conflict("IDEMPOTENCY_KEY_REUSED", "Idempotency-Key " + idempotencyKey
                                + " was used for another upload")));
    }

    private Mono<Delivery> fresh(StopRow stop, String driverId, String idempotencyKey, String fingerprint,
            DeliveryDraft draft, List<PhotoUpload> uploads) {
        if (!stop.routeInProgress()) {
            return Mono.error(new Conflict("ILLEGAL_TRANSITION", "Stop " + stop.id() + " is on a route "
                    + stop.routeStatus() + "; deliveries are recorded on a route IN_PROGRESS"));
        }
        String id = Ids.next("dlv");
        return Flux.fromIterable(uploads)
                .concatMap(upload -> Mono.fromCallable(() -> photos.inspect(upload))
                        .subscribeOn(Schedulers.boundedElastic()))
                .concatMap(photo -> blobs.put(photo.originalKey(), photo.upload().bytes())
                        .then(blobs.put(photo.customerKey(), photo.customerCopy()))
                        .thenReturn(photo))
                .collectList()
                .flatMap(inspected -> store.write(new NewDelivery(id, stop, driverId, idempotencyKey, fingerprint,
                        draft, flags(stop, draft, inspected), inspected)))
                .then(Mono.defer(() -> reader.delivery(id)))
                .onErrorResume(DataIntegrityViolationException.class, e -> replay(driverId, idempotencyKey, fingerprint)
                        .switchIfEmpty(Mono.error(() -> new Conflict("ALREADY_DELIVERED",
                                "A package of this upload was delivered already"))));
    }

    /** Why the package's latest attempt failed; empty when it had no attempt or the latest gave no reason. */
    public Mono<AttemptReason> lastReason(String trackingId) {
        return reader.lastReason(trackingId);
    }

    private List<Flag> flags(StopRow stop, DeliveryDraft draft, List<InspectedPhoto> inspected) {
        List<Flag> flags = new ArrayList<>();
        if (draft.position() == null) {
            flags.add(Flag.NO_PHONE_POSITION);
        } else if (Distances.meters(draft.position(), stop.location()) > settings.flagDistanceMeters()) {
            flags.add(Flag.PHONE_FAR_FROM_STOP);
        }
        if (inspected.stream().map(p -> p.exif().position()).anyMatch(exif -> exif != null
                && Distances.meters(exif, stop.location()) > settings.flagDistanceMeters())) {
            flags.add(Flag.PHOTO_FAR_FROM_STOP);
        }
        if (Duration.between(draft.capturedAt().toInstant(), clock.instant()).compareTo(settings.lateUploadAfter()) > 0) {
            flags.add(Flag.LATE_UPLOAD);
        }
        return flags;
    }

    /** The same stop, capture time and images make the same upload, whatever else a retry changes. */
    private static String fingerprint(String stopId, DeliveryDraft draft, List<PhotoUpload> uploads) {
        StringBuilder text = new StringBuilder(stopId).append('\n').append(draft.capturedAt().toInstant());
        uploads.stream().map(u -> (u.signature() ? "S" : "P") + Photos.sha256(u.bytes())).sorted()
                .forEach(hash -> text.append('\n').append(hash));
        return Photos.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
