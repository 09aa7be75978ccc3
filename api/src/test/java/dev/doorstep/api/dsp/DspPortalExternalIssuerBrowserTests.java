package dev.doorstep.api.dsp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.Browser;
import dev.doorstep.api.support.PlanningFixture;
import dev.doorstep.api.support.SecondNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Production sign-in: an app node trusting an external issuer (WireMock playing its discovery, JWKS, authorize
 * and token endpoints) and the portal signing the dispatcher in with the authorization code flow and PKCE.
 */
class DspPortalExternalIssuerBrowserTests extends ApiIntegrationTest {

    private static final WireMockServer ISSUER = new WireMockServer(options().dynamicPort());
    private static final RSAKey KEY = key();

    static {
        ISSUER.start();
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.stop();
    }

    /** Also: while the issuer is down the page says so, and it offers the sign-in once the issuer answers. */
    @Test
    void aDispatcherSignsInAtTheIssuerWithPkceAndLandsOnItsRoutes() {
        String ops = opsToken();
        String station = createStation(ops);
        String dsp = createDsp(ops);
        PlanningFixture fixture = new PlanningFixture(http, ops);
        Map<?, ?> plan = fixture.readyPlan(station, 12, 10, 3);
        fixture.publish((String) plan.get("id"), Map.of(dsp, PlanningFixture.routeIds(plan).size()));
        ISSUER.resetAll();

        try (SecondNode node = SecondNode.start(port, "--spring.main.sources=" + OwnNettyResources.class.getName(),
                "--doorstep.security.issuer-uri=" + ISSUER.baseUrl(),
                "--doorstep.api.portal.issuer-name=Acme ID", "--doorstep.api.portal.client-id=portal-client");
                Browser browser = Browser.desktop()) {
            String base = "http://localhost:" + node.port();
            browser.open(base + "/dsp#today?date=" + PlanningFixture.DAY);
            browser.awaitText(By.cssSelector(".signin .error"), t -> t.contains("cannot be reached"));
            browser.screenshot("dsp-portal-external-00-issuer-down");

            issuerSignsInADispatcherOf(dsp);
            browser.driver().navigate().refresh();
            browser.awaitText(By.id("sign-in-external"), "Sign in with Acme ID"::equals);
            browser.screenshot("dsp-portal-external-01-sign-in");
            browser.driver().findElement(By.id("sign-in-external")).click();

            List<String> shown = browser.await(Duration.ofSeconds(15), d -> {
                List<WebElement> rows = d.findElements(By.cssSelector("#routes tbody tr[data-route-id]"));
                return rows.isEmpty() ? null : rows.stream().map(r -> r.getAttribute("data-route-id")).toList();
            });
            assertThat(shown).containsExactlyInAnyOrderElementsOf(PlanningFixture.routeIds(plan));
            assertThat(browser.driver().getCurrentUrl()).isEqualTo(base + "/dsp#today?date=" + PlanningFixture.DAY);
            browser.screenshot("dsp-portal-external-02-today");
            assertThat(browser.consoleErrors()).isEmpty();
            assertThat(browser.driver().findElement(By.id("who")).getText()).startsWith("Erin External");
        }

        LoggedRequest authorize = ISSUER.findAll(getRequestedFor(urlPathEqualTo("/authorize"))).get(0);
        LoggedRequest token = ISSUER.findAll(postRequestedFor(urlEqualTo("/token"))).get(0);
        Map<String, String> form = form(token.getBodyAsString());
        assertThat(authorize.queryParameter("response_type").firstValue()).isEqualTo("code");
        assertThat(authorize.queryParameter("client_id").firstValue()).isEqualTo("portal-client");
        assertThat(authorize.queryParameter("code_challenge_method").firstValue()).isEqualTo("S256");
        assertThat(form).containsEntry("grant_type", "authorization_code").containsEntry("code", "code-4711")
                .containsEntry("client_id", "portal-client")
                .containsEntry("redirect_uri", authorize.queryParameter("redirect_uri").firstValue());
        assertThat(URI.create(form.get("redirect_uri")).getPath()).isEqualTo("/dsp/callback");
        assertThat(s256(form.get("code_verifier"))).isEqualTo(authorize.queryParameter("code_challenge").firstValue());
    }

    /** Discovery, JWKS, an authorize endpoint that signs anyone in at once, and a token for a dispatcher of dsp. */
    private void issuerSignsInADispatcherOf(String dsp) {
        String base = ISSUER.baseUrl();
        ISSUER.stubFor(get(urlEqualTo("/.well-known/openid-configuration")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"issuer\":\"" + base + "\",\"jwks_uri\":\"" + base + "/keys\","
                        + "\"authorization_endpoint\":\"" + base + "/authorize\",\"token_endpoint\":\"" + base
                        + "/token\",\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                        + "\"code_challenge_methods_supported\":[\"S256\"],"
                        + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}")));
        ISSUER.stubFor(get(urlEqualTo("/keys")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(new JWKSet(KEY.toPublicJWK()).toString())));
        // Back to the client's redirect_uri with a code and the very state it sent (response templating).
        ISSUER.stubFor(get(urlPathEqualTo("/authorize")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "{{request.query.redirect_uri}}?code=code-4711&state={{request.query.state}}")
                .withTransformers("response-template")));
        // A browser client reads the answer across origins, as a real issuer allows its SPA clients to.
        ISSUER.stubFor(post(urlEqualTo("/token")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withHeader("Access-Control-Allow-Origin", "*")
                .withHeader("Cache-Control", "no-store")
                .withBody("{\"access_token\":\"" + dispatcherToken(dsp, base)
                        + "\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
    }

    private static String dispatcherToken(String dsp, String issuer) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("disp-ext-1").issuer(issuer).audience("doorstep")
                .issueTime(Date.from(now.minusSeconds(5))).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("roles", List.of("DISPATCHER")).claim("dsp", dsp).claim("name", "Erin External").build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(KEY));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey key() {
        try {
            return new RSAKeyGenerator(2048).keyID("issuer-key").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static String s256(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
