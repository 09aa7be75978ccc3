package dev.doorstep.api.blobs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.doorstep.api.support.DeliveryFixture.Image.photo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.DeliveryFixture;
import dev.doorstep.api.support.DeliveryFixture.Stop;
import dev.doorstep.api.support.PlanningFixture;
import dev.doorstep.api.support.TestImages;
import dev.doorstep.dispatch.delivery.BlobStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Proof-of-delivery images in an S3-compatible object store (WireMock) through the AWS SDK: signed PUTs, read back by
 * GET; a 503 retried, a store failing past the attempts, one too slow, and the default credential chain.
 */
class S3BlobStoreIntegrationTests extends ApiIntegrationTest {

    private static final WireMockServer S3 = new WireMockServer(options().dynamicPort());
    /** Signature V4 of the SDK: the key and scope, the signed headers (host, payload hash, date among them). */
    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKTEST/\\d{8}/eu-west-1/s3/aws4_request, "
            + "SignedHeaders=([a-z0-9-]+;)*host;([a-z0-9-]+;)*x-amz-content-sha256;x-amz-date(;[a-z0-9-]+)*, "
            + "Signature=[0-9a-f]{64}";

    static {
        S3.start();
        S3.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
    }

    @DynamicPropertySource
    static void objectStore(DynamicPropertyRegistry registry) {
        registry.add("doorstep.api.blobs.store", () -> "s3");
        registry.add("doorstep.api.blobs.endpoint", S3::baseUrl);
        registry.add("doorstep.api.blobs.bucket", () -> "pod-photos");
        registry.add("doorstep.api.blobs.region", () -> "eu-west-1");
        registry.add("doorstep.api.blobs.access-key", () -> "AKTEST");
        registry.add("doorstep.api.blobs.secret-key", () -> "secret");
    }

    @AfterAll
    static void stop() {
        S3.stop();
    }

    @Autowired
    BlobStore blobs;

    @Test
    void aDeliveryPhotoIsPutSignedIntoTheBucketAndTheOriginalIsReadBackFromIt() throws Exception {
        assertThat(blobs).isInstanceOf(S3BlobStore.class);
        String ops = opsToken();
        String station = createStation(ops);
        PlanningFixture planning = new PlanningFixture(http, ops);
        String dsp = createDsp(ops);
        String driver = planning.createDriver(dsp, station);
        String driverToken = token(driver, "DRIVER");
        Map<?, ?> plan = planning.readyPlan(station, 4, 60, 1);
        Stop stop = planning.startFirstRoute(plan, dsp, dispatcherToken(dsp), driver, driverToken,
                planning.createVan(dsp, 300)).get(0);
        byte[] image = TestImages.jpeg(321, 207);
        String key = "/pod-photos/originals/" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(image)) + ".jpg";

        Map<?, ?> delivery = new DeliveryFixture(http).upload(driverToken, stop.id(), null,
                        DeliveryFixture.attempt(stop, "DELIVERED", "FRONT_DOOR", null), photo(image))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String attemptId = (String) ((Map<?, ?>) ((List<?>) delivery.get("attempts")).get(0)).get("id");

        List<LoggedRequest> puts = S3.findAll(putRequestedFor(urlEqualTo(key)));
        assertThat(puts).hasSize(1);
        LoggedRequest put = puts.get(0);
        assertThat(put.getBody()).isEqualTo(image);
        assertThat(put.getHeader("Authorization")).matches(AUTHORIZATION);
        assertThat(put.getHeader("x-amz-content-sha256")).isEqualTo(key.substring(22, 86));
        assertThat(put.getHeader("x-amz-date")).matches("\\d{8}T\\d{6}Z");
        assertThat(put.getHeader("Content-Length")).isEqualTo(Integer.toString(image.length));
        assertThat(put.getHeader("User-Agent")).contains("aws-sdk-java/2.");
        assertThat(S3.findAll(putRequestedFor(urlMatching("/pod-photos/customer/[0-9a-f]{64}\\.jpg")))).hasSize(1);

        S3.stubFor(get(urlEqualTo(key)).willReturn(aResponse().withStatus(200).withBody(put.getBody())));
        byte[] original = http.get().uri("/v1/ops/attempts/{id}/photos/1", attemptId)
                .headers(h -> h.setBearerAuth(ops)).exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(original).isEqualTo(image);
        assertThat(S3.findAll(getRequestedFor(urlEqualTo(key))))
                .singleElement()
                .satisfies(request -> assertThat(request.getHeader("Authorization")).matches(AUTHORIZATION));

        S3.stubFor(get(urlEqualTo(key)).willReturn(aResponse().withStatus(404)));
        assertThat(blobs.get(key.substring("/pod-photos/".length())).blockOptional()).isEmpty();
    }

    @Test
    void aPutAnswered503IsRetriedAndSucceedsOnTheNextAttempt() {
        String key = "originals/" + "a1".repeat(32) + ".jpg";
        String path = "/retry-bucket/" + key;
        S3.stubFor(put(urlEqualTo(path)).inScenario("busy").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withBody("<Error><Code>SlowDown</Code></Error>"))
                .willSetStateTo("calm"));
        S3.stubFor(put(urlEqualTo(path)).inScenario("busy").whenScenarioStateIs("calm")
                .willReturn(aResponse().withStatus(200)));
        try (S3BlobStore store = new S3BlobStore(BlobSettings.s3(S3.baseUrl(), "retry-bucket", "eu-west-1", "AKTEST",
                "secret"))) {
            store.put(key, new byte[] {1, 2, 3}).block(Duration.ofSeconds(30));
        }
        List<LoggedRequest> puts = S3.findAll(putRequestedFor(urlEqualTo(path)));
        assertThat(puts).hasSize(2);
        assertThat(puts.get(1).getHeader("amz-sdk-request")).isEqualTo("attempt=2; max=3");
    }

    @Test
    void aStoreThatKeepsFailingFailsThePutAfterMaxAttempts() {
        String key = "originals/" + "b2".repeat(32) + ".jpg";
        S3.stubFor(put(urlEqualTo("/down-bucket/" + key)).willReturn(aResponse().withStatus(500)));
        try (S3BlobStore store = new S3BlobStore(BlobSettings.s3(S3.baseUrl(), "down-bucket", "eu-west-1", "AKTEST",
                "secret").withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20), 2))) {
            assertThatThrownBy(() -> store.put(key, new byte[] {1}).block(Duration.ofSeconds(30)))
                    .isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(500));
        }
        assertThat(S3.findAll(putRequestedFor(urlEqualTo("/down-bucket/" + key)))).hasSize(2);
    }

    @Test
    void aStoreThatDoesNotAnswerInTimeFailsTheGetWithATimeoutInsteadOfHanging() {
        String key = "originals/" + "c3".repeat(32) + ".jpg";
        S3.stubFor(get(urlEqualTo("/slow-bucket/" + key))
                .willReturn(aResponse().withStatus(200).withBody(new byte[] {1}).withFixedDelay(5_000)));
        try (S3BlobStore store = new S3BlobStore(BlobSettings.s3(S3.baseUrl(), "slow-bucket", "eu-west-1", "AKTEST",
                "secret").withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(1), 2))) {
            // The SDK throws the timeout itself, or wraps the last attempt's in an SdkClientException when its retry
            // policy allows no further attempt (which of the two depends on which timer fires first).
            Throwable thrown = catchThrowable(() -> store.get(key).block(Duration.ofSeconds(30)));
            List<Throwable> chain = new ArrayList<>();
            for (Throwable t = thrown; t != null && !chain.contains(t); t = t.getCause()) {
                chain.add(t);
            }
            assertThat(chain).as("a timeout, not another failure: %s", thrown).isNotEmpty()
                    .anyMatch(t -> t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException);
        }
        // Each attempt gave up after its own timeout, then the call after its own: two attempts at most.
        assertThat(S3.findAll(getRequestedFor(urlEqualTo("/slow-bucket/" + key)))).hasSizeBetween(1, 2);
    }

    @Test
    void withoutStaticKeysTheSdksDefaultCredentialChainSignsTheRequests() {
        String key = "originals/" + "d4".repeat(32) + ".jpg";
        S3.stubFor(put(urlEqualTo("/chain-bucket/" + key)).willReturn(aResponse().withStatus(200)));
        // The chain's second source after the environment: the aws.* system properties.
        System.setProperty("aws.accessKeyId", "AKCHAIN");
        System.setProperty("aws.secretAccessKey", "chain-secret");
        try (S3BlobStore store = new S3BlobStore(BlobSettings.s3(S3.baseUrl(), "chain-bucket", "eu-west-1", null,
                null))) {
            store.put(key, new byte[] {4}).block(Duration.ofSeconds(30));
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
        assertThat(S3.findAll(putRequestedFor(urlEqualTo("/chain-bucket/" + key))))
                .singleElement()
                .satisfies(request -> assertThat(request.getHeader("Authorization"))
                        .startsWith("AWS4-HMAC-SHA256 Credential=AKCHAIN/"));
    }

    @Test
    void halfAStaticKeyIsRefusedAtStart() {
        assertThatThrownBy(() -> new S3BlobStore(BlobSettings.s3(S3.baseUrl(), "b", "eu-west-1", "AKTEST", "")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("access-key and secret-key go together");
    }
}
