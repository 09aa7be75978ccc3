package dev.doorstep.api.dsp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class DspPortalPageIntegrationTests extends ApiIntegrationTest {

    @Test
    void thePortalIsPublicUncachedAndSignsInAtTheLocalIssuerByDefault() {
        for (String path : new String[] {"/dsp", "/dsp/callback"}) {
            String page = http.get().uri(path).accept(MediaType.TEXT_HTML).exchange()
                    .expectStatus().isOk()
                    .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
                    .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(page).contains("\"issuer\":\"local\"").contains("/dsp/app.js")
                    .doesNotContain("/*CONFIG*/").doesNotContain("authorizationEndpoint");
        }
    }

    @Test
    void theLandingPageLinksThePortalTheDriverAppAndTheApiDocumentation() {
        String page = plainClient(port).get().uri("/").accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("href=\"/dsp\"", "href=\"/driver\"", "href=\"/swagger-ui.html\"");
        plainClient(port).get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }

    @Test
    void thePortalsAddressWithASlashLeadsToThePortalNotToA404() {
        plainClient(port).get().uri("/dsp/").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isPermanentRedirect().expectHeader().location("/dsp");
    }

    @Test
    void itsScriptsAndTheMapLibraryAreServedWithoutAToken() {
        for (String asset : new String[] {"/dsp/app.js", "/dsp/api.js", "/dsp/profile.js", "/dsp/portal.css",
                "/webjars/leaflet/1.9.4/dist/leaflet.js"}) {
            plainClient(port).get().uri(asset).exchange().expectStatus().isOk();
        }
    }
}
