// Checks every browser test can run on a page as it stands: axe-core's accessibility rules
// (serious and critical violations fail) and "no page wider than the viewport".
import { AxeBuilder } from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** The impacts that fail a page; "minor" and "moderate" are reported by axe but not held against it. */
const FAILING = new Set(["serious", "critical"]);

/** The rule sets checked: WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Serious and critical violations on the page, one line per rule with the offending nodes. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations
    .filter((v) => v.impact && FAILING.has(v.impact))
    .map((v) => {
      const nodes = v.nodes.slice(0, 5).map((n) => `    ${n.target.join(" ")}: ${n.failureSummary?.replace(/\s+/g, " ") ?? ""}`);
      const more = v.nodes.length > 5 ? [`    … and ${v.nodes.length - 5} more`] : [];
      return [`${v.impact} ${v.id}: ${v.help} (${v.nodes.length} node${v.nodes.length === 1 ? "" : "s"})`, ...nodes, ...more].join("\n");
    });
}

/** Fails (softly with `soft: true`, so one run lists every page's problems) on serious or critical axe violations. */
export async function expectAccessible(page: Page, { soft = false, label }: { soft?: boolean; label?: string } = {}) {
  const problems = await accessibilityProblems(page);
  const what = label ?? new URL(page.url()).pathname;
  (soft ? expect.soft : expect)(problems, `accessibility of ${what} at ${page.viewportSize()?.width ?? "?"} px:\n${problems.join("\n")}`).toEqual([]);
}

/**
 * How far the document is wider than the viewport, and the elements sticking out past its right
 * edge that are not inside a container scrolling on its own (a table in an overflow-x-auto box
 * is allowed to be wide).
 */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const clientWidth = root.clientWidth;
    // Clipped by a box that scrolls (or hides) sideways. An absolutely placed element (an sr-only
    // label) is clipped only by such a box at or around its containing block, not by one between.
    const insideScroller = (node: Node) => {
      const pos = node instanceof HTMLElement ? getComputedStyle(node).position : "static";
      if (pos === "fixed") return false;
      const start = pos === "absolute" ? (node as HTMLElement).offsetParent : node.parentElement;
      for (let p = start; p && p !== document.body; p = p.parentElement) {
        const ox = getComputedStyle(p).overflowX;
        if (ox === "auto" || ox === "scroll" || ox === "hidden" || ox === "clip") return true;
      }
      return false;
    };
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : "";
      const testId = el.getAttribute("data-testid");
      const cls = typeof el.className === "string" ? el.className.split(/\s+/).slice(0, 4).join(".") : "";
      return `${el.tagName.toLowerCase()}${id}${testId ? `[data-testid=${testId}]` : ""}${cls ? `.${cls}` : ""} (right edge ${Math.round(el.getBoundingClientRect().right)})`;
    };
    const culprits: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= clientWidth + 1 || insideScroller(el)) continue;
      // only the outermost offender: its children stick out because it does
      if (el.parentElement && el.parentElement.getBoundingClientRect().right > clientWidth + 1 && !insideScroller(el.parentElement)) continue;
      culprits.push(describe(el));
      if (culprits.length >= 5) break;
    }
    // Text wider than its box (a long word, a URL) sticks out without its element doing so.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t && culprits.length < 8; t = walker.nextNode()) {
      if (!t.textContent?.trim() || !t.parentElement || insideScroller(t)) continue;
      const range = document.createRange();
      range.selectNodeContents(t);
      const right = range.getBoundingClientRect().right;
      if (right > clientWidth + 1)
        culprits.push(`text "${t.textContent.trim().slice(0, 40)}" in ${describe(t.parentElement)} (text ends at ${Math.round(right)})`);
    }
    return { scrollWidth: root.scrollWidth, clientWidth, culprits };
  });
}

/** No horizontal page scroll: the document is at most as wide as the viewport (1 px for rounding). */
export async function expectNoHorizontalOverflow(page: Page, { soft = false, label }: { soft?: boolean; label?: string } = {}) {
  const o = await horizontalOverflow(page);
  const what = label ?? new URL(page.url()).pathname;
  (soft ? expect.soft : expect)(
    o.scrollWidth,
    `${what} is ${o.scrollWidth} px wide in a ${o.clientWidth} px viewport; sticking out: ${o.culprits.join(", ") || "(none found)"}`,
  ).toBeLessThanOrEqual(o.clientWidth + 1);
}
