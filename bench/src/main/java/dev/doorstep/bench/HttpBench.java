package dev.doorstep.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code bench/run http}: the per-request cost of the app. A bare Reactor Netty server, a bare WebFlux handler
 * ({@link BareServer}) and the built app on its embedded servers, one after the other in the same run, each
 * loaded by the same client ({@link LoadClient}) at the same concurrency on {@code GET /actuator/health/liveness};
 * prints requests/s, p50 and p99 for each and the ratios of the app to each baseline.
 */
final class HttpBench {

    static final String PATH = "/actuator/health/liveness";

    private HttpBench() {
    }

    static void run(BenchOptions options) throws Exception {
        int connections = options.number("connections", 64);
        Duration warmup = Duration.ofSeconds(options.number("warmup", 5));
        Duration time = Duration.ofSeconds(options.number("seconds", 15));
        Measured netty = measureBare("netty", connections, warmup, time);
        Measured webFlux = measureBare("webflux", connections, warmup, time);
        Measured app;
        try (AppUnderTest under = AppUnderTest.at(options.text("url", null), Map.of())) {
            progress("app ready at " + under.url());
            app = measure(under.url(), connections, warmup, time, under::cpu);
        }
        System.out.printf(Locale.ROOT, "http: %d connections, GET %s; bare Reactor Netty %s; bare WebFlux %s; app %s; "
                + "ratio app/bare WebFlux %.2f%s, app/bare Reactor Netty %.2f%s%n",
                connections, PATH, netty.line(), webFlux.line(), app.line(),
                app.result().perSecond() / webFlux.result().perSecond(), cpuRatio(webFlux, app),
                app.result().perSecond() / netty.result().perSecond(), cpuRatio(netty, app));
    }

    /** One baseline ({@link BareServer}'s {@code --kind}) in a JVM of its own, measured, then stopped. */
    private static Measured measureBare(String kind, int connections, Duration warmup, Duration time)
            throws Exception {
        Process server = startBare(kind);
        try {
            String url = "http://127.0.0.1:" + portOf(server);
            return measure(url, connections, warmup, time, () -> server.info().totalCpuDuration().orElse(null));
        } finally {
            server.destroy();
            server.waitFor();
            progress("bare " + kind + " measured");
        }
    }

    private static String cpuRatio(Measured bare, Measured app) {
        return Double.isNaN(app.cpuMicros()) ? ""
                : String.format(Locale.ROOT, " (CPU per request bare/app %.2f)", bare.cpuMicros() / app.cpuMicros());
    }

    /** A run's figures and the server's CPU time per request (NaN when unknown). */
    private record Measured(LoadClient.Result result, double cpuMicros) {

        String line() {
            return String.format(Locale.ROOT, "%.0f req/s, p50 %.2f ms, p99 %.2f ms, errors %d, %.0f us CPU/request",
                    result.perSecond(), result.percentileMs(50), result.percentileMs(99), result.errors(), cpuMicros);
        }
    }

    private static Measured measure(String url, int connections, Duration warmup, Duration time,
            Supplier<Duration> serverCpu) {
        try (LoadClient client = new LoadClient(url, connections)) {
            LoadClient.Call call = LoadClient.Call.get(PATH);
            LoadClient.Check up = answer -> answer.status() == 200 && answer.body().contains("\"UP\"") ? 1 : -1;
            client.warmUp(warmup, LoadClient.MIN_WARMUP, lane -> call, up);
            Duration before = serverCpu.get();
            LoadClient.Result result = client.run(time, lane -> call, up);
            Duration after = serverCpu.get();
            // On a shared machine the CPU a request costs the server says more than requests/s.
            double cpu = before == null || after == null ? Double.NaN
                    : after.minus(before).toNanos() / 1000.0 / (result.ok() + result.errors());
            return new Measured(result, cpu);
        }
    }

    /** The bare server in a JVM of its own, as the app has one: {@code java -jar <bench jar> bare-server}. */
    private static Process startBare(String kind) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path jar = Path.of("bench/target/doorstep-bench.jar"); // bench/run works from the repository's root
        return new ProcessBuilder(java, "-jar", jar.toString(), "bare-server", "--kind", kind,
                "--port", "0")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static int portOf(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("listening on ")) {
            throw new IllegalStateException("the bare server did not start: " + line);
        }
        return Integer.parseInt(line.substring("listening on ".length()).trim());
    }

    static void progress(String step) {
        System.err.println(java.time.LocalTime.now().withNano(0) + " " + step);
    }
}
