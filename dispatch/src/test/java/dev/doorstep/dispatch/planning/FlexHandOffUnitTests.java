package dev.doorstep.dispatch.planning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlexHandOffUnitTests {

    @Test
    void aBlockCoversItsRouteInHalfHoursAndLastsAtLeastAnHour() {
        assertThat(FlexHandOff.blockMinutes(600)).isEqualTo(60);
        assertThat(FlexHandOff.blockMinutes(3600)).isEqualTo(60);
        assertThat(FlexHandOff.blockMinutes(3601)).isEqualTo(90);
        assertThat(FlexHandOff.blockMinutes(5400)).isEqualTo(90);
        assertThat(FlexHandOff.blockMinutes(7 * 3600 + 1)).isEqualTo(450);
    }
}
