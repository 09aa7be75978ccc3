package dev.doorstep.api.support;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * axe-core (Deque's rules, run inside the page by {@code com.deque.html.axe-core:selenium}) on what the browser
 * shows now: a serious or critical violation fails the test with the rule and the elements it found.
 */
public final class Accessibility {

    private static final Set<String> BLOCKING = Set.of("serious", "critical");

    private Accessibility() {
    }

    /** Fails if the page, as shown, has a serious or critical accessibility violation; {@code what} names it. */
    public static void assertNoSeriousViolations(Browser browser, String what) {
        Results results = new AxeBuilder().analyze(browser.driver());
        if (results.isErrored()) {
            throw new AssertionError("axe-core could not check " + what + ": " + results.getErrorMessage());
        }
        List<Rule> blocking = results.getViolations().stream().filter(rule -> BLOCKING.contains(rule.getImpact()))
                .toList();
        if (!blocking.isEmpty()) {
            throw new AssertionError("accessibility violations on " + what + ":\n" + blocking.stream()
                    .map(rule -> rule.getImpact() + " " + rule.getId() + " (" + rule.getHelp() + "): " + rule.getNodes()
                            .stream().map(node -> String.valueOf(node.getTarget())).collect(Collectors.joining(", ")))
                    .collect(Collectors.joining("\n")));
        }
    }

    /** Fails unless the window is {@code width} CSS pixels wide, as the phone a test means to be. */
    public static void assertWindowWidth(Browser browser, long width) {
        long inner = ((Number) browser.script("return window.innerWidth;")).longValue();
        if (inner != width) {
            throw new AssertionError("the window is " + inner + " px wide, not " + width);
        }
    }

    /** Fails unless the page fits the window's width: no sideways scrolling (a phone at 390 px, say). */
    public static void assertNoSidewaysScroll(Browser browser, String what) {
        Object widths = browser.script("return [document.documentElement.scrollWidth, window.innerWidth];");
        List<?> both = (List<?>) widths;
        long scroll = ((Number) both.get(0)).longValue();
        long inner = ((Number) both.get(1)).longValue();
        if (scroll > inner) {
            Object widest = browser.script("const w = window.innerWidth; return [...document.querySelectorAll('body *')]"
                    + ".filter(e => e.getBoundingClientRect().right > w + 0.5).slice(0, 5)"
                    + ".map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className).join(', ');");
            throw new AssertionError(what + " scrolls sideways: " + scroll + " px wide in a " + inner
                    + " px window; too wide: " + widest);
        }
    }
}
