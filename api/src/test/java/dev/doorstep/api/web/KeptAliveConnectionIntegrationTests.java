package dev.doorstep.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.RawHttpConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Phones and browsers reuse one HTTP/1.1 connection: after any 4xx, refused before or after its body was read,
 * the next request on the same connection must be answered, never left unread in the socket.
 */
class KeptAliveConnectionIntegrationTests extends ApiIntegrationTest {

    private static final int ROUNDS = 400;
    private static final int STALL_MILLIS = 5_000;
    private static final String OK = "GET /actuator/health/liveness";

    private String driver;
    private String ops;

    @BeforeEach
    void tokens() {
        driver = "Authorization: Bearer " + token("driver-" + unique(), "DRIVER");
        ops = "Authorization: Bearer " + opsToken();
    }

    @Test
    @Timeout(120)
    void requestAfterUnauthorizedOrForbiddenOnTheSameConnectionIsAnswered() throws Exception {
        try (RawHttpConnection connection = new RawHttpConnection(port, STALL_MILLIS)) {
            for (int i = 0; i < ROUNDS; i++) {
                var refused = i % 2 == 0
                        ? connection.send("GET", "/v1/stations", null, null)
                        : connection.send("GET", "/v1/stations", null, null, driver);
                assertThat(refused.status()).isEqualTo(i % 2 == 0 ? 401 : 403);
                assertThat(connection.send("GET", "/actuator/health/liveness", null, null).status())
                        .as("%s after round %d", OK, i).isEqualTo(200);
            }
        }
    }

    @Test
    @Timeout(120)
    void requestAfterAnyRefusedRequestWithOrWithoutABodyOnTheSameConnectionIsAnswered() throws Exception {
        String station = "{\"name\":\"Kept alive\",\"address\":\"1 Main St\"}";
        String pings = "{\"pings\":[" + "{\"lat\":47.6,\"lon\":-122.3,\"ts\":\"2020-01-01T00:00:00Z\"},".repeat(6000)
                + "{}]}";
        RawHttpConnection connection = new RawHttpConnection(port, STALL_MILLIS);
        try {
            for (int i = 0; i < ROUNDS / 4; i++) {
                assertThat(connection.send("POST", "/v1/stations", "application/json", station).status()).isEqualTo(401);
                assertOk(connection, i);
                assertThat(connection.send("POST", "/v1/stations", "application/json", station, driver).status())
                        .isEqualTo(403);
                assertOk(connection, i);
                assertThat(connection.send("POST", "/v1/stations", "text/plain", station, ops).status())
                        .isEqualTo(415);
                assertOk(connection, i);
                assertThat(connection.send("POST", "/v1/stations", "application/json", "{\"name\":", ops).status())
                        .isEqualTo(400);
                assertOk(connection, i);
                assertThat(connection.send("GET", "/v1/stations/stn_unknown", null, null, ops).status())
                        .isEqualTo(404);
                assertOk(connection, i);
                assertThat(connection.send("POST", "/v1/driver/pings", "application/json", pings, driver).status())
                        .isEqualTo(413);
                if (connection.isClosedByServer()) {
                    // The server may close rather than read a refused large body; a client then opens a new one.
                    connection.close();
                    connection = new RawHttpConnection(port, STALL_MILLIS);
                }
                assertOk(connection, i);
            }
        } finally {
            connection.close();
        }
    }

    private static void assertOk(RawHttpConnection connection, int round) throws Exception {
        assertThat(connection.send("GET", "/actuator/health/liveness", null, null).status())
                .as("%s after round %d", OK, round).isEqualTo(200);
    }
}
