package dev.doorstep.dispatch.returns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.dispatch.delivery.AttemptReason;
import dev.doorstep.dispatch.packages.PackageStatus;
import org.junit.jupiter.api.Test;

class ReturnDecisionUnitTests {

    @Test
    void aPackageWithAttemptsLeftIsDueAgainAndSaysWhichAttemptComesNext() {
        ReturnDecision decision = ReturnDecision.of(1, 3, AttemptReason.CUSTOMER_UNAVAILABLE);

        assertThat(decision.outcome()).isEqualTo(ReturnOutcome.REATTEMPT);
        assertThat(decision.then().to()).isEqualTo(PackageStatus.AT_STATION);
        assertThat(decision.detail()).isEqualTo("Due again on a later day (attempt 2 of 3)");
        assertThat(decision.why()).isNull();
    }

    @Test
    void theLastAttemptSendsThePackageBackToTheShipper() {
        ReturnDecision decision = ReturnDecision.of(3, 3, AttemptReason.CUSTOMER_UNAVAILABLE);

        assertThat(decision.outcome()).isEqualTo(ReturnOutcome.RETURN_TO_SENDER);
        assertThat(decision.then().to()).isEqualTo(PackageStatus.RETURN_TO_SENDER);
        assertThat(decision.why()).isEqualTo("MAX_ATTEMPTS");
    }

    @Test
    void aRefusalOrAWrongAddressEndsDeliveryAtOnce() {
        assertThat(ReturnDecision.of(1, 3, AttemptReason.REFUSED).why()).isEqualTo("REFUSED");
        assertThat(ReturnDecision.of(1, 3, AttemptReason.WRONG_ADDRESS).detail())
                .isEqualTo("Returning to sender (WRONG_ADDRESS)");
    }

    @Test
    void aPackageOutForDeliveryWithoutAnAttemptIsDueAgain() {
        assertThat(ReturnDecision.of(0, 3, null).outcome()).isEqualTo(ReturnOutcome.REATTEMPT);
    }
}
