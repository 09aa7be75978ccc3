package dev.doorstep.api.ops;

import dev.doorstep.dispatch.returns.ReturnReport;
import dev.doorstep.dispatch.returns.Returns;
import java.util.List;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The returns scan at a station (station ops). */
@RestController
class ReturnsHandler {

    private final Returns returns;

    ReturnsHandler(Returns returns) {
        this.returns = returns;
    }

    record ReturnScan(List<String> trackingIds) {
    }

    @PostMapping("/v1/stations/{id}/returns")
    Mono<ReturnReport> scan(@PathVariable String id, @RequestBody ReturnScan scan) {
        return returns.scan(id, scan.trackingIds());
    }
}
