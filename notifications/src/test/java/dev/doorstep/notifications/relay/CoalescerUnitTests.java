package dev.doorstep.notifications.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class CoalescerUnitTests {

    /** Batches that finish only when the test says so: what each was given, and its pending answer. */
    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    private final List<Sinks.One<List<String>>> answers = new CopyOnWriteArrayList<>();

    private Mono<List<String>> held(List<Integer> items) {
        batches.add(items);
        Sinks.One<List<String>> answer = Sinks.one();
        answers.add(answer);
        return answer.asMono();
    }

    private static List<String> echo(List<Integer> items) {
        return items.stream().map(i -> "r" + i).toList();
    }

    @Test
    void aLoneCallIsABatchOfOneAtOnce() {
        Coalescer<Integer, String> coalescer = new Coalescer<>(10, 1, items -> Mono.just(echo(items)));
        assertThat(coalescer.submit(7).block(Duration.ofSeconds(5))).isEqualTo("r7");
    }

    @Test
    void callsMadeWhileABatchRunsGoTogetherIntoTheNextAndEachGetsItsOwnAnswer() {
        Coalescer<Integer, String> coalescer = new Coalescer<>(10, 1, this::held);
        List<String> got = new CopyOnWriteArrayList<>();
        coalescer.submit(0).subscribe(got::add);
        for (int i = 1; i <= 4; i++) {
            coalescer.submit(i).subscribe(got::add);
        }
        assertThat(batches).containsExactly(List.of(0));
        answers.get(0).tryEmitValue(echo(batches.get(0)));
        assertThat(batches).containsExactly(List.of(0), List.of(1, 2, 3, 4));
        answers.get(1).tryEmitValue(echo(batches.get(1)));
        assertThat(got).containsExactly("r0", "r1", "r2", "r3", "r4");
    }

    @Test
    void noBatchIsLargerThanItsMaximumAndNoMoreRunAtOnceThanAllowed() {
        Coalescer<Integer, String> coalescer = new Coalescer<>(3, 2, this::held);
        List<String> got = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 9; i++) {
            coalescer.submit(i).subscribe(got::add);
        }
        // Two alone at once, the rest waiting.
        assertThat(batches).containsExactly(List.of(0), List.of(1));
        answers.get(0).tryEmitValue(echo(batches.get(0)));
        assertThat(batches).hasSize(3).last().isEqualTo(List.of(2, 3, 4));
        answers.get(1).tryEmitValue(echo(batches.get(1)));
        assertThat(batches).hasSize(4).last().isEqualTo(List.of(5, 6, 7));
        answers.get(2).tryEmitValue(echo(batches.get(2)));
        assertThat(batches).hasSize(5).last().isEqualTo(List.of(8));
        answers.get(3).tryEmitValue(echo(batches.get(3)));
        answers.get(4).tryEmitValue(echo(batches.get(4)));
        assertThat(got).containsExactlyInAnyOrder("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8");
    }

    @Test
    void aFailedBatchFailsEachOfItsCallsAndTheNextBatchStillRuns() {
        Coalescer<Integer, String> coalescer = new Coalescer<>(10, 1, this::held);
        List<Throwable> failed = new CopyOnWriteArrayList<>();
        coalescer.submit(0).subscribe(x -> { }, failed::add);
        coalescer.submit(1).subscribe(x -> { }, failed::add);
        coalescer.submit(2).subscribe(x -> { }, failed::add);
        answers.get(0).tryEmitError(new IllegalStateException("database down"));
        assertThat(failed).hasSize(1);
        answers.get(1).tryEmitError(new IllegalStateException("still down"));
        assertThat(failed).extracting(Throwable::getMessage).containsExactly("database down", "still down",
                "still down");
        List<String> got = new CopyOnWriteArrayList<>();
        coalescer.submit(3).subscribe(got::add);
        assertThat(batches).last().isEqualTo(List.of(3));
        answers.get(2).tryEmitValue(List.of("r3"));
        assertThat(got).containsExactly("r3");
    }

    @Test
    void anAnswerOfTheWrongSizeFailsTheCallsInsteadOfMismatchingThem() {
        Coalescer<Integer, String> coalescer = new Coalescer<>(10, 1, this::held);
        List<Throwable> failed = new CopyOnWriteArrayList<>();
        coalescer.submit(0).subscribe();
        coalescer.submit(1).subscribe(x -> { }, failed::add);
        coalescer.submit(2).subscribe(x -> { }, failed::add);
        answers.get(0).tryEmitValue(List.of("r0"));
        answers.get(1).tryEmitValue(List.of("r1"));
        assertThat(failed).hasSize(2).allMatch(e -> e.getMessage().contains("a batch of 2 answered 1"));
    }

    @Test
    void lookupsAskForEachDistinctKeyOnceAndAnswerEmptyForAKeyNotFound() {
        List<Set<String>> asked = new CopyOnWriteArrayList<>();
        Sinks.One<Void> release = Sinks.one();
        Coalescer<String, Optional<Integer>> lookups = Coalescer.lookups(10, 1, keys -> {
            asked.add(Set.copyOf(keys));
            Map<String, Integer> found = new HashMap<>();
            keys.stream().filter(k -> !k.equals("gone")).forEach(k -> found.put(k, k.length()));
            return release.asMono().then(Mono.just(found));
        });
        List<Optional<Integer>> got = new CopyOnWriteArrayList<>();
        lookups.submit("first").subscribe(got::add);
        for (String key : List.of("ab", "abc", "ab", "gone")) {
            lookups.submit(key).subscribe(got::add);
        }
        release.tryEmitEmpty();
        assertThat(asked).containsExactly(Set.of("first"), Set.of("ab", "abc", "gone"));
        assertThat(got).containsExactly(Optional.of(5), Optional.of(2), Optional.of(3), Optional.of(2),
                Optional.empty());
    }
}
