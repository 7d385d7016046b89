/**
 * Repairs UTF-8 text that was decoded as Thai (Windows-874, with Windows-1252's
 * punctuation for 0x80–0x9F) somewhere upstream: a right quote (E2 80 99) arrives as
 * "โ€™", a no-break space (C2 A0) as "ย" plus a space. Bytes neither code page defines
 * were dropped on the way, so a lone "โ€" is the right double quote (E2 80 9D), the one
 * common character whose last byte is undefined.
 */
const byteOf = new Map<string, number>();
/** Windows-1252's 0x80–0x9F; the five undefined bytes are the empty slots. */
const cp1252 =
  "\u20ac \u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152 \u017d  \u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153 \u017e\u0178";
[...cp1252].forEach((c, i) => c !== " " && byteOf.set(c, 0x80 + i));
byteOf.set("\u00a0", 0xa0);
for (let b = 0xa1; b <= 0xda; b++) byteOf.set(String.fromCharCode(0x0e01 + b - 0xa1), b);
for (let b = 0xdf; b <= 0xfb; b++) byteOf.set(String.fromCharCode(0x0e3f + b - 0xdf), b);

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
const runPattern = new RegExp(`[\\u0e01-\\u0e5b][${[...byteOf.keys()].map(escape).join("")}]*`, "g");

const isContinuation = (b: number | undefined) => b !== undefined && b >= 0x80 && b <= 0xbf;

function decodeRun(run: string): string {
  const chars = [...run];
  const bytes = chars.map((c) => byteOf.get(c)!);
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
      return run; // not UTF-8 read as Thai: real Thai text, left as written
    }
  }
  return out;
}

/** Returns the repaired text; text with no mis-decoded runs comes back unchanged. */
export function repairMojibake(text: string): string {
  return text
    .replace(runPattern, decodeRun)
    .replace(/\u00a0/g, " ")
    .replace(/[ \t]+$/gm, "");
}
