// Building the page from data without ever parsing data as HTML: every string becomes a text node.

/** `el("p", { class: "x" }, "text", child)`: attributes by setAttribute, `on*` as listeners, strings as text. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export const byId = (id) => document.getElementById(id);

/** Replaces a container's contents. */
export const fill = (id, ...children) => byId(id).replaceChildren(...children.flat(Infinity).filter(Boolean));
