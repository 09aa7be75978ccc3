package dev.doorstep.api.web;

import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Tracing is off unless {@code management.tracing.enabled} is true (DOORSTEP_TRACING_ENABLED). Spring Boot 4 no
 * longer reads that property: its tracing auto-configuration started a span, read the W3C headers and ran the
 * tracing handlers on every request with tracing "off" (only the export had a switch of its own). Off, this filter
 * leaves the tracing auto-configurations out, Boot's no-op tracer stands in, and a request pays nothing for tracing;
 * nor does a Redis command: Lettuce's observation (a span and a timer per Redis command) goes too.
 * A filter of the auto-configuration imports (not an environment post-processor) so that it also sees properties a
 * test adds to the environment after start-up began.
 */
public class TracingSwitch implements AutoConfigurationImportFilter, EnvironmentAware {

    public static final String PROPERTY = "management.tracing.enabled";
    static final Set<String> TRACING_AUTO_CONFIGURATIONS = Set.of(
            "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.autoconfigure.prometheus.PrometheusExemplarsAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration");

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean on = environment.getProperty(PROPERTY, Boolean.class, false);
        boolean[] kept = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < kept.length; i++) {
            // An entry an earlier filter already left out is null.
            String name = autoConfigurationClasses[i];
            kept[i] = on || name == null || !TRACING_AUTO_CONFIGURATIONS.contains(name);
        }
        return kept;
    }
}
