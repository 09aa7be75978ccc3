package dev.doorstep.dispatch.planning;

import java.time.Instant;
import java.util.List;

/**
 * Packages delivered together at one place, within the window all of them allow; or customer returns picked up
 * together (a PICKUP stop: never mixed with deliveries).
 */
record StopDraft(String address, double lat, double lon, Instant windowFrom, Instant windowTo, List<DuePackage> packages) {

    boolean pickup() {
        return packages.get(0).pickup();
    }

    double volumeLiters() {
        return packages.stream().mapToDouble(DuePackage::volumeLiters).sum();
    }

    double weightKg() {
        return packages.stream().mapToDouble(DuePackage::weightKg).sum();
    }
}
