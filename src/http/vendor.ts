import { Router } from "express";
import { fileURLToPath } from "node:url";

/** A file beside a package's entry point, found the way Node finds the package, so a hoisted or nested install both work. */
const beside = (name: string, relative: string) => fileURLToPath(new URL(relative, import.meta.resolve(name)));

/**
 * The charting library, from node_modules, under fixed names: the dashboard loads only
 * these files, never a CDN. Plot's UMD build expects d3 as a global, so both are plain
 * scripts from this origin and the CSP stays script-src 'self' (no import map to allow).
 */
const FILES: Record<string, string> = {
  "d3.min.js": beside("d3", "d3.min.js"),
  "plot.umd.min.js": beside("@observablehq/plot", "../dist/plot.umd.min.js"),
};

export function vendorRoutes(): Router {
  const router = Router();
  router.get("/vendor/:file", (req, res, next) => {
    const path = FILES[req.params.file];
    if (!path) return next();
    res.sendFile(path, { maxAge: "1d" });
  });
  return router;
}
