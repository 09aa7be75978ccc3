package dev.doorstep.dispatch.planning;

import java.time.Instant;
import java.util.List;

/** Packages delivered together at one place, within the window all of them allow. */
record StopDraft(String address, double lat, double lon, Instant windowFrom, Instant windowTo, List<DuePackage> packages) {

    double volumeLiters() {
        return packages.stream().mapToDouble(DuePackage::volumeLiters).sum();
    }

    double weightKg() {
        return packages.stream().mapToDouble(DuePackage::weightKg).sum();
    }
}
