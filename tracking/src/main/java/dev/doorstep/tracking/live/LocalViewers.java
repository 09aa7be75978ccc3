package dev.doorstep.tracking.live;

import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The moves this node receives, handed to its own viewers by what each follows (a driver, a DSP, a station): a move
 * costs one look-up per key it carries, whatever the number of viewers, and reaches only the viewers that follow one
 * of them. A group exists while it has viewers.
 */
final class LocalViewers {

    private final ConcurrentHashMap<String, Group> groups = new ConcurrentHashMap<>();

    /** The viewers of one key; {@code viewers} only changes inside the map's compute, under its bin lock. */
    private static final class Group {
        // Each viewer buffers on its own side and asks for everything: best effort never drops for a viewer.
        final Sinks.Many<LivePositions.Move> sink = Sinks.many().multicast().directBestEffort();
        int viewers;
    }

    static String driver(String driverId) {
        return "drv:" + driverId;
    }

    static String dsp(String dspId) {
        return "dsp:" + dspId;
    }

    static String station(String stationId) {
        return "st:" + stationId;
    }

    /** The moves carrying {@code key}, from now on. */
    Flux<LivePositions.Move> follow(String key) {
        return Flux.defer(() -> {
            Group group = groups.compute(key, (k, existing) -> {
                Group g = existing == null ? new Group() : existing;
                g.viewers++;
                return g;
            });
            return group.sink.asFlux()
                    .doFinally(signal -> groups.computeIfPresent(key, (k, g) -> --g.viewers == 0 ? null : g));
        });
    }

    /** Hands the move to the viewers of its driver, its DSP and its station. Called by one thread at a time. */
    void publish(LivePositions.Move move) {
        emit(driver(move.position().driverId()), move);
        emit(dsp(move.dspId()), move);
        emit(station(move.stationId()), move);
    }

    int groups() {
        return groups.size();
    }

    private void emit(String key, LivePositions.Move move) {
        Group group = groups.get(key);
        if (group != null) {
            group.sink.tryEmitNext(move);
        }
    }
}
