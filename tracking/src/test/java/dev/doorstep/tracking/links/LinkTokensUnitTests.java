package dev.doorstep.tracking.links;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LinkTokensUnitTests {

    @Test
    void aTokenIsStoredAsTheSha256OfItsText() {
        // The FIPS 180-2 test vector: a link made before keeps resolving to the same stored hash.
        assertThat(HexFormat.of().formatHex(LinkTokens.hash("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(HexFormat.of().formatHex(LinkTokens.hash("")))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void manyThreadsHashingAtOnceEachGetTheirOwnTokensHash() {
        List<String> tokens = IntStream.range(0, 2000).mapToObj(i -> LinkTokens.fresh()).toList();
        List<String> alone = tokens.stream().map(t -> HexFormat.of().formatHex(LinkTokens.hash(t))).toList();
        List<String> together = tokens.parallelStream().map(t -> HexFormat.of().formatHex(LinkTokens.hash(t)))
                .toList();
        assertThat(together).isEqualTo(alone).doesNotHaveDuplicates();
    }
}
