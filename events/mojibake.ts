/**
 * Repairs UTF-8 text that was decoded as Windows-874 (Thai) somewhere upstream: a right
 * quote (E2 80 99) arrives as "โ€™", a no-break space (C2 A0) as "ย" plus a space.
 * Bytes that Windows-874 leaves undefined were dropped on the way, so a lone "โ€" is
 * the right double quote (E2 80 9D), the one common character whose last byte is undefined.
 */
const cp874High: Record<string, number> = { "\u20ac": 0x80, "\u2026": 0x85, "\u00a0": 0xa0 };
"\u2018\u2019\u201c\u201d\u2022\u2013\u2014".split("").forEach((c, i) => (cp874High[c] = 0x91 + i));
for (let b = 0xa1; b <= 0xda; b++) cp874High[String.fromCharCode(0x0e01 + b - 0xa1)] = b;
for (let b = 0xdf; b <= 0xfb; b++) cp874High[String.fromCharCode(0x0e3f + b - 0xdf)] = b;

const isContinuation = (b: number | undefined) => b !== undefined && b >= 0x80 && b <= 0xbf;

function decodeRun(run: string): string {
  const chars = [...run];
  const bytes = chars.map((c) => cp874High[c]!);
  let out = "";
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const need = lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xc2 && lead <= 0xdf ? 1 : 0;
    const tail = bytes.slice(i + 1, i + 1 + need);
    if (need > 0 && tail.length === need && tail.every(isContinuation)) {
      out += Buffer.from([lead, ...tail]).toString("utf8");
      i += need + 1;
    } else if (lead === 0xe2 && bytes[i + 1] === 0x80) {
      out += "\u201d"; // E2 80 9D lost its undefined last byte
      i += 2;
    } else if (lead === 0xc2) {
      i += 1; // a lead byte whose continuation was lost: a stray no-break-space marker
    } else {
      out += chars[i];
      i += 1;
    }
  }
  return out;
}

/** Returns the repaired text; text with no mis-decoded runs comes back unchanged. */
export function repairMojibake(text: string): string {
  return text
    .replace(/[\u0e01-\u0e5b][\u0e01-\u0e5b\u20ac\u2026\u00a0\u2018-\u201d\u2022\u2013\u2014]*/g, decodeRun)
    .replace(/\u00a0/g, " ")
    .replace(/[ \t]+$/gm, "");
}
