package dev.doorstep.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.Browser;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;

/** Swagger UI renders the contract under its Content-Security-Policy (the default plus inline styles). */
class SwaggerUiBrowserTests extends ApiIntegrationTest {

    @Test
    void swaggerUiShowsTheContractsOperationsWithoutAContentSecurityPolicyViolation() {
        plainClient(port).get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk()
                .expectHeader().valueEquals(ContentSecurityPolicy.HEADER, ContentSecurityPolicyFilter.SWAGGER_UI_POLICY);
        plainClient(port).get().uri("/openapi.yaml").exchange().expectStatus().isOk()
                .expectHeader().valueEquals(ContentSecurityPolicy.HEADER, ContentSecurityPolicy.DEFAULT);
        try (Browser browser = Browser.desktop()) {
            browser.open("http://localhost:" + port + "/swagger-ui.html");
            try {
                browser.await(Duration.ofSeconds(20), d -> d.findElements(By.cssSelector(".opblock")).size() > 10);
            } catch (TimeoutException e) {
                browser.screenshot("swagger-ui-timeout");
                throw new AssertionError("no operations shown; CSP violations " + browser.cspViolations()
                        + ", console " + browser.consoleErrors(), e);
            }
            browser.screenshot("swagger-ui");
            assertThat(browser.cspViolations()).isEmpty();
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }
}
