// Lint for the next reader: type-aware rules that catch real bugs (a promise left floating, a switch that misses a
// member of a union, a promise handed where a callback is expected) and no import cycle in the code that ships.
// Prettier owns layout, so no stylistic rule lives here.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import globals from "globals";

export default tseslint.config(
  {
    ignores: ["node_modules/", "history/", "docs/bench/", "data/", "test/artifacts/", "scripts/bench/emmett-postgresql/", "bench-results/"],
  },
  js.configs.recommended,
  {
    files: ["**/*.ts"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A projection switches over the whole catalogue and folds a few kinds: its `default` is the exhaustive answer.
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      // A listener that is called before the value it reads is assigned (the store and its notifier) keeps its `let`.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
      // `_name` leaves a field out of a rest copy or a parameter unused on purpose.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
      // `any` enters only where text is parsed (JSON.parse, res.json(), driver rows, commander options), and zod or an assertion checks it next; typing each site would touch some 40 files.
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      // The store port is async; the memory and SQLite stores answer synchronously behind it, on purpose.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // The engine and the pure domain: a cycle here means two modules that cannot be read one at a time.
    files: ["src/**/*.ts", "events/**/*.ts", "projections/**/*.ts", "src/http/dashboard/**/*.js"],
    plugins: { "import-x": importX },
    // Imports name their files whole (`./chronicle.ts`), so Node's own resolution finds them; without a resolver and a
    // parser for the files it follows, the rule silently sees no import at all.
    settings: {
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".js", ".json"] })],
      "import-x/extensions": [".ts", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts"] },
    },
    rules: { "import-x/no-cycle": "error" },
  },
  {
    // The dashboard runs in the browser as plain ES modules; d3 and Plot arrive as globals from /vendor/ scripts.
    files: ["src/http/dashboard/**/*.js"],
    languageOptions: { globals: { ...globals.browser, Plot: "readonly", d3: "readonly" } },
  },
  {
    files: ["bin/**/*.js", "eslint.config.js"],
    languageOptions: { globals: globals.node },
  },
);
