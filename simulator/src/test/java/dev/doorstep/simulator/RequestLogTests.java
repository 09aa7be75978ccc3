package dev.doorstep.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestLogTests {

    @Test
    void idsInPathsCollapseSoEachEndpointIsOneLine() {
        assertThat(RequestLog.endpoint("POST", "/v1/driver/stops/sp_EpDOqcF-BLDoaQKM/arrive"))
                .isEqualTo("POST /v1/driver/stops/{id}/arrive");
        assertThat(RequestLog.endpoint("GET", "/v1/packages/TBA1x2k00012/tracking-links"))
                .isEqualTo("GET /v1/packages/{id}/tracking-links");
        assertThat(RequestLog.endpoint("GET", "/v1/driver/itinerary?date=2030-01-01"))
                .isEqualTo("GET /v1/driver/itinerary");
        assertThat(RequestLog.endpoint("POST", "/oauth2/token")).isEqualTo("POST /oauth2/token");
        assertThat(RequestLog.endpoint("GET", "/v1/ingest/osmand?id=abc123&lat=1")).isEqualTo("GET /v1/ingest/osmand");
    }

    @Test
    void summaryCountsRequestsAndErrorsWithPercentiles() {
        RequestLog log = new RequestLog();
        for (int i = 1; i <= 100; i++) {
            log.record("POST", "/v1/driver/pings", i * 1_000_000L, i == 100);
        }
        assertThat(log.requests()).isEqualTo(100);
        assertThat(log.errors()).isEqualTo(1);
        assertThat(log.summary()).isEqualTo("POST /v1/driver/pings n=100 p50=50ms p99=99ms err=1");
    }
}
