package dev.doorstep.api.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Content-Security-Policy of what browsers render from us. A page allows its own inline scripts and styles by
 * their SHA-256 hashes (no 'unsafe-inline'), so an injected script or style never runs; every other response
 * (API answers, Swagger UI, static files) gets {@link #DEFAULT}.
 */
public final class ContentSecurityPolicy {

    public static final String HEADER = "Content-Security-Policy";

    /** Only this origin's scripts, styles and connections; images also from data: URIs (Swagger UI's icons). */
    public static final String DEFAULT = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private static final Pattern INLINE = Pattern.compile("<(script|style)(\\s[^>]*)?>(.*?)</\\1>",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    private final Set<String> images = new LinkedHashSet<>(List.of("'self'", "data:", "blob:"));
    private final Set<String> scripts = new LinkedHashSet<>(List.of("'self'"));
    private final Set<String> connections = new LinkedHashSet<>(List.of("'self'"));

    /** Images (map tiles) from these origins too. */
    public ContentSecurityPolicy images(Collection<String> origins) {
        images.addAll(origins);
        return this;
    }

    /** Scripts from these origins too. */
    public ContentSecurityPolicy scripts(Collection<String> origins) {
        scripts.addAll(origins);
        return this;
    }

    /** fetch, EventSource and the like to these origins too. */
    public ContentSecurityPolicy connections(Collection<String> origins) {
        connections.addAll(origins);
        return this;
    }

    /** The header's value for {@code html}: its inline scripts and styles allowed by hash, nothing else inline. */
    public String forPage(String html) {
        Set<String> scriptHashes = new LinkedHashSet<>();
        Set<String> styleHashes = new LinkedHashSet<>();
        Matcher inline = INLINE.matcher(html);
        while (inline.find()) {
            String attributes = inline.group(2) == null ? "" : inline.group(2);
            if (inline.group(1).equalsIgnoreCase("script") && !attributes.contains("src=")) {
                scriptHashes.add(hash(inline.group(3)));
            } else if (inline.group(1).equalsIgnoreCase("style")) {
                styleHashes.add(hash(inline.group(3)));
            }
        }
        return "default-src 'self'; script-src " + join(scripts, scriptHashes) + "; style-src " + join(Set.of("'self'"),
                styleHashes) + "; img-src " + String.join(" ", images) + "; connect-src " + String.join(" ", connections)
                + "; worker-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    }

    /**
     * The origin a URL template such as {@code https://{s}.tile.example.org/{z}/{x}/{y}.png} loads from, as a CSP
     * source ({@code https://*.tile.example.org}); empty for a blank template.
     */
    public static Set<String> originOf(String urlTemplate) {
        if (urlTemplate == null || urlTemplate.isBlank()) {
            return Set.of();
        }
        Matcher origin = Pattern.compile("^(https?://)([^/?#]+)").matcher(urlTemplate.strip());
        if (!origin.find()) {
            return Set.of();
        }
        String host = origin.group(2).replaceAll("\\{[^}]*}", "*");
        // A placeholder inside a label ("a{s}.example.org") has no CSP form: allow the scheme.
        boolean expressible = host.matches("(\\*\\.)?[A-Za-z0-9.-]+(:\\d+)?");
        return Set.of(expressible ? origin.group(1) + host : origin.group(1).replace("//", ""));
    }

    private static String join(Set<String> sources, Set<String> hashes) {
        Set<String> all = new LinkedHashSet<>(sources);
        hashes.forEach(h -> all.add("'sha256-" + h + "'"));
        return String.join(" ", all);
    }

    private static String hash(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
