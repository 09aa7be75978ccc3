package dev.doorstep.api.problems;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;

class StoreUnreachableUnitTests {

    @Test
    void noConnectionToPostgresqlIsA503NotA500() {
        // As Spring's ConnectionFactoryUtils reports a refused connection.
        Problem refused = ProblemExceptionHandler.problemFor(new DataAccessResourceFailureException(
                "Failed to obtain R2DBC Connection", new ConnectException("Connection refused")));
        // As r2dbc-postgresql reports the server shutting down under a statement (57P01).
        Problem shutDown = ProblemExceptionHandler.problemFor(new IllegalStateException(
                new R2dbcNonTransientResourceException("terminating connection due to administrator command", "57P01")));

        assertThat(refused.status()).isEqualTo(503);
        assertThat(shutDown.status()).isEqualTo(503);
    }

    @Test
    void otherDatabaseErrorsStayInternal() {
        assertThat(ProblemExceptionHandler.problemFor(new DataIntegrityViolationException("duplicate key")).status())
                .isEqualTo(500);
    }
}
