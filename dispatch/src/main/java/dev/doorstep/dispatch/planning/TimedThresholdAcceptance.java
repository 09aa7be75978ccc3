package dev.doorstep.dispatch.planning;

import com.graphhopper.jsprit.core.algorithm.VehicleRoutingAlgorithm;
import com.graphhopper.jsprit.core.algorithm.acceptor.SolutionAcceptor;
import com.graphhopper.jsprit.core.algorithm.listener.AlgorithmStartsListener;
import com.graphhopper.jsprit.core.algorithm.listener.IterationStartsListener;
import com.graphhopper.jsprit.core.problem.VehicleRoutingProblem;
import com.graphhopper.jsprit.core.problem.solution.VehicleRoutingProblemSolution;
import com.graphhopper.jsprit.core.util.Solutions;
import java.util.Collection;
import java.util.function.LongSupplier;

/**
 * jsprit's Schrimpf threshold acceptance with the schedule running on the clock instead of the iteration count.
 * jsprit's own {@code SchrimpfAcceptance} lowers its threshold over {@code maxIterations}; a run bounded by time
 * has no iteration count (it is {@code Integer.MAX_VALUE}), so the threshold never fell and the search kept
 * accepting solutions 3 % worse to the end. Here the threshold is {@code initial * 2^(-(elapsed/budget)/alpha)},
 * (or over {@code maxIterations}, for comparisons that must not depend on the machine's load),
 * the initial one a share of the first solution's cost: a new solution is kept when it costs less than the
 * current one plus the threshold.
 */
final class TimedThresholdAcceptance implements SolutionAcceptor, IterationStartsListener, AlgorithmStartsListener {

    private final long budgetNanos;
    private final double initialShare;
    private final double alpha;
    private final LongSupplier clock;
    private final int maxIterations;
    private long startedNanos;
    private int iteration;
    private double initialThreshold;

    /** {@code maxIterations}: the schedule runs on whichever of time or iterations is further along. */
    TimedThresholdAcceptance(long budgetNanos, int maxIterations, double initialShare, double alpha, LongSupplier clock) {
        this.budgetNanos = Math.max(1, budgetNanos);
        this.maxIterations = Math.max(1, maxIterations);
        this.initialShare = initialShare;
        this.alpha = alpha;
        this.clock = clock;
        this.startedNanos = clock.getAsLong();
    }

    @Override
    public void informAlgorithmStarts(VehicleRoutingProblem problem, VehicleRoutingAlgorithm algorithm,
            Collection<VehicleRoutingProblemSolution> solutions) {
        startedNanos = clock.getAsLong();
    }

    @Override
    public void informIterationStarts(int iteration, VehicleRoutingProblem problem,
            Collection<VehicleRoutingProblemSolution> solutions) {
        this.iteration = iteration;
        if (iteration == 1 && !solutions.isEmpty()) {
            initialThreshold = Solutions.bestOf(solutions).getCost() * initialShare;
        }
    }

    double threshold() {
        double progress = Math.min(1.0, Math.max((double) (clock.getAsLong() - startedNanos) / budgetNanos,
                (double) iteration / maxIterations));
        return initialThreshold * Math.exp(-Math.log(2) * progress / alpha);
    }

    @Override
    public boolean acceptSolution(Collection<VehicleRoutingProblemSolution> solutions, VehicleRoutingProblemSolution candidate) {
        if (solutions.isEmpty()) {
            solutions.add(candidate);
            return true;
        }
        VehicleRoutingProblemSolution current = solutions.iterator().next();
        if (candidate.getCost() < current.getCost() + threshold()) {
            solutions.clear();
            solutions.add(candidate);
            return true;
        }
        return false;
    }
}
