/** Text for XML 1.0 (Atom, SVG): the control characters it cannot carry at all are dropped, the rest escaped. */
export const xml = (value: string) =>
  // eslint-disable-next-line no-control-regex -- these are the characters XML 1.0 cannot carry
  value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "").replace(/[&<>"']/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[c]};`);
