package dev.doorstep.api.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The address a public request is budgeted by. Behind trusted proxies it is the right-most address of
 * {@code X-Forwarded-For} that is not itself a trusted proxy (each proxy appends its peer, so everything left of
 * that is the client's to invent); from anyone else the header is ignored, so a client cannot spoof its way out.
 */
@Component
public class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final List<Network> trusted;

    public ClientAddress(TrustedProxies settings) {
        this.trusted = settings.trustedProxies().stream().map(Network::parse).toList();
    }

    /** The client's address as text, or {@code unknown} when the server could not tell the peer's. */
    public String of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null || remote.getAddress() == null) {
            return "unknown";
        }
        InetAddress client = remote.getAddress();
        if (!isTrusted(client)) {
            return client.getHostAddress();
        }
        List<String> hops = forwardedFor(request);
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                break; // Garbage can only come from the client's side: the last good hop is the best we know.
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client.getHostAddress();
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(network -> network.contains(address));
    }

    private static List<String> forwardedFor(ServerHttpRequest request) {
        List<String> hops = new ArrayList<>();
        for (String header : request.getHeaders().getOrEmpty("X-Forwarded-For")) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        return hops;
    }

    /** The IP literal (optionally bracketed or with a port), or null: never a host name, so never a DNS lookup. */
    static InetAddress literal(String text) {
        String address = text;
        if (address.startsWith("[") && address.contains("]")) {
            address = address.substring(1, address.indexOf(']'));
        } else if (address.indexOf(':') > 0 && address.indexOf(':') == address.lastIndexOf(':')) {
            address = address.substring(0, address.indexOf(':')); // IPv4 with a port
        }
        try {
            if (IPV4.matcher(address).matches()) {
                byte[] bytes = new byte[4];
                String[] octets = address.split("\\.");
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(octets[i]);
                    if (octet > 255) {
                        return null;
                    }
                    bytes[i] = (byte) octet;
                }
                return InetAddress.getByAddress(bytes);
            }
            // With a colon the JDK parses an IPv6 literal or fails; it never falls back to DNS.
            return IPV6.matcher(address).matches() ? InetAddress.getByName(address) : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An address block such as {@code 10.0.0.0/8} or {@code ::1}; a plain address is a block of one. */
    record Network(byte[] prefix, int bits) {

        static Network parse(String text) {
            String[] parts = text.trim().split("/", 2);
            InetAddress address = literal(parts[0].trim());
            if (address == null) {
                throw new IllegalArgumentException("trusted proxy '" + text + "' is not an IP address or CIDR block");
            }
            int max = address.getAddress().length * 8;
            int bits = parts.length == 1 ? max : Integer.parseInt(parts[1].trim());
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException("trusted proxy '" + text + "' has a prefix length over " + max);
            }
            return new Network(address.getAddress(), bits);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (candidate[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return rest == 0 || (candidate[whole] & mask) == (prefix[whole] & mask);
        }
    }
}
