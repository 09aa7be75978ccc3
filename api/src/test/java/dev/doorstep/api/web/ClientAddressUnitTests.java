package dev.doorstep.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientAddressUnitTests {

    private static ClientAddress trusting(String... proxies) {
        return new ClientAddress(new TrustedProxies(List.of(proxies)));
    }

    private static MockServerHttpRequest from(String peer, String... forwardedFor) {
        return MockServerHttpRequest.get("/v1/track/x").remoteAddress(new InetSocketAddress(peer, 44321))
                .header("X-Forwarded-For", forwardedFor).build();
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertThat(trusting().of(from("203.0.113.7", "198.51.100.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void anUntrustedPeerCannotNameAnotherClient() {
        assertThat(trusting("10.0.0.0/8").of(from("203.0.113.7", "198.51.100.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void behindATrustedProxyTheClientIsTheRightMostUntrustedHop() {
        ClientAddress clients = trusting("10.0.0.0/8", "192.0.2.5");
        // The client invented 1.1.1.1; the edge proxy 192.0.2.5 saw 198.51.100.1 and the inner proxy saw the edge.
        assertThat(clients.of(from("10.1.2.3", "1.1.1.1, 198.51.100.1", "192.0.2.5"))).isEqualTo("198.51.100.1");
    }

    @Test
    void aTrustedProxyWithoutTheHeaderIsItsOwnClient() {
        assertThat(trusting("10.0.0.0/8").of(from("10.1.2.3"))).isEqualTo("10.1.2.3");
    }

    @Test
    void garbageInTheHeaderStopsTheWalkAtTheLastGoodHop() {
        ClientAddress clients = trusting("10.0.0.0/8");
        assertThat(clients.of(from("10.1.2.3", "evil.example, 10.9.9.9"))).isEqualTo("10.9.9.9");
        assertThat(clients.of(from("10.1.2.3", "999.1.1.1"))).isEqualTo("10.1.2.3");
        assertThat(clients.of(from("10.1.2.3", "198.51.100.1:5000"))).isEqualTo("198.51.100.1");
    }

    @Test
    void ipv6BlocksAndAddressesMatch() {
        ClientAddress clients = trusting("2001:db8::/32", "::1");
        assertThat(clients.of(from("2001:db8::17", "[2001:db9::1]"))).isEqualTo("2001:db9:0:0:0:0:0:1");
        assertThat(clients.of(from("::1", "203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(clients.of(from("2001:db9::17", "203.0.113.9"))).isEqualTo("2001:db9:0:0:0:0:0:17");
    }

    @Test
    void aPrefixNotOnAByteBoundaryMasksTheRest() {
        ClientAddress clients = trusting("172.16.0.0/12");
        assertThat(clients.of(from("172.31.255.1", "203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(clients.of(from("172.32.0.1", "203.0.113.9"))).isEqualTo("172.32.0.1");
    }

    @Test
    void aMistypedProxyFailsAtStartUp() {
        assertThatThrownBy(() -> trusting("proxy.internal")).hasMessageContaining("proxy.internal");
        assertThatThrownBy(() -> trusting("10.0.0.0/33")).hasMessageContaining("10.0.0.0/33");
    }
}
