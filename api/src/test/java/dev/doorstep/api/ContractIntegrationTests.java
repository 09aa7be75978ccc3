package dev.doorstep.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.Contract;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/** The served contract and the served handlers are the same set, in both directions. */
class ContractIntegrationTests extends ApiIntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @Test
    void everyHandlerIsInTheSpecAndEveryPathInTheSpecIsServed() {
        Set<String> served = new TreeSet<>();
        handlers.getHandlerMethods().forEach((info, method) -> {
            if (!method.getBeanType().getPackageName().startsWith("dev.doorstep")) {
                return;
            }
            for (String pattern : info.getPatternsCondition().getPatterns().stream().map(Object::toString).toList()) {
                info.getMethodsCondition().getMethods().forEach(m -> served.add(m.name() + " " + pattern));
            }
        });
        assertThat(served).isNotEmpty();
        assertThat(new TreeSet<>(Contract.get().operations())).isEqualTo(served);
    }

    @Test
    void theSpecIsServedAndSwaggerUiShowsIt() {
        http.get().uri("/openapi.yaml").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).startsWith("openapi: 3.1"));
        plainClient(port).get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
        plainClient(port).get().uri("/v3/api-docs/swagger-config").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.url").isEqualTo("/openapi.yaml");
    }

    @Test
    void unknownPathsAreNotFoundProblems() {
        http.get().uri("/v1/nowhere").headers(h -> h.setBearerAuth(opsToken())).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json");
    }
}
