package dev.doorstep.bench;

import dev.doorstep.dispatch.planning.Point;
import dev.doorstep.dispatch.planning.TravelMatrix;
import dev.doorstep.dispatch.planning.VrpProblem;
import dev.doorstep.dispatch.planning.VrpVehicleKind;
import dev.doorstep.dispatch.planning.VrpVisit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** A Solomon VRPTW instance: customer 0 is the depot, travel time equals Euclidean distance. */
record SolomonInstance(String name, int vehicles, int capacity, List<double[]> rows) {

    static final int X = 1;
    static final int Y = 2;
    static final int DEMAND = 3;
    static final int READY = 4;
    static final int DUE = 5;
    static final int SERVICE = 6;

    static SolomonInstance read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int vehicles = 0;
        int capacity = 0;
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 2 && fields[0].matches("\\d+") && vehicles == 0) {
                vehicles = Integer.parseInt(fields[0]);
                capacity = Integer.parseInt(fields[1]);
            } else if (fields.length == 7 && fields[0].matches("\\d+")) {
                double[] row = new double[7];
                for (int i = 0; i < 7; i++) {
                    row[i] = Double.parseDouble(fields[i]);
                }
                rows.add(row);
            }
        }
        return new SolomonInstance(lines.get(0).trim(), vehicles, capacity, rows);
    }

    /**
     * The same instance under a random rigid motion (a rotation about the depot and, one time in two, a
     * reflection) and a random renumbering of the customers: every distance, demand and window is kept, so the
     * best-known solution is the same, but nothing a solver might key on (order, orientation) is.
     */
    SolomonInstance shuffled(long seed) {
        Random random = new Random(seed);
        double angle = random.nextDouble() * 2 * Math.PI;
        boolean reflect = random.nextBoolean();
        List<Integer> order = new ArrayList<>();
        for (int c = 1; c < rows.size(); c++) {
            order.add(c);
        }
        Collections.shuffle(order, random);
        double[] depot = rows.get(0);
        List<double[]> moved = new ArrayList<>();
        moved.add(moved(depot, depot, angle, reflect, 0));
        for (int i = 0; i < order.size(); i++) {
            moved.add(moved(rows.get(order.get(i)), depot, angle, reflect, i + 1));
        }
        return new SolomonInstance(name, vehicles, capacity, moved);
    }

    private static double[] moved(double[] row, double[] depot, double angle, boolean reflect, int number) {
        double dx = row[X] - depot[X];
        double dy = reflect ? depot[Y] - row[Y] : row[Y] - depot[Y];
        double[] copy = row.clone();
        copy[0] = number;
        copy[X] = depot[X] + dx * Math.cos(angle) - dy * Math.sin(angle);
        copy[Y] = depot[Y] + dx * Math.sin(angle) + dy * Math.cos(angle);
        return copy;
    }

    int customers() {
        return rows.size() - 1;
    }

    double distance(int a, int b) {
        return Math.hypot(rows.get(a)[X] - rows.get(b)[X], rows.get(a)[Y] - rows.get(b)[Y]);
    }

    VrpProblem problem(double routeCost) {
        List<VrpVisit> visits = new ArrayList<>();
        for (int c = 1; c < rows.size(); c++) {
            double[] row = rows.get(c);
            visits.add(new VrpVisit(String.valueOf(c), new Point(row[X], row[Y]), new int[] {(int) row[DEMAND]},
                    row[SERVICE], row[READY], row[DUE]));
        }
        double[] depot = rows.get(0);
        VrpVehicleKind kind = new VrpVehicleKind("vehicle", new int[] {capacity}, vehicles, depot[READY], depot[DUE]);
        return new VrpProblem(new Point(depot[X], depot[Y]), visits, List.of(kind), routeCost);
    }

    /** Euclidean distances between the points the solver asks for (the depot and a subset of customers). */
    static TravelMatrix euclidean(List<Point> points) {
        return new TravelMatrix() {
            @Override
            public double meters(int from, int to) {
                return Math.hypot(points.get(from).x() - points.get(to).x(), points.get(from).y() - points.get(to).y());
            }

            @Override
            public double seconds(int kind, int from, int to) {
                return meters(from, to);
            }
        };
    }

    /** Independent of the solver: every customer once, capacity, every window, back at the depot in time. */
    String violation(List<List<Integer>> routes) {
        boolean[] served = new boolean[rows.size()];
        if (routes.size() > vehicles) {
            return routes.size() + " routes for " + vehicles + " vehicles";
        }
        for (List<Integer> route : routes) {
            double load = 0;
            double time = rows.get(0)[READY];
            int previous = 0;
            for (int customer : route) {
                if (customer < 1 || customer >= rows.size() || served[customer]) {
                    return "customer " + customer + " served twice or unknown";
                }
                served[customer] = true;
                double[] row = rows.get(customer);
                load += row[DEMAND];
                time = Math.max(time + distance(previous, customer), row[READY]);
                if (time > row[DUE] + 1e-6) {
                    return "customer " + customer + " served at " + time + " after " + row[DUE];
                }
                time += row[SERVICE];
                previous = customer;
            }
            if (time + distance(previous, 0) > rows.get(0)[DUE] + 1e-6) {
                return "route " + route + " back at the depot too late";
            }
            if (load > capacity) {
                return "route " + route + " carries " + load + " over " + capacity;
            }
        }
        for (int c = 1; c < rows.size(); c++) {
            if (!served[c]) {
                return "customer " + c + " not served";
            }
        }
        return null;
    }

    double length(List<List<Integer>> routes) {
        double total = 0;
        for (List<Integer> route : routes) {
            int previous = 0;
            for (int customer : route) {
                total += distance(previous, customer);
                previous = customer;
            }
            total += distance(previous, 0);
        }
        return total;
    }
}
