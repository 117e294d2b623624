/**
 * The package's public surface, read from its declarations: every entry point of package.json `exports`, each exported
 * name with whether it exists at run time and its signature on one line. `renderReport` writes it as
 * docs/api-report.md and `renderNameList` the names alone into docs/library.md; test/unit/house/api.test.ts regenerates
 * the report in memory and compares, and fails on an exported name docs/library.md does not list. Regenerate (on purpose, after changing
 * an entry point): `npm run api-report` (builds, then `node dist/test/api-surface.js --write`).
 *
 * Why not API Extractor: 7.60 takes one entry point per run and stops on the root's `export * as tf` of tfjs
 * ("Unsupported export Tensor"); one TypeScript program over all entry points takes a few seconds.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import ts from "typescript";

export const ROOT = path.resolve(__dirname, "..", "..");
export const REPORT_FILE = path.join(ROOT, "docs", "api-report.md");
/** docs/library.md: its section between the NAMES markers lists every entry point's names (written with the report). */
export const LIBRARY_FILE = path.join(ROOT, "docs", "library.md");
const NAMES_START = "<!-- names: written by npm run api-report; test/unit/house/api.test.ts fails on an export not listed -->";
const NAMES_END = "<!-- /names -->";

export interface EntryPoint {
  /** The import specifier: "emtd", "emtd/stats", … */
  specifier: string;
  /** The declaration file, relative to the package root: "dist/src/index.d.ts". */
  types: string;
  /** The module file, relative to the package root: "dist/src/index.js". */
  module: string;
}

export interface ApiName {
  name: string;
  /** A value at run time (function, constant, class, namespace), not a type only. */
  runtime: boolean;
  /** Its declaration(s), comments dropped, on one line. */
  signature: string;
  /** Files (relative to the package root) that declare it. */
  files: string[];
  /** A declaration of it carries a `@deprecated` tag. */
  deprecated: boolean;
}

/** The entry points of package.json `exports`, in its order. */
export function entryPoints(root = ROOT): EntryPoint[] {
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
    exports: Record<string, string | { types: string; default: string }>;
  };
  return Object.entries(pkg.exports).flatMap(([sub, target]) =>
    typeof target === "object"
      ? [
          {
            specifier: sub === "." ? "emtd" : `emtd/${sub.slice(2)}`,
            types: path.normalize(target.types),
            module: path.normalize(target.default),
          },
        ]
      : [],
  );
}

const printer = ts.createPrinter({ removeComments: true });

/**
 * The node with the members of every union in it sorted by their text (null and undefined last, as tsc writes them).
 * tsc prints an inferred union in the order its checker first met the members, which differs between a clean build
 * and an incremental one (`tsc -b` after an edit printed `"tensorflow" | "wasm" | "cpu" | "webgpu"` where a clean
 * build printed `"wasm" | … | "tensorflow"`): sorted, the report is the same whatever build wrote dist/.
 */
function sortedUnions(node: ts.Node, file: ts.SourceFile): ts.Node {
  const key = (n: ts.Node) => {
    const text = printer.printNode(ts.EmitHint.Unspecified, n, file);
    return text === "null" || text === "undefined" ? `~${text}` : text;
  };
  const sorter: ts.TransformerFactory<ts.Node> = (context) => {
    const visit = (n: ts.Node): ts.Node => {
      const visited = ts.visitEachChild(n, visit, context);
      if (!ts.isUnionTypeNode(visited)) return visited;
      const members = [...visited.types].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
      return ts.factory.updateUnionTypeNode(visited, ts.factory.createNodeArray(members));
    };
    return visit;
  };
  const result = ts.transform(node, [sorter]);
  const sorted = result.transformed[0]!;
  result.dispose();
  return sorted;
}

/** A declaration as one line: no comments, no `export`/`declare`, unions sorted, whitespace collapsed. */
function oneLine(node: ts.Node): string {
  const text = printer.printNode(ts.EmitHint.Unspecified, sortedUnions(node, node.getSourceFile()), node.getSourceFile());
  return text
    .replace(/\s+/g, " ")
    .replace(/^(export )?(default )?(declare )?/, "")
    .trim();
}

function signatureOf(symbol: ts.Symbol, checker: ts.TypeChecker, root: string): string {
  const declarations = symbol.declarations ?? [];
  const parts = declarations.map((d) => {
    if (ts.isSourceFile(d)) {
      const file = path.relative(root, d.fileName);
      const external = /node_modules[\\/](@[^\\/]+[\\/][^\\/]+|[^\\/]+)/.exec(file);
      if (external) return `namespace from "${external[1]!.replace(/\\/g, "/")}"`;
      const members = checker
        .getExportsOfModule(symbol)
        .map((s) => s.name)
        .sort();
      return `namespace { ${members.join(", ")} }`;
    }
    if (ts.isVariableDeclaration(d)) {
      const list = d.parent;
      const kind = ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const ? "const" : "let";
      return `${kind} ${d.name.getText()}: ${d.type ? oneLine(d.type) : checker.typeToString(checker.getTypeAtLocation(d))};`;
    }
    return oneLine(d);
  });
  return parts.join(" ");
}

/** Every entry point's exported names, sorted, read from dist/ (build first). */
export function apiSurface(root = ROOT): Map<string, ApiName[]> {
  const entries = entryPoints(root);
  const program = ts.createProgram(
    entries.map((e) => path.join(root, e.types)),
    {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      skipLibCheck: true,
      noEmit: true,
      types: ["node"],
    },
  );
  const checker = program.getTypeChecker();
  const surface = new Map<string, ApiName[]>();
  for (const entry of entries) {
    const file = program.getSourceFile(path.join(root, entry.types));
    if (!file) throw new Error(`${entry.specifier}: ${entry.types} is missing (build first: npm run build)`);
    const moduleSymbol = checker.getSymbolAtLocation(file);
    const exported = moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : [];
    const names = exported.map((symbol): ApiName => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const runtime = (target.flags & ts.SymbolFlags.Value) !== 0;
      const files = [...new Set((target.declarations ?? []).map((d) => path.relative(root, d.getSourceFile().fileName)))];
      let signature = signatureOf(target, checker, root);
      if (target.name !== symbol.name && target.name !== "export=" && !target.name.startsWith('"'))
        signature += ` (exported as ${symbol.name})`;
      const deprecated = (target.declarations ?? []).some((d) => ts.getJSDocTags(d).some((t) => t.tagName.text === "deprecated"));
      return { name: symbol.name, runtime, signature, files, deprecated };
    });
    surface.set(
      entry.specifier,
      names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    );
  }
  return surface;
}

/** The report: per entry point, its counts and one line per name ("name  signature"). */
export function renderReport(surface: Map<string, ApiName[]>): string {
  const lines = [
    "# API report",
    "",
    "Generated by `npm run api-report` from the declarations of every entry point of package.json `exports` (do not edit;",
    "test/unit/house/api.test.ts fails when the surface differs from this file). One line per exported name: its name, `value` (it",
    "exists at run time) or `type`, and its declaration.",
  ];
  for (const [specifier, names] of surface) {
    const runtime = names.filter((n) => n.runtime).length;
    lines.push("", `## ${specifier}`, "", `${names.length} names: ${runtime} values, ${names.length - runtime} types.`, "", "```ts");
    for (const n of names) lines.push(`${n.name} ${n.runtime ? "value" : "type"} ${n.signature}`);
    lines.push("```");
  }
  return lines.join("\n") + "\n";
}

/** One entry point's names as docs/library.md lists them: values, then types, each alphabetical, in backticks. */
function nameParagraph(specifier: string, names: ApiName[]): string {
  const list = (runtime: boolean) =>
    names
      .filter((n) => n.runtime === runtime)
      .map((n) => `\`${n.name}\``)
      .join(", ");
  const values = list(true),
    types = list(false);
  const parts = [values && `values ${values}`, types && `types ${types}`].filter(Boolean).join("; ");
  // Wrapped at 120 characters so the file stays readable as text; markdown joins the lines.
  const words = `**\`${specifier}\`** (${names.length}): ${parts}.`.split(" ");
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last]!.length + 1 + word.length <= 120) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines.join("\n");
}

/** The NAMES section of docs/library.md: one paragraph per entry point, in package.json's order. */
export function renderNameList(surface: Map<string, ApiName[]>): string {
  return [NAMES_START, ...[...surface].map(([specifier, names]) => nameParagraph(specifier, names)), NAMES_END].join("\n\n");
}

/** `library` (docs/library.md's text) with its NAMES section replaced by `list`. */
export function withNameList(library: string, list: string): string {
  const start = library.indexOf(NAMES_START),
    end = library.indexOf(NAMES_END);
  if (start < 0 || end < start) throw new Error(`docs/library.md: the markers ${NAMES_START} … ${NAMES_END} are missing`);
  return library.slice(0, start) + list + library.slice(end + NAMES_END.length);
}

/** The names docs/library.md lists, by entry point ("emtd", "emtd/stats", …), read from its NAMES section. */
export function listedNames(library: string): Map<string, Set<string>> {
  const start = library.indexOf(NAMES_START),
    end = library.indexOf(NAMES_END);
  const out = new Map<string, Set<string>>();
  if (start < 0 || end < start) return out;
  for (const paragraph of library.slice(start + NAMES_START.length, end).split(/\n\s*\n/)) {
    const head = /^\*\*`([^`]+)`\*\*/.exec(paragraph.trim());
    if (!head) continue;
    const body = paragraph.slice(paragraph.indexOf(":") + 1);
    out.set(head[1]!, new Set([...body.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)));
  }
  return out;
}

/** "emtd/x name" for each exported name `listed` lacks (unlisted) and each listed name not exported (stale). */
export function unlistedNames(surface: Map<string, ApiName[]>, listed: Map<string, Set<string>>): { unlisted: string[]; stale: string[] } {
  const unlisted: string[] = [],
    stale: string[] = [];
  for (const [specifier, names] of surface) {
    const have = listed.get(specifier) ?? new Set<string>();
    for (const n of names) if (!have.has(n.name)) unlisted.push(`${specifier} ${n.name}`);
  }
  for (const [specifier, have] of listed) {
    const exported = new Set((surface.get(specifier) ?? []).map((n) => n.name));
    for (const name of have) if (!exported.has(name)) stale.push(`${specifier} ${name}`);
  }
  return { unlisted, stale };
}

/** The report's lines by entry point and name, to say which names changed between two reports. */
export function reportLines(report: string): Map<string, string> {
  const out = new Map<string, string>();
  let entry = "";
  for (const line of report.split("\n")) {
    const heading = /^## (\S+)$/.exec(line);
    if (heading) entry = heading[1]!;
    else if (entry && /^\S+ (value|type) /.test(line)) out.set(`${entry} ${line.split(" ")[0]}`, line);
  }
  return out;
}

/** The names (as "emtd/x name") added, removed or changed from `before` to `after`. */
export function changedNames(before: string, after: string): { added: string[]; removed: string[]; changed: string[] } {
  const a = reportLines(before),
    b = reportLines(after);
  return {
    added: [...b.keys()].filter((k) => !a.has(k)),
    removed: [...a.keys()].filter((k) => !b.has(k)),
    changed: [...b.keys()].filter((k) => a.has(k) && a.get(k) !== b.get(k)),
  };
}

if (require.main === module) {
  const surface = apiSurface();
  const report = renderReport(surface);
  if (process.argv.includes("--write")) {
    writeFileSync(REPORT_FILE, report);
    writeFileSync(LIBRARY_FILE, withNameList(readFileSync(LIBRARY_FILE, "utf8"), renderNameList(surface)));
    console.log(`wrote ${path.relative(process.cwd(), REPORT_FILE)} and the names in ${path.relative(process.cwd(), LIBRARY_FILE)}`);
  } else process.stdout.write(report);
}
