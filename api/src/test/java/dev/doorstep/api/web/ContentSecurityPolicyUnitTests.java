package dev.doorstep.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContentSecurityPolicyUnitTests {

    @Test
    void inlineScriptsAndStylesAreAllowedByTheirHashAndNothingElseInline() {
        String html = "<style>p{color:red}</style><script src=\"/a.js\"></script><script>alert(1)</script>";
        String policy = new ContentSecurityPolicy().forPage(html);
        // sha256 of "alert(1)" and of "p{color:red}", as a browser computes them.
        assertThat(policy).contains("script-src 'self' 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='")
                .contains("style-src 'self' 'sha256-")
                .doesNotContain("unsafe-inline")
                .contains("object-src 'none'").contains("frame-ancestors 'none'");
    }

    @Test
    void aChangedInlineScriptGetsAnotherHash() {
        String one = new ContentSecurityPolicy().forPage("<script>const CONFIG = {\"a\":1};</script>");
        String two = new ContentSecurityPolicy().forPage("<script>const CONFIG = {\"a\":2};</script>");
        assertThat(one).isNotEqualTo(two);
    }

    @Test
    void tileTemplatesBecomeTheOriginsTheyLoadFrom() {
        assertThat(ContentSecurityPolicy.originOf("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"))
                .containsExactly("https://*.tile.openstreetmap.org");
        assertThat(ContentSecurityPolicy.originOf("http://localhost:8089/tiles/{z}/{x}/{y}.png"))
                .containsExactly("http://localhost:8089");
        assertThat(ContentSecurityPolicy.originOf("https://tiles{s}.example.org/{z}/{x}/{y}.png"))
                .containsExactly("https:");
        assertThat(ContentSecurityPolicy.originOf("")).isEmpty();
        assertThat(ContentSecurityPolicy.originOf("/relative/{z}.png")).isEmpty();
    }

    @Test
    void addedOriginsAppearInTheirDirective() {
        String policy = new ContentSecurityPolicy().images(List.of("https://*.tile.example.org"))
                .connections(List.of("https://issuer.example")).forPage("");
        assertThat(policy).contains("img-src 'self' data: blob: https://*.tile.example.org")
                .contains("connect-src 'self' https://issuer.example;");
    }
}
