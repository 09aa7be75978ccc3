package dev.doorstep.api.driver;

import static dev.doorstep.api.support.DeliveryFixture.Image.photo;
import static org.assertj.core.api.Assertions.assertThat;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.GpsDirectory;
import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.DeliveryFixture;
import dev.doorstep.api.support.DeliveryFixture.Image;
import dev.doorstep.api.support.DeliveryFixture.Stop;
import dev.doorstep.api.support.PlanningFixture;
import dev.doorstep.api.support.SharedDataDir;
import dev.doorstep.api.support.StartedRoute;
import dev.doorstep.api.support.TestImages;
import dev.doorstep.dispatch.delivery.AttemptReason;
import dev.doorstep.dispatch.delivery.Deliveries;
import dev.doorstep.dispatch.delivery.Place;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

@SuppressWarnings("unchecked")
class ProofOfDeliveryIntegrationTests extends ApiIntegrationTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    Deliveries deliveries;

    private String ops;
    private String dsp;
    private String driverToken;
    private String route;
    private List<Stop> stops;
    private DeliveryFixture uploads;

    /** A DSP route of about 30 stops, assigned and started. */
    @BeforeEach
    void routeInProgress() {
        StartedRoute started = startedRoute(45, 60);
        ops = started.ops();
        dsp = started.dsp();
        route = started.routeId();
        driverToken = started.driverToken();
        stops = started.stops();
        uploads = new DeliveryFixture(http);
    }

    @Test
    void everyPlaceAndEveryReasonIsRecordedWithPackageStatusTimelineAndOutboxEvent() {
        List<String[]> packages = new ArrayList<>();
        stops.forEach(stop -> stop.trackingIds().forEach(id -> packages.add(new String[] {stop.id(), id})));
        Place[] places = Place.values();
        AttemptReason[] reasons = AttemptReason.values();
        assertThat(packages).hasSizeGreaterThanOrEqualTo(places.length + reasons.length);
        for (int i = 0; i < places.length + reasons.length; i++) {
            String stopId = packages.get(i)[0];
            Stop single = new Stop(stopId, stop(stopId).lat(), stop(stopId).lon(), List.of(packages.get(i)[1]));
            boolean delivered = i < places.length;
            Map<String, Object> attempt = delivered
                    ? DeliveryFixture.attempt(single, "DELIVERED", places[i].name(), null)
                    : DeliveryFixture.attempt(single, "ATTEMPTED", "FRONT_DOOR", reasons[i - places.length].name());
            Image image = delivered && places[i] == Place.HANDED_TO_RESIDENT
                    ? new Image("signature", TestImages.png(300, 120), MediaType.IMAGE_PNG, "signature.png")
                    : photo(TestImages.jpeg(320, 240));
            uploads.upload(driverToken, stopId, null, attempt, image).expectStatus().isCreated()
                    .expectBody()
                    .jsonPath("$.replayed").isEqualTo(false)
                    .jsonPath("$.attempts[0].trackingId").isEqualTo(packages.get(i)[1])
                    .jsonPath("$.attempts[0].outcome").isEqualTo(delivered ? "DELIVERED" : "ATTEMPTED")
                    .jsonPath("$.attempts[0].place").isEqualTo(delivered ? places[i].name() : "FRONT_DOOR")
                    .jsonPath("$.attempts[0].flags.length()").isEqualTo(0)
                    .jsonPath("$.attempts[0].photos[0].kind")
                    .isEqualTo(image.part().equals("signature") ? "SIGNATURE" : "PHOTO");
        }
        for (int i = 0; i < places.length + reasons.length; i++) {
            String trackingId = packages.get(i)[1];
            String status = i < places.length ? "DELIVERED" : "ATTEMPTED";
            http.get().uri("/v1/packages/{id}", trackingId).headers(h -> h.setBearerAuth(ops)).exchange()
                    .expectStatus().isOk().expectBody()
                    .jsonPath("$.status").isEqualTo(status)
                    .jsonPath("$.attempts").isEqualTo(1)
                    .jsonPath("$.timeline[*].status").value(timeline -> assertThat((List<Object>) timeline).contains(status));
            String reason = i < places.length ? null : reasons[i - places.length].name();
            assertThat(outbox(trackingId)).containsExactly(i < places.length ? "PackageDelivered"
                    : "PackageAttempted:" + reason);
        }
        Stop done = stops.stream().filter(s -> packages.subList(0, places.length + reasons.length).stream()
                .filter(p -> p[0].equals(s.id())).count() == s.trackingIds().size()).findFirst().orElseThrow();
        assertThat(stopStatus(done.id())).isEqualTo("COMPLETED");
    }

    @Test
    void photoRulesJudgeTheBytesNotTheHeaderNorTheName() throws Exception {
        Stop stop = stops.get(0);
        Map<String, Object> attempt = DeliveryFixture.attempt(stop, "DELIVERED", "FRONT_DOOR", null);
        uploads.upload(driverToken, stop.id(), null, attempt, photo(TestImages.pngDeclaring(50_000, 50_000)))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.reason").isEqualTo("IMAGE_TOO_LARGE");
        uploads.upload(driverToken, stop.id(), null, attempt, photo(TestImages.jpegWithHtmlComment()))
                .expectStatus().isEqualTo(415);
        uploads.upload(driverToken, stop.id(), null, attempt, photo(TestImages.jpegWithHtmlAfterEnd()))
                .expectStatus().isEqualTo(415);
        uploads.upload(driverToken, stop.id(), null, attempt, photo("<html>hello</html>".getBytes()))
                .expectStatus().isEqualTo(415);
        byte[] bigPolyglot = concat(TestImages.jpeg(1200, 900), new byte[400_000]);
        bigPolyglot[bigPolyglot.length - 1] = '<';
        uploads.upload(driverToken, stop.id(), null, attempt, photo(bigPolyglot)).expectStatus().isEqualTo(415);
        byte[] tooBig = concat(TestImages.jpeg(64, 48), new byte[10 * 1024 * 1024]);
        uploads.upload(driverToken, stop.id(), null, attempt, photo(tooBig)).expectStatus().isEqualTo(413);
        assertThat(stopStatus(stop.id())).isNotEqualTo("COMPLETED");

        byte[] png = TestImages.png(640, 480);
        uploads.upload(driverToken, stop.id(), null, attempt, new Image("photo", png, MediaType.IMAGE_JPEG, "door.jpg"))
                .expectStatus().isCreated().expectBody()
                .jsonPath("$.attempts[0].photos[0].contentType").isEqualTo("image/png")
                .jsonPath("$.attempts[0].photos[0].widthPx").isEqualTo(640)
                .jsonPath("$.attempts[0].photos[0].sha256").isEqualTo(sha256(png));
        assertThat(stopStatus(stop.id())).isEqualTo("COMPLETED");
        assertThat(leftoverUploads()).isEmpty();
    }

    @Test
    void theCustomerCopyOfAGpsPhotoIsResizedAndCarriesNoMetadataWhileTheOriginalKeepsIt() throws Exception {
        Stop stop = stops.get(0);
        byte[] original = TestImages.jpegWithGps(2000, 1000, stop.lat() + 0.01, stop.lon());
        assertThat(gps(original)).isNotNull();
        Map<?, ?> delivery = uploads.upload(driverToken, stop.id(), null,
                        DeliveryFixture.attempt(stop, "DELIVERED", "FRONT_DOOR", null), photo(original))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        Map<?, ?> attempt = (Map<?, ?>) ((List<?>) delivery.get("attempts")).get(0);
        Map<?, ?> exif = (Map<?, ?>) ((Map<?, ?>) ((List<?>) attempt.get("photos")).get(0)).get("exifPosition");
        assertThat(((Number) exif.get("lat")).doubleValue()).isCloseTo(stop.lat() + 0.01, org.assertj.core.data.Offset.offset(1e-5));
        assertThat((List<Object>) attempt.get("flags")).containsExactly("PHOTO_FAR_FROM_STOP");

        byte[] customer = deliveries.customerPhoto((String) attempt.get("trackingId")).block().bytes();
        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(customer));
        assertThat(metadata.getFirstDirectoryOfType(GpsDirectory.class)).isNull();
        assertThat(StreamSupport.stream(metadata.getDirectories().spliterator(), false).map(Directory::getName))
                .noneMatch(name -> name.startsWith("Exif") || name.startsWith("GPS") || name.startsWith("XMP"));
        java.awt.image.BufferedImage copy = javax.imageio.ImageIO.read(new ByteArrayInputStream(customer));
        assertThat(copy.getWidth()).isEqualTo(1600);
        assertThat(copy.getHeight()).isEqualTo(800);

        byte[] stored = http.get().uri("/v1/ops/attempts/{id}/photos/1", attempt.get("id"))
                .headers(h -> h.setBearerAuth(ops)).exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.IMAGE_JPEG)
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(stored).isEqualTo(original);
    }

    @Test
    void farPhoneAndLateUploadAreFlaggedNotRefused() {
        Stop stop = stops.get(0);
        Map<String, Object> attempt = DeliveryFixture.attempt(stop, "DELIVERED", "MAILROOM", null);
        attempt.put("position", Map.of("lat", stop.lat() + 0.01, "lon", stop.lon()));
        attempt.put("capturedAt", DeliveryFixture.now().minusHours(3).toString());
        uploads.upload(driverToken, stop.id(), null, attempt, photo(TestImages.jpeg(320, 240)))
                .expectStatus().isCreated().expectBody()
                .jsonPath("$.attempts[0].flags").value(flags ->
                        assertThat((List<Object>) flags).containsExactlyInAnyOrder("PHONE_FAR_FROM_STOP", "LATE_UPLOAD"));
        Stop other = stops.get(1);
        Map<String, Object> noGps = DeliveryFixture.attempt(other, "DELIVERED", "LOCKER", null);
        noGps.remove("position");
        uploads.upload(driverToken, other.id(), null, noGps, photo(TestImages.jpeg(320, 240)))
                .expectStatus().isCreated().expectBody().jsonPath("$.attempts[0].flags[0]").isEqualTo("NO_PHONE_POSITION");
    }

    @Test
    void retriesWithTheSameKeyOrTheSameCaptureStoreNothingTwice() throws Exception {
        Stop stop = stops.get(0);
        Map<String, Object> attempt = DeliveryFixture.attempt(stop, "DELIVERED", "FRONT_DOOR", null);
        byte[] jpeg = TestImages.jpeg(800, 600);
        Map<?, ?> first = uploads.upload(driverToken, stop.id(), "retry-" + unique(), attempt, photo(jpeg))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String key = "key-" + unique();
        Stop next = stops.get(1);
        Map<String, Object> nextAttempt = DeliveryFixture.attempt(next, "ATTEMPTED", "FRONT_DOOR", "NO_ACCESS");
        Map<?, ?> keyed = uploads.upload(driverToken, next.id(), key, nextAttempt, photo(TestImages.jpeg(400, 300)))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        long blobs = blobCount();

        // The phone re-sends its queue with the same key: the first answer.
        uploads.upload(driverToken, next.id(), key, nextAttempt, photo(TestImages.jpeg(400, 300)))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(keyed.get("id")).jsonPath("$.replayed").isEqualTo(true);
        // No key, same stop, capture time and photo: the first answer too.
        uploads.upload(driverToken, stop.id(), null, attempt, photo(jpeg))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(first.get("id"))
                .jsonPath("$.attempts[0].id").isEqualTo(((Map<?, ?>) ((List<?>) first.get("attempts")).get(0)).get("id"));
        // The same key for another upload is a client bug.
        uploads.upload(driverToken, stops.get(2).id(), key,
                        DeliveryFixture.attempt(stops.get(2), "DELIVERED", "PORCH", null), photo(TestImages.jpeg(100, 90)))
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.reason").isEqualTo("IDEMPOTENCY_KEY_REUSED");

        assertThat(count("SELECT count(*) FROM deliveries WHERE stop_id = :id", stop.id())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM delivery_attempts WHERE stop_id = :id", next.id()))
                .isEqualTo(next.trackingIds().size());
        assertThat(count("SELECT count(*) FROM outbox WHERE aggregate_id = :id", stop.trackingIds().get(0)))
                .isEqualTo(1);
        assertThat(blobCount()).isEqualTo(blobs);
    }

    @Test
    void twoCopiesOfAnUploadArrivingTogetherRecordItOnce() throws Exception {
        Stop stop = stops.get(0);
        Map<String, Object> attempt = DeliveryFixture.attempt(stop, "DELIVERED", "FRONT_DOOR", null);
        byte[] jpeg = TestImages.jpeg(1024, 768);
        java.util.concurrent.Callable<Map<?, ?>> send = () -> uploads.upload(driverToken, stop.id(), null, attempt,
                photo(jpeg)).expectBody(Map.class).returnResult().getResponseBody();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var answers = pool.invokeAll(List.of(send, send));
            Map<?, ?> first = answers.get(0).get();
            Map<?, ?> second = answers.get(1).get();
            assertThat(first.get("id")).isNotNull().isEqualTo(second.get("id"));
            assertThat(List.of(first.get("replayed"), second.get("replayed"))).containsExactlyInAnyOrder(true, false);
        } finally {
            pool.shutdown();
        }
        assertThat(count("SELECT count(*) FROM deliveries WHERE stop_id = :id", stop.id())).isEqualTo(1);
    }

    @Test
    void theTemporaryFileOfAnUploadCutOffHalfwayIsDeleted() throws Exception {
        String boundary = "cut-off-" + unique();
        byte[] head = ("POST /v1/driver/stops/" + stops.get(0).id() + "/deliveries HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + driverToken + "\r\nContent-Type: multipart/form-data; boundary=" + boundary
                + "\r\nContent-Length: 5000000\r\n\r\n--" + boundary + "\r\nContent-Disposition: form-data; "
                + "name=\"photo\"; filename=\"door.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.getOutputStream().write(head);
            socket.getOutputStream().write(new byte[1_000_000]);
            socket.getOutputStream().flush();
            org.awaitility.Awaitility.await("a temporary file for the part").atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> !leftoverUploads().isEmpty());
        }
        org.awaitility.Awaitility.await("the temporary file deleted").atMost(java.time.Duration.ofSeconds(10))
                .until(() -> leftoverUploads().isEmpty());
    }

    @Test
    void aDeliveredPackageCannotBeDeliveredAgain() {
        Stop stop = stops.get(0);
        uploads.upload(driverToken, stop.id(), null, DeliveryFixture.attempt(stop, "DELIVERED", "GARAGE", null),
                photo(TestImages.jpeg(320, 240))).expectStatus().isCreated();
        uploads.upload(driverToken, stop.id(), null, DeliveryFixture.attempt(stop, "DELIVERED", "BACK_DOOR", null),
                        photo(TestImages.jpeg(330, 240)))
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.reason").isEqualTo("ALREADY_DELIVERED");
    }

    @Test
    void onlyTheRoutesDriverMayCompleteItsStopsAndOnlyWhileTheRouteIsInProgress() {
        Stop stop = stops.get(0);
        String stranger = token(new PlanningFixture(http, ops).createDriver(dsp, createStation(ops)), "DRIVER");
        uploads.upload(stranger, stop.id(), null, DeliveryFixture.attempt(stop, "DELIVERED", "FRONT_DOOR", null),
                photo(TestImages.jpeg(320, 240))).expectStatus().isNotFound();
        http.post().uri("/v1/driver/routes/{id}/finish", route).headers(h -> h.setBearerAuth(driverToken)).exchange()
                .expectStatus().isOk();
        uploads.upload(driverToken, stop.id(), null, DeliveryFixture.attempt(stop, "DELIVERED", "FRONT_DOOR", null),
                        photo(TestImages.jpeg(320, 240)))
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.reason").isEqualTo("ILLEGAL_TRANSITION");
    }

    @Test
    void badUploadsNameTheFieldAtFault() {
        Stop stop = stops.get(0);
        uploads.upload(driverToken, stop.id(), null, null, photo(TestImages.jpeg(32, 32)))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("attempt");
        uploads.upload(driverToken, stop.id(), null, DeliveryFixture.attempt(stop, "ATTEMPTED", "FRONT_DOOR", null),
                        photo(TestImages.jpeg(32, 32)))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("attempt.packages[0].reason");
        uploads.upload(driverToken, stop.id(), null, DeliveryFixture.attempt(stop, "DELIVERED", "FRONT_DOOR", null),
                        new Image("signature", TestImages.png(300, 100), MediaType.IMAGE_PNG, "s.png"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[*].field")
                .value(fields -> assertThat((List<Object>) fields).contains("signature", "photo"));
        uploads.upload(driverToken, stop.id(), null, DeliveryFixture.attempt(stop, "DELIVERED", "ON_THE_ROOF", null),
                        photo(TestImages.jpeg(32, 32)))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("attempt.place");
        uploads.upload(driverToken, stop.id(), null, DeliveryFixture.attempt(stop, "DELIVERED", "FRONT_DOOR", null),
                        photo(TestImages.jpeg(32, 32)), photo(TestImages.jpeg(33, 32)), photo(TestImages.jpeg(34, 32)),
                        photo(TestImages.jpeg(35, 32)))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("photo");
    }

    @Test
    void originalsAreForStationOpsAndTheDispatcherOfTheRoutesDspOnly() {
        Stop stop = stops.get(0);
        Map<?, ?> delivery = uploads.upload(driverToken, stop.id(), null,
                        DeliveryFixture.attempt(stop, "DELIVERED", "RECEPTIONIST", null), photo(TestImages.jpeg(320, 240)))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String attemptId = (String) ((Map<?, ?>) ((List<?>) delivery.get("attempts")).get(0)).get("id");
        for (String allowed : List.of(ops, dispatcherToken(dsp))) {
            http.get().uri("/v1/ops/attempts/{id}", attemptId).headers(h -> h.setBearerAuth(allowed)).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.place").isEqualTo("RECEPTIONIST");
            http.get().uri("/v1/ops/attempts/{id}/photos/1", attemptId).headers(h -> h.setBearerAuth(allowed))
                    .exchange().expectStatus().isOk().expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
        }
        String otherDispatcher = dispatcherToken(createDsp(ops));
        http.get().uri("/v1/ops/attempts/{id}", attemptId).headers(h -> h.setBearerAuth(otherDispatcher)).exchange()
                .expectStatus().isNotFound();
        http.get().uri("/v1/ops/attempts/{id}/photos/1", attemptId).headers(h -> h.setBearerAuth(otherDispatcher))
                .exchange().expectStatus().isNotFound();
        http.get().uri("/v1/ops/attempts/{id}/photos/2", attemptId).headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isNotFound();
    }

    private Stop stop(String id) {
        return stops.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    private List<String> outbox(String trackingId) {
        return db.sql("SELECT event_type, payload->>'reason' AS reason FROM outbox WHERE aggregate_id = :id ORDER BY id")
                .bind("id", trackingId)
                .map(r -> r.get("event_type", String.class)
                        + (r.get("reason", String.class) == null ? "" : ":" + r.get("reason", String.class)))
                .all().collectList().block();
    }

    private String stopStatus(String stopId) {
        return db.sql("SELECT status FROM stops WHERE id = :id").bind("id", stopId)
                .map(r -> r.get("status", String.class)).one().block();
    }

    private long count(String sql, String id) {
        return db.sql(sql).bind("id", id).map(r -> r.get(0, Long.class)).one().block();
    }

    private static long blobCount() throws Exception {
        java.nio.file.Path blobs = SharedDataDir.resolve("blobs");
        try (var files = java.nio.file.Files.walk(blobs)) {
            return files.filter(java.nio.file.Files::isRegularFile).count();
        }
    }

    private static List<java.nio.file.Path> leftoverUploads() throws Exception {
        java.nio.file.Path dir = SharedDataDir.resolve("uploads");
        // The large parts above went to temporary files there, so the folder exists.
        assertThat(dir).isDirectory();
        try (var files = java.nio.file.Files.walk(dir)) {
            return files.filter(java.nio.file.Files::isRegularFile).toList();
        }
    }

    private static GpsDirectory gps(byte[] jpeg) throws Exception {
        return ImageMetadataReader.readMetadata(new ByteArrayInputStream(jpeg)).getFirstDirectoryOfType(GpsDirectory.class);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
