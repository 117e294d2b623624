// ESLint (flat config) with typescript-eslint's recommended rules, tuned where the project's own conventions differ
// (formatting is Prettier's job; see .prettierrc.json).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "docs/api/**", "out/**", "figures/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      // Typed arrays are indexed in every hot loop; `x[i]!` is the checked idiom under noUncheckedIndexedAccess-style code.
      "@typescript-eslint/no-non-null-assertion": "off",
      // CommonJS requires are deliberate where a module loads lazily (playwright, the CLI registry, tslab internals).
      "@typescript-eslint/no-require-imports": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    // Tests read untyped JSON (kernel messages, notebooks, manifests) and poke at it.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: {
      globals: {
        require: "readonly",
        module: "writable",
        process: "readonly",
        __dirname: "readonly",
        console: "readonly",
        Buffer: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
