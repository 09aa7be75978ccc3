package dev.doorstep.api.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

class OffersIntegrationTests extends FlexBlocksTest {

    @Test
    void offersAreTheFutureOpenBlocksOfTheDriversRegionByStartTime() {
        Station home = station("America/Los_Angeles");
        Station near = station(home.lat() + 0.2, home.lon(), "America/Los_Angeles"); // about 22 km
        Station far = station(home.lat() + 1.0, home.lon(), "America/Los_Angeles"); // about 111 km
        Driver driver = flexDriver(home);
        String later = block(home, Duration.ofHours(30), 120);
        String sooner = block(near, Duration.ofHours(5), 120);
        block(far, Duration.ofHours(6), 120);
        String taken = claimed(flexDriver(home), block(home, Duration.ofHours(8), 120));

        List<String> offered = offerIds(driver, "");

        assertThat(offered).containsExactly(sooner, later).doesNotContain(taken);
    }

    @Test
    void offersPageByStartTime() {
        Station home = station("America/Chicago");
        Driver driver = flexDriver(home);
        List<String> ids = new ArrayList<>();
        for (int hours = 50; hours >= 20; hours -= 10) {
            ids.add(0, block(home, Duration.ofHours(hours), 60));
        }
        Map<?, ?> first = http.get().uri("/v1/driver/offers?limit=3").headers(h -> h.setBearerAuth(driver.token()))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(ids(first)).containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(offerIds(driver, (String) first.get("next"))).containsExactly(ids.get(3));
    }

    @Test
    void blocksTooCloseToTheDriversOwnAreNotOffered() {
        Station home = station("America/Denver");
        Driver driver = flexDriver(home);
        OffsetDateTime nine = OffsetDateTime.ofInstant(clock.instant(), home.zone()).plusDays(2)
                .withHour(9).withMinute(0).withSecond(0).withNano(0);
        claimed(driver, block(home, nine, 120));
        String twentyNineMinutesAfter = block(home, nine.plusMinutes(149), 60);
        String thirtyMinutesAfter = block(home, nine.plusMinutes(150), 60);
        String overlapping = block(home, nine.plusMinutes(60), 60);

        assertThat(offerIds(driver, "")).contains(thirtyMinutesAfter)
                .doesNotContain(twentyNineMinutesAfter, overlapping);
        claim(driver, twentyNineMinutesAfter).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.reason").isEqualTo("OVERLAP");
        claim(driver, thirtyMinutesAfter).expectStatus().isOk();
    }

    @Test
    void aDspDriverAskingForOffersIsForbidden() {
        Station home = station("America/New_York");
        Driver dspDriver = driver(home, "DSP", createDsp(ops()));
        http.get().uri("/v1/driver/offers").headers(h -> h.setBearerAuth(dspDriver.token())).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.reason").isEqualTo("NOT_A_FLEX_DRIVER");
        claim(dspDriver, block(home, Duration.ofHours(3), 60)).expectStatus().isForbidden();
    }

    @Test
    void twoHundredDriversClaimingOneBlockLeaveOneWinner() {
        Station home = station("America/Los_Angeles");
        String block = block(home, Duration.ofHours(20), 240);
        List<Driver> drivers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            drivers.add(flexDriver(home));
        }
        WebClient client = WebClient.create("http://localhost:" + port);

        List<Object[]> answers = Flux.fromIterable(drivers)
                .flatMap(d -> client.post().uri("/v1/driver/offers/{id}/claim", block)
                        .headers(h -> h.setBearerAuth(d.token()))
                        .exchangeToMono(r -> r.releaseBody().thenReturn(new Object[] {d.id(), r.statusCode()})), 200)
                .collectList()
                .block(Duration.ofSeconds(60));

        List<Object[]> won = answers.stream().filter(a -> ((HttpStatusCode) a[1]).value() == 200).toList();
        assertThat(won).hasSize(1);
        assertThat(answers).filteredOn(a -> ((HttpStatusCode) a[1]).value() == 409).hasSize(199);
        opsBlock(home, block).expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("CLAIMED")
                .jsonPath("$.driverId").isEqualTo(won.get(0)[0]);
        assertThat(events(block)).containsExactly("BlockOffered", "BlockClaimed");
    }

    @Test
    void oneDriverClaimingTenOverlappingBlocksAtOnceGetsOnlyOne() {
        Station home = station("America/Los_Angeles");
        Driver driver = flexDriver(home);
        List<String> blocks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            blocks.add(block(home, Duration.ofHours(10).plusMinutes(i), 120));
        }
        WebClient client = WebClient.create("http://localhost:" + port);

        List<Integer> statuses = Flux.fromIterable(blocks)
                .flatMap(b -> client.post().uri("/v1/driver/offers/{id}/claim", b)
                        .headers(h -> h.setBearerAuth(driver.token()))
                        .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value())), 10)
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 422).hasSize(9);
        Long held = db.sql("SELECT count(*) AS n FROM blocks WHERE driver_id = :driver").bind("driver", driver.id())
                .map(row -> row.get("n", Long.class)).one().block();
        assertThat(held).isEqualTo(1L);
    }

    @Test
    void aDriverRetryingItsClaimGetsTheSameAnswer() {
        Station home = station("Europe/Berlin");
        Driver driver = flexDriver(home);
        String block = block(home, Duration.ofHours(6), 120);

        for (int i = 0; i < 3; i++) {
            http.post().uri("/v1/driver/offers/{id}/claim", block).header("Idempotency-Key", "claim-once")
                    .headers(h -> h.setBearerAuth(driver.token())).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.driverId").isEqualTo(driver.id()).jsonPath("$.status").isEqualTo("CLAIMED");
        }
        claim(flexDriver(home), block).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.reason").isEqualTo("ALREADY_CLAIMED");
        assertThat(events(block)).containsExactly("BlockOffered", "BlockClaimed");
    }

    @Test
    void aBlockOutsideTheDriversRegionCannotBeClaimed() {
        Station home = station("America/Los_Angeles");
        Station far = station(home.lat() + 1.0, home.lon(), "America/Los_Angeles");
        claim(flexDriver(home), block(far, Duration.ofHours(4), 60)).expectStatus().isNotFound();
    }

    @Test
    void theDailyCapCountsEightHoursOfTheStationsLocalDay() {
        clock.setTo(Instant.parse("2027-03-01T12:00:00Z"));
        Station home = station("America/New_York");
        Driver driver = flexDriver(home);
        // 20:00 to 24:00 New York time is the next day in UTC, but the same local day.
        claimed(driver, block(home, local(home, "2027-03-02T20:00"), 240));

        claim(driver, block(home, local(home, "2027-03-02T10:00"), 270)).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.reason").isEqualTo("DAILY_CAP");
        claim(driver, block(home, local(home, "2027-03-02T10:00"), 240)).expectStatus().isOk();
    }

    @Test
    void onTheDaylightSavingChangeTheLocalDayHasTwentyThreeHours() {
        clock.setTo(Instant.parse("2027-03-10T12:00:00Z"));
        Station home = station("America/New_York");
        Driver driver = flexDriver(home);
        // 14 March 2027 is 23 hours long in New York; the block from midnight on the 15th is the 15th's.
        claimed(driver, block(home, local(home, "2027-03-15T00:00"), 240));

        claim(driver, block(home, local(home, "2027-03-14T10:00"), 450)).expectStatus().isOk();
        claim(driver, block(home, local(home, "2027-03-15T05:00"), 241)).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.reason").isEqualTo("DAILY_CAP");
    }

    @Test
    void theWeeklyCapStopsTheSixthFullDayOfAWeek() {
        clock.setTo(Instant.parse("2027-02-25T12:00:00Z"));
        Station home = station("Europe/Paris");
        Driver driver = flexDriver(home);
        for (int day = 1; day <= 5; day++) {
            claimed(driver, block(home, local(home, "2027-03-0" + day + "T08:00"), 480));
        }
        String saturday = block(home, local(home, "2027-03-06T08:00"), 60);
        String nextMonday = block(home, local(home, "2027-03-08T08:00"), 60);

        assertThat(offerIds(driver, "")).contains(nextMonday).doesNotContain(saturday);
        claim(driver, saturday).expectStatus().isEqualTo(422).expectBody().jsonPath("$.reason").isEqualTo("WEEKLY_CAP");
        claim(driver, nextMonday).expectStatus().isOk();
    }

    private static OffsetDateTime local(Station station, String localTime) {
        return LocalDateTime.parse(localTime).atZone(station.zone()).toOffsetDateTime();
    }

    private List<String> offerIds(Driver driver, String after) {
        Map<?, ?> page = http.get().uri(u -> u.path("/v1/driver/offers").queryParam("after", after).build())
                .headers(h -> h.setBearerAuth(driver.token()))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ids(page);
    }

    private static List<String> ids(Map<?, ?> page) {
        return ((List<?>) page.get("items")).stream().map(b -> (String) ((Map<?, ?>) b).get("id")).toList();
    }
}
