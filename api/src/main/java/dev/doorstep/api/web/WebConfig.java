package dev.doorstep.api.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/** Codec limits: a JSON body larger than this is refused with 413 before it fills memory. */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebFluxConfigurer {

    /** Room for a 5,000-package manifest with long addresses. */
    static final int MAX_JSON_BODY_BYTES = 8 * 1024 * 1024;

    @Override
    public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
        configurer.defaultCodecs().maxInMemorySize(MAX_JSON_BODY_BYTES);
    }
}
