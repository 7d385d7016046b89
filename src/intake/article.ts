import { SOURCE_TEXT_LIMIT_BYTES } from "../../events/source-filed.ts";

/** The largest article drafting reads: the cap on a filed source, so every drafted article can be filed. */
export const ARTICLE_LIMIT_BYTES = SOURCE_TEXT_LIMIT_BYTES;

/** An article over the cap: refused whole, never truncated, so no draft rests on half a text. */
export class ArticleTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`the article is ${bytes} bytes; drafting reads at most ${ARTICLE_LIMIT_BYTES} bytes (200 kB) and never truncates: split it and draft each part`);
    this.name = "ArticleTooLargeError";
  }
}

export function checkArticleSize(text: string): void {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > ARTICLE_LIMIT_BYTES) throw new ArticleTooLargeError(bytes);
}
