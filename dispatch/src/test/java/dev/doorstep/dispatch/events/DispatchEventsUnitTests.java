package dev.doorstep.dispatch.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doorstep.dispatch.delivery.AttemptReason;
import dev.doorstep.dispatch.outbox.EventTypes;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class DispatchEventsUnitTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final EventTypes TYPES = EventTypes.of(DispatchEvent.class);

    @Test
    void everyEventKeepsTheNameItsRowsWereStoredUnder() {
        // Rows in the outbox carry these names (they were the records' simple names): they must read back.
        assertThat(TYPES.names()).containsExactlyInAnyOrder("BlockOffered", "BlockClaimed", "BlockForfeited",
                "BlockCancelled", "BlockNoShow", "PlanPublished", "PlanReplanned", "RouteAssigned", "RouteStarted", "StopArrived",
                "RouteFinished", "RouteResequenced", "RouteUnassigned", "PackageDelivered", "PackageAttempted",
                "PackagePickedUp", "PackageReturned", "PackageReturnToSender", "PackageMissing");
        for (String name : TYPES.names()) {
            assertThat(TYPES.type(name)).get().extracting(Class::getSimpleName).isEqualTo(name);
        }
    }

    @Test
    void aStoredPayloadReadsIntoItsRecord() {
        String stored = "{\"blockId\": \"blk_1\", \"stationId\": \"stn_1\", \"startsAt\": \"2026-03-02T08:00:00-08:00\","
                + " \"durationMinutes\": 240}";
        BlockOffered event = (BlockOffered) JSON.readValue(stored, TYPES.type("BlockOffered").orElseThrow());
        assertThat(event.blockId()).isEqualTo("blk_1");
        assertThat(event.stationId()).isEqualTo("stn_1");
        assertThat(event.startsAt().toInstant()).isEqualTo(OffsetDateTime.parse("2026-03-02T16:00:00Z").toInstant());
        assertThat(event.durationMinutes()).isEqualTo(240);
    }

    @Test
    void aRecordWrittenAndReadBackIsTheSame() {
        PackageAttempted attempted = new PackageAttempted("TRK1", "att_1", "stp_1", "rte_1", "drv_1",
                AttemptReason.CUSTOMER_UNAVAILABLE, 2, OffsetDateTime.parse("2026-03-02T17:05:00Z"));
        String name = EventTypes.nameOf(attempted);
        assertThat(JSON.readValue(JSON.writeValueAsString(attempted), TYPES.type(name).orElseThrow()))
                .isEqualTo(attempted);
        RouteStarted started = new RouteStarted("rte_1", "drv_1", List.of("TRK1", "TRK2"));
        assertThat(JSON.readValue(JSON.writeValueAsString(started), TYPES.type("RouteStarted").orElseThrow()))
                .isEqualTo(started);
    }

    @Test
    void aNameNoInterfaceKnowsReadsAsNothingAndARecordWithoutANameCannotBeStored() {
        assertThat(TYPES.type("SomethingNewer")).isEmpty();
        record Unnamed(String id) {
        }
        assertThatThrownBy(() -> EventTypes.nameOf(new Unnamed("x"))).isInstanceOf(IllegalArgumentException.class);
    }
}
