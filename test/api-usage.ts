/**
 * What the documents a user reads import from the package: every `import { … } from "emtd…"` and
 * `const { … } = require("emtd…")` in the notebooks' code cells, templates/, README.md, docs/ and scripts/. Run
 * `node dist/test/api-usage.js` for the names each entry point is imported for, counted by document; test/unit/house/api.test.ts
 * checks that each imported name is exported by the entry point it is imported from.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

export interface ImportUse {
  /** The document, relative to the package root. */
  file: string;
  /** "emtd", "emtd/display", … */
  specifier: string;
  /** The imported names (before any `as`), without `type`. */
  names: string[];
}

const IMPORT = /import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*["'](emtd(?:\/[\w-]+)?)["']/g;
const REQUIRE = /(?:const|let|var)\s*\{([^}]*)\}\s*=\s*require\(\s*["'](emtd(?:\/[\w-]+)?)["']\s*\)/g;

/** The package imports in a text (code or markdown). */
export function importsIn(text: string, file = ""): ImportUse[] {
  const uses: ImportUse[] = [];
  for (const [pattern, separator] of [
    [IMPORT, " as "],
    [REQUIRE, ":"],
  ] as const) {
    for (const match of text.matchAll(pattern)) {
      const names = match[1]!
        .split(",")
        .map((part) =>
          part
            .replace(/^\s*type\s+/, "")
            .split(separator)[0]!
            .trim(),
        )
        .filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
      uses.push({ file, specifier: match[2]!, names });
    }
  }
  return uses;
}

function filesUnder(dir: string, suffixes: string[]): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return filesUnder(file, suffixes);
    return suffixes.some((s) => name.endsWith(s)) ? [file] : [];
  });
}

/** The code of a notebook's code cells, joined. */
export function notebookCode(file: string): string {
  const nb = JSON.parse(readFileSync(file, "utf8")) as { cells: Array<{ cell_type: string; source: string | string[] }> };
  return nb.cells
    .filter((c) => c.cell_type === "code")
    .map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source))
    .join("\n");
}

/** Every package import in the notebooks, templates, README, docs and scripts. */
export function documentImports(root = ROOT): ImportUse[] {
  const files = [
    ...filesUnder(path.join(root, "notebooks"), [".ipynb"]),
    ...filesUnder(path.join(root, "templates"), [".ts"]),
    path.join(root, "README.md"),
    ...filesUnder(path.join(root, "docs"), [".md"]).filter((f) => !f.includes(`${path.sep}api${path.sep}`)),
    ...filesUnder(path.join(root, "scripts"), [".ts", ".js"]),
  ];
  return files.flatMap((file) => {
    const text = file.endsWith(".ipynb") ? notebookCode(file) : readFileSync(file, "utf8");
    return importsIn(text, path.relative(root, file));
  });
}

if (require.main === module) {
  const byName = new Map<string, Set<string>>();
  for (const use of documentImports())
    for (const name of use.names) {
      const id = `${use.specifier} ${name}`;
      if (!byName.has(id)) byName.set(id, new Set());
      byName.get(id)!.add(use.file);
    }
  const rows = [...byName].sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1));
  for (const [id, files] of rows) console.log(`${String(files.size).padStart(3)}  ${id}`);
}
