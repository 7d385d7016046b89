import type { RequestHandler } from "express";

/** What a page on an allowed origin may send: the bearer token, JSON bodies, and an SSE resume point. */
const ALLOWED_HEADERS = "Authorization, Content-Type, Last-Event-ID";

/**
 * Cross-origin access for the listed origins only. With none listed nothing is added, and a
 * browser keeps other sites' pages from reading the API. Cookies never cross origins (no
 * Allow-Credentials): a page elsewhere must hold a token of its own.
 */
export function allowOrigins(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    res.vary("Origin");
    const origin = req.get("origin");
    if (origin === undefined || !allowed.has(origin)) return next();
    // The history's next page is in its Link header, and an export's moment in Parley-Known-At: a page elsewhere needs both.
    res.set({ "Access-Control-Allow-Origin": origin, "Access-Control-Expose-Headers": "Link, Parley-Known-At" });
    if (req.method !== "OPTIONS") return next();
    res.set({ "Access-Control-Allow-Methods": "GET, POST", "Access-Control-Allow-Headers": ALLOWED_HEADERS, "Access-Control-Max-Age": "600" });
    res.status(204).end();
  };
}
