package dev.doorstep.bench;

import java.util.Arrays;

/** Entry point of {@code bench/run}: one benchmark per word. */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.out.println("usage: bench/run import [--url URL] [--batches N] [--batch-size N]\n"
                    + "       bench/run solomon <instance.txt> [--seconds S] [--objective distance|routes]\n"
                    + "       bench/run solomon-all [--seconds S] [--objective distance|routes] [--set solomon|gh200] [--dir DIR]"
                    + " [--symmetry SEED] [--engine jsprit|ortools] [--only REGEX] [--jsprit key=value,...]\n"
                    + "       bench/run plan-scale [--stops N] [--packages N] [--seconds S] [--plans N]\n"
                    + "       bench/run replan [--stops N] [--percent P] [--runs R] [--seconds S] [--move-seconds M]\n"
                    + "       bench/run ingest [--url URL --redis redis://HOST:PORT] [--drivers N] [--batch N]"
                    + " [--seconds S] [--warmup S] [--in-flight N] [--mode json|osmand]\n"
                    + "       bench/run http [--connections N] [--seconds S] [--warmup S] [--url URL]\n"
                    + "       bench/run notify [--mode outbox|api] [--events N] [--rate N] [--parallel N] [--stub-requests N] [--stub-concurrency N]\n"
                    + "       bench/run eta [--stops N] [--routes N] [--seed N]\n"
                    + "       bench/run day [--drivers N] [--speed K] [--minutes M] [--url URL]\n"
                    + "       bench/run track [--links N] [--concurrency N] [--addresses N] [--seconds S] [--warmup S]\n"
                    + "       bench/run viewers [--viewers N] [--protocol h2c|http1.1] [--streams-per-connection N]"
                    + " [--tracking-share F] [--links N] [--drivers N] [--seconds N]");
            System.exit(2);
        }
        boolean positional = args[0].equals("solomon") && args.length > 1;
        BenchOptions options = BenchOptions.parse(Arrays.copyOfRange(args, positional ? 2 : 1, args.length));
        switch (args[0]) {
            case "import" -> ManifestImportBench.run(options);
            case "solomon" -> SolomonBench.runOne(args[1], options);
            case "solomon-all" -> SolomonBench.runAll(options);
            case "plan-scale" -> PlanScaleBench.run(options);
            case "replan" -> ReplanBench.run(options);
            case "ingest" -> IngestBench.run(options);
            case "http" -> HttpBench.run(options);
            case "bare-server" -> BareServer.run(options);
            case "notify" -> NotifyBench.run(options);
            case "eta" -> EtaBench.run(options);
            case "day" -> DayBench.run(options);
            case "track" -> TrackBench.run(options);
            case "viewers" -> ViewersBench.run(options);
            default -> {
                System.err.println("unknown benchmark: " + args[0]);
                System.exit(2);
            }
        }
    }
}
