package dev.doorstep.notifications.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doorstep.dispatch.events.DispatchEvent;
import dev.doorstep.dispatch.events.RouteAssigned;
import dev.doorstep.dispatch.outbox.EventTypes;
import dev.doorstep.notifications.push.NotificationEvent;
import dev.doorstep.tracking.events.TrackingEvent;
import dev.doorstep.tracking.events.TrackingSilent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class StreamEventReadingUnitTests {

    private static final EventTypes TYPES = EventTypes.of(DispatchEvent.class, TrackingEvent.class);
    private static final Instant AT = Instant.parse("2026-03-02T15:00:00Z");

    private final EventStream stream = new EventStream(null,
            new RelaySettings(true, Duration.ofMillis(250), 100, "doorstep:events", 100_000),
            JsonMapper.builder().build(), new StreamPartitions(1));

    @Test
    void anEntryReadsIntoTheRecordItsTypeNames() {
        OutboxEvent entry = new OutboxEvent(41, "RouteAssigned", "rte_1", "{\"routeId\": \"rte_1\", "
                + "\"dspId\": \"dsp_1\", \"driverId\": \"drv_1\", \"vanId\": \"van_1\", \"date\": \"2026-03-02\"}", AT);
        StreamEvent read = stream.read(entry, TYPES).orElseThrow();
        assertThat(read.event()).isEqualTo(new RouteAssigned("rte_1", "dsp_1", "drv_1", "van_1",
                LocalDate.parse("2026-03-02")));
        assertThat(read.type()).isEqualTo("RouteAssigned");
        assertThat(read.id()).isEqualTo(41);
        assertThat(read.occurredAt()).isEqualTo(AT);
    }

    @Test
    void anotherModulesEventReadsIntoItsRecordToo() {
        OutboxEvent entry = new OutboxEvent(42, "TrackingSilent", "drv_1", "{\"driverId\": \"drv_1\", \"routeId\": "
                + "\"rte_1\", \"dspId\": \"dsp_1\", \"exceptionId\": \"exc_1\", "
                + "\"since\": \"2026-03-02T14:50:00Z\"}", AT);
        assertThat(stream.read(entry, TYPES).orElseThrow().event()).isEqualTo(new TrackingSilent("drv_1", "rte_1",
                "dsp_1", "exc_1", Instant.parse("2026-03-02T14:50:00Z")));
    }

    @Test
    void aTypeTheConsumerDoesNotReadIsNoEvent() {
        assertThat(stream.read(new OutboxEvent(43, "SomethingNewer", "x", "{\"id\": \"x\"}", AT), TYPES)).isEmpty();
    }

    @Test
    void aPayloadThatIsNotJsonFailsToRead() {
        assertThatThrownBy(() -> stream.read(new OutboxEvent(44, "RouteAssigned", "rte_1", "not json", AT), TYPES))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void anEventRecordIsPublishedUnderItsStableName() {
        assertThat(new StreamEvent(45, "drv_1", new TrackingSilent("drv_1", null, null, null, AT), AT).type())
                .isEqualTo("TrackingSilent");
        // The names rows were stored under before the names were written down (the records' simple names).
        assertThat(EventTypes.of(TrackingEvent.class, NotificationEvent.class).names())
                .containsExactly("TrackingSilent", "BlockReminderDue");
    }
}
