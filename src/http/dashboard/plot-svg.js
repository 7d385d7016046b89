// What every Plot chart needs before it enters this page.

const DAY_MS = 86_400_000;
const SVG = "http://www.w3.org/2000/svg";

/** A day number (days since 1970, fractions allowed) as the Date Plot's time scales take. */
export const dateOf = (day) => new Date(day * DAY_MS);

/**
 * Plot puts a <style> element in each chart. The page's CSP (style-src 'self') would refuse it
 * once attached, so it is taken out while the chart is still detached; style.css carries the
 * same rules for the class Plot uses. `role` is "img" for a picture, "group" for one whose
 * parts can be reached with the keyboard (an image may not hold controls).
 */
export function adopt(svg, { role, label }) {
  svg.querySelectorAll("style").forEach((s) => s.remove());
  svg.setAttribute("role", role);
  svg.setAttribute("aria-label", label);
  return svg;
}

/** The hatching tentative spans are drawn with. */
export function hatch(svg) {
  const make = (tag, attrs) => Object.entries(attrs).reduce((n, [k, v]) => (n.setAttribute(k, v), n), document.createElementNS(SVG, tag));
  const pattern = make("pattern", { id: "parley-hatch", patternUnits: "userSpaceOnUse", width: "6", height: "6", patternTransform: "rotate(45)" });
  pattern.append(make("rect", { width: "2", height: "6", fill: "#1d2433", "fill-opacity": "0.45" }));
  const defs = make("defs", {});
  defs.append(pattern);
  svg.prepend(defs);
}
