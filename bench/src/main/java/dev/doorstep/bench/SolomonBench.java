package dev.doorstep.bench;

import dev.doorstep.dispatch.planning.VrpRoute;
import dev.doorstep.dispatch.planning.VrpSolution;
import dev.doorstep.dispatch.planning.VrpSolver;
import dev.doorstep.dispatch.planning.VrpStop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code solomon <file>} and {@code solomon-all}: the planner core on the 56 Solomon VRPTW instances. */
final class SolomonBench {

    private static final double ROUTE_COST_FOR_ROUTES_FIRST = 10_000;

    private final Duration budget;
    private final double routeCost;
    private final VrpSolver solver;
    private final String engine;
    private final String metaheuristic;
    /** A seed for a random rotation, reflection and renumbering of every instance; null for the file as is. */
    private final Long symmetry;

    private SolomonBench(BenchOptions options) {
        this.budget = Duration.ofMillis(Math.round(Double.parseDouble(options.text("seconds", "5")) * 1000));
        this.routeCost = "routes".equals(options.text("objective", "distance")) ? ROUTE_COST_FOR_ROUTES_FIRST : 0;
        this.solver = new VrpSolver(Integer.MAX_VALUE, options.number("threads", Runtime.getRuntime().availableProcessors()));
        this.engine = options.text("engine", "jsprit");
        this.metaheuristic = options.text("metaheuristic", "GUIDED_LOCAL_SEARCH");
        this.symmetry = options.values().containsKey("symmetry") ? Long.valueOf(options.text("symmetry", "0")) : null;
        if (options.values().containsKey("jsprit")) {
            System.setProperty("doorstep.planner.jsprit", options.text("jsprit", ""));
        }
    }

    record Result(SolomonInstance instance, List<List<Integer>> routes, double seconds) {

        double distance() {
            return instance.length(routes);
        }

        String json() {
            String routeList = routes.stream()
                    .map(r -> r.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]")))
                    .collect(Collectors.joining(", ", "[", "]"));
            return String.format(Locale.ROOT, "{\"instance\": \"%s\", \"vehicles\": %d, \"distance\": %.2f, \"routes\": %s}",
                    instance.name(), routes.size(), distance(), routeList);
        }
    }

    static void runOne(String file, BenchOptions options) throws Exception {
        Result result = new SolomonBench(options).solve(resolve(file, options));
        String violation = result.instance().violation(result.routes());
        if (violation != null) {
            System.err.println("INFEASIBLE: " + violation);
        }
        System.out.println(result.json());
        if (violation != null) {
            System.exit(1);
        }
    }

    static void runAll(BenchOptions options) throws Exception {
        Path dir = Path.of(options.text("dir", defaultDir(options)));
        JsonNode bks = JsonMapper.builder().build().readTree(dir.resolve("BKS.json").toFile());
        String only = options.text("only", ".*");
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.toString().endsWith(".txt"))
                    .filter(p -> p.getFileName().toString().replace(".txt", "").matches(only)).sorted().toList();
        }
        SolomonBench bench = new SolomonBench(options);
        System.out.printf(Locale.ROOT, "engine %s, %s s each, %d threads, set %s, symmetry %s; load average %s%n",
                bench.engine, options.text("seconds", "5"), options.number("threads",
                        Runtime.getRuntime().availableProcessors()), options.text("set", "solomon"),
                bench.symmetry == null ? "none" : bench.symmetry, loadAverage());
        System.out.printf("%-7s %4s %9s | %4s %9s %7s | %4s %9s %7s | %-8s %5s%n", "inst", "veh", "distance",
                "veh", "BKS", "gap", "veh", "BKS dist", "gap", "feasible", "s");
        List<double[]> gaps = new ArrayList<>();
        int infeasible = 0;
        for (Path file : files) {
            Result r = bench.solve(file);
            JsonNode usual = bks.get(r.instance().name());
            // Gehring-Homberger instances have no distance-objective best-known: the usual one stands in.
            JsonNode byDistance = bks.has(r.instance().name() + "_distance")
                    ? bks.get(r.instance().name() + "_distance") : usual;
            double gap = gap(r.distance(), usual);
            double distanceGap = gap(r.distance(), byDistance);
            String violation = r.instance().violation(r.routes());
            infeasible += violation == null ? 0 : 1;
            gaps.add(new double[] {gap, distanceGap, r.routes().size() - usual.get("solved_with_vehicles").asInt(), r.seconds()});
            System.out.printf(Locale.ROOT, "%-7s %4d %9.2f | %4d %9.2f %6.2f%% | %4d %9.2f %6.2f%% | %-8s %5.1f%n",
                    r.instance().name(), r.routes().size(), r.distance(),
                    usual.get("solved_with_vehicles").asInt(), usual.get("best_known_cost").asDouble(), gap,
                    byDistance.get("solved_with_vehicles").asInt(), byDistance.get("best_known_cost").asDouble(),
                    distanceGap, violation == null ? "yes" : "NO " + violation, r.seconds());
        }
        System.out.printf(Locale.ROOT, "average over %d: distance gap to BKS %.2f%%, to BKS _distance %.2f%%, "
                        + "vehicles over BKS %.2f, %.1f s each, infeasible %d; load average %s%n", gaps.size(),
                average(gaps, 0), average(gaps, 1), average(gaps, 2), average(gaps, 3), infeasible, loadAverage());
    }

    private static String defaultDir(BenchOptions options) {
        return switch (options.text("set", "solomon")) {
            case "solomon" -> "../shared/data/vrptw/solomon";
            case "gh200" -> "bench/vrptw/gh200";
            default -> throw new IllegalArgumentException("--set solomon or gh200");
        };
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static double gap(double distance, JsonNode best) {
        double known = best.get("best_known_cost").asDouble();
        return 100 * (distance - known) / known;
    }

    private static double average(List<double[]> rows, int column) {
        return rows.stream().mapToDouble(r -> r[column]).average().orElse(0);
    }

    private static Path resolve(String file, BenchOptions options) {
        Path path = Path.of(file);
        if (Files.exists(path)) {
            return path;
        }
        return Path.of(options.text("dir", defaultDir(options))).resolve(path.getFileName());
    }

    private Result solve(Path file) throws Exception {
        SolomonInstance read = SolomonInstance.read(file);
        SolomonInstance instance = symmetry == null ? read : read.shuffled(symmetry * 1_000_003L + read.name().hashCode());
        long started = System.nanoTime();
        List<List<Integer>> routes = new ArrayList<>();
        if (engine.equals("ortools")) {
            routes.addAll(OrToolsVrptw.solve(instance, budget, metaheuristic));
        } else {
            VrpSolution solution = solver.solve(instance.problem(routeCost), SolomonInstance::euclidean, budget);
            for (VrpRoute route : solution.routes()) {
                routes.add(route.stops().stream().map(VrpStop::visitId).map(Integer::valueOf).toList());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(instance, routes, seconds);
    }
}
