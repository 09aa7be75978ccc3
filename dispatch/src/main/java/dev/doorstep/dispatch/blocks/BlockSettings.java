package dev.doorstep.dispatch.blocks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rules of Flex blocks.
 *
 * @param regionRadiusKm stations this close to a driver's home station are in the driver's region
 * @param travelGap free time a driver needs between two blocks
 * @param dailyCap most block time a driver may hold on one local day of the station
 * @param weeklyCap most block time a driver may hold in one local ISO week (Monday to Sunday)
 * @param offerHorizon how far ahead offers are listed
 * @param forfeitCutoff before this much time ahead of the start a forfeit is free; after it, it is late
 * @param checkInOpens how long before the start check-in opens
 * @param checkInCloses how long after the start check-in stays open; after it the block is a no-show
 * @param maxAccuracyCredit most of the phone's reported accuracy (metres) that counts in the driver's favour
 * @param sweepEvery how often held blocks are swept for no-shows and completions
 */
@ConfigurationProperties("doorstep.dispatch.blocks")
public record BlockSettings(Double regionRadiusKm, Duration travelGap, Duration dailyCap, Duration weeklyCap,
        Duration offerHorizon, Duration forfeitCutoff, Duration checkInOpens, Duration checkInCloses,
        Double maxAccuracyCredit, Duration sweepEvery) {

    public BlockSettings {
        regionRadiusKm = regionRadiusKm == null ? 40.0 : regionRadiusKm;
        travelGap = travelGap == null ? Duration.ofMinutes(30) : travelGap;
        dailyCap = dailyCap == null ? Duration.ofHours(8) : dailyCap;
        weeklyCap = weeklyCap == null ? Duration.ofHours(40) : weeklyCap;
        offerHorizon = offerHorizon == null ? Duration.ofDays(14) : offerHorizon;
        forfeitCutoff = forfeitCutoff == null ? Duration.ofMinutes(45) : forfeitCutoff;
        checkInOpens = checkInOpens == null ? Duration.ofMinutes(15) : checkInOpens;
        checkInCloses = checkInCloses == null ? Duration.ofMinutes(10) : checkInCloses;
        maxAccuracyCredit = maxAccuracyCredit == null ? 50.0 : maxAccuracyCredit;
        sweepEvery = sweepEvery == null ? Duration.ofMinutes(1) : sweepEvery;
    }

    public static BlockSettings defaults() {
        return new BlockSettings(null, null, null, null, null, null, null, null, null, null);
    }
}
