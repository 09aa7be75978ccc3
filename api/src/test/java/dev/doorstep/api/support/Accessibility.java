package dev.doorstep.api.support;

import java.util.List;

/**
 * axe-core (Deque's rules, run inside the page by {@link Axe}) on what the browser
 * shows now: a serious or critical violation fails the test with the rule and the elements it found.
 */
public final class Accessibility {

    private Accessibility() {
    }

    /** Fails if the page, as shown, has a serious or critical accessibility violation; {@code what} names it. */
    public static void assertNoSeriousViolations(Browser browser, String what) {
        List<String> blocking = Axe.seriousViolations(browser);
        if (!blocking.isEmpty()) {
            throw new AssertionError("accessibility violations on " + what + ":\n" + String.join("\n", blocking));
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
