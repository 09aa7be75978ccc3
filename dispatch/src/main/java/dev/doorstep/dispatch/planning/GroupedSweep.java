package dev.doorstep.dispatch.planning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sweep order of visits around the depot for cutting a problem into sectors, with the visits of one group
 * (packages that go together) next to each other at the angle of their group's first visit, and cuts that never
 * fall inside a group: a group's visits then land in one sector, where one route can take them all.
 */
final class GroupedSweep {

    private GroupedSweep() {
    }

    static List<VrpVisit> ordered(List<VrpVisit> visits, Point depot) {
        Map<String, Double> groupAngle = new HashMap<>();
        for (VrpVisit visit : visits) {
            if (visit.group() != null) {
                groupAngle.merge(visit.group(), angle(visit, depot), Math::min);
            }
        }
        List<VrpVisit> sorted = new ArrayList<>(visits);
        sorted.sort(Comparator.comparingDouble((VrpVisit v) -> v.group() == null ? angle(v, depot) : groupAngle.get(v.group()))
                .thenComparing(v -> v.group() == null ? "" : v.group()));
        return sorted;
    }

    /** Start index of each of {@code count} slices of about equal size (the last ends at the list's end). */
    static int[] cuts(List<VrpVisit> sorted, int count) {
        int[] cuts = new int[count + 1];
        cuts[count] = sorted.size();
        for (int c = 1; c < count; c++) {
            int cut = Math.max(cuts[c - 1], c * sorted.size() / count);
            while (cut > 0 && cut < sorted.size() && sorted.get(cut).group() != null
                    && sorted.get(cut).group().equals(sorted.get(cut - 1).group())) {
                cut++;
            }
            cuts[c] = cut;
        }
        return cuts;
    }

    private static double angle(VrpVisit visit, Point depot) {
        return Math.atan2(visit.point().y() - depot.y(), visit.point().x() - depot.x());
    }
}
