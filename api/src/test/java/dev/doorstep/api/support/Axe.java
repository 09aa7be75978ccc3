package dev.doorstep.api.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;

/**
 * axe-core's accessibility rules (Deque's {@code axe.min.js}, pinned in the parent pom) run inside the page shown by
 * a {@link Browser}. Injected through WebDriver, so the page's Content-Security-Policy does not apply to it.
 */
public final class Axe {

    private static final String SCRIPT = read();

    private Axe() {
    }

    /** The violations of impact serious or critical on the current page, one line each: rule, impact, elements. */
    @SuppressWarnings("unchecked")
    public static List<String> seriousViolations(Browser browser) {
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object';"))) {
            js.executeScript(SCRIPT);
        }
        Object found = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => ({id: v.id, impact: v.impact, help: v.help, "
                + "targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))))"
                + ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), targets: []}]));");
        return ((List<Map<String, Object>>) found).stream()
                .map(v -> v.get("id") + " (" + v.get("impact") + "): " + v.get("help") + " at " + v.get("targets"))
                .toList();
    }

    private static String read() {
        try (InputStream in = Axe.class.getResourceAsStream("/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is missing: com.deque.html.axe-core:selenium is not on the "
                        + "test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
