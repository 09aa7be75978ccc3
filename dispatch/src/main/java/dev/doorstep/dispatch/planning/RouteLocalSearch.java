package dev.doorstep.dispatch.planning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A local search over whole routes for a capacitated VRP with time windows (no breaks, no other rules): relocate
 * of one to three consecutive visits, swap of two visits, 2-opt* (the tails of two routes exchanged) and 2-opt
 * inside a route, each move tried between a visit and its nearest neighbours and made at the first improvement,
 * until none improves. A move is only made when both changed routes keep every window, the capacity and the
 * shift: a feasible solution stays feasible. The cost is the travel time of each route on its kind's matrix plus
 * {@code routeCost} for each route with visits, as in jsprit's objective.
 *
 * <p>Nodes are the matrix indices: 0 the depot, visit {@code i} is node {@code i + 1}, {@code end} where routes
 * end (0 or the last index).
 */
final class RouteLocalSearch {

    private static final double EPSILON = 1e-7;
    private static final int NEIGHBOURS = 25;

    private final int size;
    private final double[][] seconds;
    private final int end;
    private final double[] service;
    private final double[] from;
    private final double[] to;
    private final int[][] demand;
    private final int[][] capacity;
    private final double[] shiftStart;
    private final double[] shiftEnd;
    private final double routeCost;
    private final int[][] neighbours;
    private final Random random;

    private int[][] routes;
    private int[] kinds;
    private int[] routeOf;
    private int[] positionOf;
    private long moves;

    RouteLocalSearch(VrpProblem problem, double[][] seconds, int size, int end, long seed) {
        this.size = size;
        this.seconds = seconds;
        this.end = end;
        int visits = problem.visits().size();
        this.service = new double[size];
        this.from = new double[size];
        this.to = new double[size];
        this.demand = new int[size][];
        int dimensions = problem.kinds().get(0).capacity().length;
        Arrays.fill(from, Double.NEGATIVE_INFINITY);
        Arrays.fill(to, Double.POSITIVE_INFINITY);
        Arrays.fill(demand, new int[dimensions]);
        for (int i = 0; i < visits; i++) {
            VrpVisit visit = problem.visits().get(i);
            service[i + 1] = visit.serviceSeconds();
            from[i + 1] = visit.windowFrom();
            to[i + 1] = visit.windowTo();
            demand[i + 1] = visit.size();
        }
        int kindCount = problem.kinds().size();
        this.capacity = new int[kindCount][];
        this.shiftStart = new double[kindCount];
        this.shiftEnd = new double[kindCount];
        for (int k = 0; k < kindCount; k++) {
            capacity[k] = problem.kinds().get(k).capacity();
            shiftStart[k] = problem.kinds().get(k).shiftStart();
            shiftEnd[k] = problem.kinds().get(k).shiftEnd();
        }
        this.routeCost = problem.routeCost();
        this.neighbours = new int[size][];
        for (int u = 1; u <= visits; u++) {
            Integer[] others = new Integer[visits - 1];
            int n = 0;
            for (int v = 1; v <= visits; v++) {
                if (v != u) {
                    others[n++] = v;
                }
            }
            final int node = u;
            // Nearest by travel both ways on the first kind: a neighbour is a node worth an edge to or from.
            Arrays.sort(others, (a, b) -> Double.compare(near(node, a), near(node, b)));
            int k = Math.min(NEIGHBOURS, others.length);
            neighbours[u] = new int[k];
            for (int i = 0; i < k; i++) {
                neighbours[u][i] = others[i];
            }
        }
        this.random = new Random(seed);
    }

    private double near(int u, int v) {
        return Math.min(seconds[0][u * size + v], seconds[0][v * size + u]);
    }

    /** Moves made so far (for tests and the bench). */
    long moves() {
        return moves;
    }

    /**
     * Improves the routes (nodes in visiting order; {@code kinds[r]} the kind of route r) until no move improves.
     * Returns the routes in the same order (some may have become empty); the arguments are not changed.
     */
    int[][] improve(int[] routeKinds, int[][] start) {
        this.kinds = routeKinds.clone();
        this.routes = new int[start.length][];
        this.routeOf = new int[size];
        this.positionOf = new int[size];
        Arrays.fill(routeOf, -1);
        for (int r = 0; r < start.length; r++) {
            routes[r] = start[r].clone();
            index(r);
        }
        List<Integer> order = new ArrayList<>();
        for (int[] route : routes) {
            for (int node : route) {
                order.add(node);
            }
        }
        boolean improved = true;
        while (improved) {
            improved = false;
            java.util.Collections.shuffle(order, random);
            for (int u : order) {
                for (int v : neighbours[u]) {
                    if (routeOf[v] < 0 || routeOf[u] < 0) {
                        continue;
                    }
                    if (tryMoves(u, v)) {
                        improved = true;
                        moves++;
                        break;
                    }
                }
            }
        }
        return routes;
    }

    private void index(int r) {
        for (int i = 0; i < routes[r].length; i++) {
            routeOf[routes[r][i]] = r;
            positionOf[routes[r][i]] = i;
        }
    }

    private boolean tryMoves(int u, int v) {
        int a = routeOf[u];
        int b = routeOf[v];
        int i = positionOf[u];
        int j = positionOf[v];
        int[] ra = routes[a];
        int[] rb = routes[b];
        if (a != b) {
            int ka = kinds[a];
            int kb = kinds[b];
            int pu = i == 0 ? 0 : ra[i - 1];
            int nu = i + 1 == ra.length ? end : ra[i + 1];
            int pv = j == 0 ? 0 : rb[j - 1];
            int nv = j + 1 == rb.length ? end : rb[j + 1];
            // relocate u (and the one or two after it) to just after v, or to just before v. The estimates
            // (changed edges only) filter; apply() decides on the exact costs.
            for (int length = 1; length <= 3 && i + length <= ra.length; length++) {
                int last = ra[i + length - 1];
                int next = i + length == ra.length ? end : ra[i + length];
                boolean empties = length == ra.length;
                double removed = d(ka, pu, next) - d(ka, pu, u) - d(ka, last, next);
                double afterV = removed + d(kb, v, u) + d(kb, last, nv) - d(kb, v, nv);
                double beforeV = removed + d(kb, pv, u) + d(kb, last, v) - d(kb, pv, v);
                if (!empties && afterV >= -EPSILON && beforeV >= -EPSILON) {
                    continue;
                }
                int[] rest = cut(ra, i, length);
                int[] segment = Arrays.copyOfRange(ra, i, i + length);
                if ((empties || afterV < -EPSILON) && apply(a, rest, b, insert(rb, j + 1, segment))) {
                    return true;
                }
                if ((empties || beforeV < -EPSILON) && apply(a, rest, b, insert(rb, j, segment))) {
                    return true;
                }
            }
            // swap u and v
            double swap = d(ka, pu, v) + d(ka, v, nu) - d(ka, pu, u) - d(ka, u, nu)
                    + d(kb, pv, u) + d(kb, u, nv) - d(kb, pv, v) - d(kb, v, nv);
            if (swap < -EPSILON) {
                int[] na = ra.clone();
                int[] nb = rb.clone();
                na[i] = v;
                nb[j] = u;
                if (apply(a, na, b, nb)) {
                    return true;
                }
            }
            // 2-opt*: the edge u -> v, tails exchanged
            boolean emptiesB = j == 0 && i + 1 == ra.length;
            if ((emptiesB || d(ka, u, v) + d(kb, pv, nu) - d(ka, u, nu) - d(kb, pv, v) < -EPSILON)
                    && apply(a, concat(ra, 0, i + 1, rb, j, rb.length), b, concat(rb, 0, j, ra, i + 1, ra.length))) {
                return true;
            }
            // 2-opt*: the edge v -> u
            boolean emptiesA = i == 0 && j + 1 == rb.length;
            return (emptiesA || d(kb, v, u) + d(ka, pu, nv) - d(ka, pu, u) - d(kb, v, nv) < -EPSILON)
                    && apply(a, concat(ra, 0, i, rb, j + 1, rb.length), b, concat(rb, 0, j + 1, ra, i, ra.length));
        }
        // the same route: relocate u (and the one or two after it) after v or before v, 2-opt making the edge u -> v
        for (int length = 1; length <= 3 && i + length <= ra.length; length++) {
            if (j >= i && j < i + length) {
                break;
            }
            int[] rest = cut(ra, i, length);
            int at = j < i ? j : j - length;
            int[] segment = Arrays.copyOfRange(ra, i, i + length);
            if (apply(a, insert(rest, at + 1, segment), -1, null) || apply(a, insert(rest, at, segment), -1, null)) {
                return true;
            }
        }
        if (i < j) {
            int[] reversed = ra.clone();
            for (int x = i + 1, y = j; x < y; x++, y--) {
                int t = reversed[x];
                reversed[x] = reversed[y];
                reversed[y] = t;
            }
            return apply(a, reversed, -1, null);
        }
        return false;
    }

    /** Makes the change when it costs less and both routes stay feasible. */
    private boolean apply(int a, int[] na, int b, int[] nb) {
        double before = cost(kinds[a], routes[a]) + (b >= 0 ? cost(kinds[b], routes[b]) : 0);
        double after = cost(kinds[a], na) + (b >= 0 ? cost(kinds[b], nb) : 0);
        if (after >= before - EPSILON) {
            return false;
        }
        if (!feasible(kinds[a], na) || (b >= 0 && !feasible(kinds[b], nb))) {
            return false;
        }
        routes[a] = na;
        index(a);
        if (b >= 0) {
            routes[b] = nb;
            index(b);
        }
        return true;
    }

    private double d(int kind, int from, int to) {
        return seconds[kind][from * size + to];
    }

    double cost(int kind, int[] route) {
        if (route.length == 0) {
            return 0;
        }
        double[] matrix = seconds[kind];
        double total = routeCost;
        int previous = 0;
        for (int node : route) {
            total += matrix[previous * size + node];
            previous = node;
        }
        return total + matrix[previous * size + end];
    }

    /** jsprit's rules: a visit starts by its window's end, the vehicle is back by the shift's end, capacity. */
    boolean feasible(int kind, int[] route) {
        if (route.length == 0) {
            return true;
        }
        double[] matrix = seconds[kind];
        int[] load = new int[capacity[kind].length];
        double time = shiftStart[kind];
        int previous = 0;
        for (int node : route) {
            time += matrix[previous * size + node];
            if (time > to[node]) {
                return false;
            }
            time = Math.max(time, from[node]) + service[node];
            for (int d = 0; d < load.length; d++) {
                load[d] += demand[node][d];
                if (load[d] > capacity[kind][d]) {
                    return false;
                }
            }
            previous = node;
        }
        return time + matrix[previous * size + end] <= shiftEnd[kind];
    }

    private static int[] cut(int[] route, int at, int length) {
        int[] out = new int[route.length - length];
        System.arraycopy(route, 0, out, 0, at);
        System.arraycopy(route, at + length, out, at, route.length - at - length);
        return out;
    }

    private static int[] insert(int[] route, int at, int[] segment) {
        int[] out = new int[route.length + segment.length];
        System.arraycopy(route, 0, out, 0, at);
        System.arraycopy(segment, 0, out, at, segment.length);
        System.arraycopy(route, at, out, at + segment.length, route.length - at);
        return out;
    }

    private static int[] concat(int[] x, int x0, int x1, int[] y, int y0, int y1) {
        int[] out = new int[(x1 - x0) + (y1 - y0)];
        System.arraycopy(x, x0, out, 0, x1 - x0);
        System.arraycopy(y, y0, out, x1 - x0, y1 - y0);
        return out;
    }
}
