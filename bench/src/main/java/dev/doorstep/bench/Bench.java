package dev.doorstep.bench;

import java.util.Arrays;

/** Entry point of {@code bench/run}: one benchmark per word. */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.out.println("usage: bench/run import [--url URL] [--batches N] [--batch-size N]\n"
                    + "       bench/run ingest [--url URL --redis redis://HOST:PORT] [--drivers N] [--batch N]"
                    + " [--seconds S] [--warmup S] [--in-flight N] [--mode json|osmand]");
            System.exit(2);
        }
        BenchOptions options = BenchOptions.parse(Arrays.copyOfRange(args, 1, args.length));
        switch (args[0]) {
            case "import" -> ManifestImportBench.run(options);
            case "ingest" -> IngestBench.run(options);
            default -> {
                System.err.println("unknown benchmark: " + args[0]);
                System.exit(2);
            }
        }
    }
}
