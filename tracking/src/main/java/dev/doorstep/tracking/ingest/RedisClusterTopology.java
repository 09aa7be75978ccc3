package dev.doorstep.tracking.ingest;

import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * On a Redis Cluster ({@code spring.data.redis.cluster.nodes}) Lettuce re-reads the topology when Redis answers
 * MOVED or ASK, when a connection keeps failing to reconnect (a master died) and periodically. Spring Boot's own
 * settings leave adaptive refreshes at most one per 30 s, which after a master's death can fall before the
 * replica is promoted and then hold ingest off until the next one: here they may come every second.
 */
@Configuration(proxyBeanMethods = false)
class RedisClusterTopology {

    /**
     * @param refreshEvery                the topology is re-read this often anyway
     * @param adaptiveRefreshAtMostEvery  least time between two refreshes triggered by MOVED, ASK or reconnects
     */
    @ConfigurationProperties("doorstep.redis.cluster")
    record Settings(Duration refreshEvery, Duration adaptiveRefreshAtMostEvery) {
    }

    @Bean
    LettuceClientOptionsBuilderCustomizer clusterTopologyRefresh(Settings settings) {
        return options -> {
            if (options instanceof ClusterClientOptions.Builder cluster) {
                cluster.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enablePeriodicRefresh(settings.refreshEvery())
                        .enableAllAdaptiveRefreshTriggers()
                        .adaptiveRefreshTriggersTimeout(settings.adaptiveRefreshAtMostEvery())
                        .dynamicRefreshSources(true)
                        .build());
            }
        };
    }
}
