package dev.doorstep.api.dsp;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.doorstep.api.security.Caller;
import dev.doorstep.api.security.Role;
import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.scorecard.IsoWeek;
import dev.doorstep.dispatch.scorecard.Metrics;
import dev.doorstep.dispatch.scorecard.Scorecard;
import dev.doorstep.dispatch.scorecard.Scorecards;
import java.time.LocalDate;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The weekly scorecard: a dispatcher's own DSP, or any DSP named by station ops. */
@RestController
class ScorecardHandler {

    private final Scorecards scorecards;

    ScorecardHandler(Scorecards scorecards) {
        this.scorecards = scorecards;
    }

    @GetMapping("/v1/dsp/scorecard")
    Mono<ScorecardView> scorecard(@AuthenticationPrincipal Jwt token,
            @RequestParam(required = false) String week, @RequestParam(required = false) String dspId) {
        return Mono.defer(() -> scorecards.of(dsp(Caller.of(token), dspId),
                        week == null ? null : IsoWeek.parse(week)))
                .map(ScorecardView::of);
    }

    /** A dispatcher sees its own DSP only (another one is not found); station ops must say which DSP. */
    private static String dsp(Caller caller, String dspId) {
        if (caller.has(Role.DISPATCHER) && caller.dspId() != null && (dspId == null || dspId.equals(caller.dspId()))) {
            return caller.dspId();
        }
        if (caller.has(Role.STATION_OPS)) {
            if (dspId == null || dspId.isBlank()) {
                throw InvalidInput.of("dspId", "is required for station ops");
            }
            return dspId;
        }
        throw new NotFound("dsp", dspId == null ? "of this dispatcher" : dspId);
    }

    record ScorecardView(String dspId, String week, LocalDate from, LocalDate to, Metrics totals,
            List<DriverView> drivers, List<WeekView> history) {

        static ScorecardView of(Scorecard s) {
            return new ScorecardView(s.dspId(), s.week().toString(), s.from(), s.to(), s.totals(),
                    s.drivers().stream().map(d -> new DriverView(d.driverId(), d.name(), d.metrics())).toList(),
                    s.history().stream().map(h -> new WeekView(h.week().toString(), h.metrics())).toList());
        }
    }

    record DriverView(String driverId, String name, @JsonUnwrapped Metrics metrics) {
    }

    record WeekView(String week, @JsonUnwrapped Metrics metrics) {
    }
}
