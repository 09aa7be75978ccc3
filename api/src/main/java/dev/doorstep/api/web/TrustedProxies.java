package dev.doorstep.api.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The reverse proxies in front of the app ({@code doorstep.api.trusted-proxies}), whose {@code X-Forwarded-For}
 * names the client for every per-address budget (public tracking, dispatcher sign-in).
 *
 * @param trustedProxies addresses or CIDR blocks; empty trusts no one and budgets the direct peer
 */
@ConfigurationProperties("doorstep.api")
public record TrustedProxies(List<String> trustedProxies) {

    public TrustedProxies {
        trustedProxies = trustedProxies == null ? List.of()
                : trustedProxies.stream().filter(proxy -> !proxy.isBlank()).toList();
    }
}
