/**
 * Every `@example` in the library's TSDoc runs, and every value it shows is checked. Examples are written as a user
 * would in a notebook: the public names of every entry point in package.json `exports` are in scope (as after
 * `import { … } from "emtd"`, `"emtd/display"`, …), `await` works at the top level, and other modules are imported
 * explicitly. Each runs in its own function on wasm, the backend `ready()` chooses for a user (and the one the run's
 * measurement cache holds claims for); a throw fails its test.
 *
 * What an example shows after `// →` is compared with what the code returns (docs/examples.md says the same for
 * authors):
 * - The arrow belongs to the statement it ends (`expr; // → 0.5`, `const x = f(); // → 0.5` shows x), or, on a line
 *   of its own, to the statement just above. Its value may continue on the comment lines below, indented as `//   `.
 *   The statement runs as written; every time it runs its value is compared, and an arrow that never runs fails.
 * - Values: numbers (`-1.5`, `−1.5`, `3.2e−20`, `NaN`, `Infinity`), strings ('…' or "…" with JavaScript escapes),
 *   `true`, `false`, `null`, `undefined`, arrays `[1, 2]`, typed arrays `Float64Array [1, 2]` (the type is checked;
 *   a plain `[…]` matches any array or typed array), objects `{ a: 1, "b/c": [2] }`. A tensor is compared by its values.
 * - Tolerance: a number written with digits after the point (or an exponent) matches anything that rounds to it
 *   (`0.534` is [0.5335, 0.5345]); an integer is exact, or within float32 rounding (relative 1e-6) of a non-integer.
 *   `± t` or `± p%` after a number, array or object sets the tolerance of every number in it.
 * - `…` stands for what is not compared: any text inside a string, any items in an array (`[1, 2, …]`), any other keys
 *   in an object (`{ a: 1, … }`; without it the keys must be exactly those shown), or any value. A whole value of `…`
 *   must give its reason (`// → … (a timing)`).
 * - After the value, only ` (a note)` or `: a note` may follow.
 * - On a `console.log(…)` statement the arrow shows what it prints: the printed text itself (line by line, no note,
 *   `…` for any text), or one value with its note, compared with the single argument.
 * An arrow the grammar cannot read fails the example's test with its file:line, so nothing is skipped in silence.
 * EMTD_EXAMPLES=substring runs only the examples whose file:line contains it.
 */
import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { format } from "node:util";
import ts from "typescript";
import { differences, readShown, textMatches, type Reading } from "../../example-values";

const root = path.resolve(TEST_DIR, "..", "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sourceFiles(file) : name.endsWith(".ts") && !name.endsWith(".d.ts") ? [file] : [];
  });
}

interface Example {
  file: string;
  /** The line of the `@example` tag. */
  line: number;
  /** The line the code's first line is on. */
  codeLine: number;
  code: string;
}

/** The fenced code of every `@example` tag, with the file and line it starts on. */
export function extractExamples(file: string): Example[] {
  const text = readFileSync(file, "utf8");
  const examples: Example[] = [];
  const pattern = /@example\s*\n((?:\s*\*.*\n)*?)\s*\*\s*```(?:ts|typescript)?\s*\n((?:\s*\*.*\n)*?)\s*\*\s*```/dg;
  const lineOf = (at: number) => text.slice(0, at).split("\n").length;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const code = match[2]!
      .split("\n")
      .map((line) => line.replace(/^\s*\* ?/, ""))
      .join("\n");
    examples.push({ file: path.relative(root, file), line: lineOf(match.index), codeLine: lineOf(match.indices![2]![0]), code });
  }
  return examples;
}

/** One `// →` in an example: where it is, what it shows, and the statement it belongs to. */
interface Arrow {
  /** file:line */
  at: string;
  text: string;
  reading: Reading;
  /** What a `console.log` arrow shows, as text to compare with what it prints. */
  printed: string | null;
  statement: ts.Statement | null;
  error: string | null;
  runs: number;
}

function isConsoleLog(statement: ts.Statement): statement is ts.ExpressionStatement & { expression: ts.CallExpression } {
  if (!ts.isExpressionStatement(statement) || !ts.isCallExpression(statement.expression)) return false;
  const callee = statement.expression.expression;
  return (
    ts.isPropertyAccessExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === "console" &&
    callee.name.text === "log"
  );
}

/** The arrows of an example's source file, each tied to its statement. */
function findArrows(source: ts.SourceFile, example: Example): Arrow[] {
  const text = source.text;
  const lines = text.split("\n");
  const comments = new Map<number, ts.CommentRange>();
  const statements: ts.Statement[] = [];
  const visit = (node: ts.Node): void => {
    // Comments lie in the trivia before a node, after it on its line, or before a block's closing brace.
    const closing = (node as { statements?: ts.NodeArray<ts.Statement> }).statements?.end;
    const ranges = [
      ts.getLeadingCommentRanges(text, node.pos),
      ts.getTrailingCommentRanges(text, node.end),
      closing === undefined ? [] : ts.getLeadingCommentRanges(text, closing),
    ];
    for (const range of ranges.flatMap((r) => r ?? [])) comments.set(range.pos, range);
    if (
      ts.isExpressionStatement(node) ||
      ts.isVariableStatement(node) ||
      ts.isIfStatement(node) ||
      ts.isBlock(node) ||
      ts.isTryStatement(node) ||
      ts.isIterationStatement(node, false)
    )
      statements.push(node as ts.Statement);
    ts.forEachChild(node, visit);
  };
  visit(source);
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line;
  const arrows: Arrow[] = [];
  const seen = new Set<number>();
  for (const range of [...comments.values()].sort((a, b) => a.pos - b.pos)) {
    const comment = text.slice(range.pos, range.end);
    if (range.kind !== ts.SyntaxKind.SingleLineCommentTrivia || !comment.startsWith("// →")) continue;
    const line = lineOf(range.pos);
    seen.add(line);
    // The value continues on the comment lines below that are indented as `//   `.
    let value = comment.slice("// →".length);
    for (let next = line + 1; next < lines.length && /^\s*\/\/ {3}/.test(lines[next]!); next++)
      value += "\n" + lines[next]!.replace(/^\s*\/\/ {3}/, "");
    const ownLine = lines[line]!.trimStart().startsWith("//");
    const before = statements.filter((s) => s.end <= range.pos);
    const end = Math.max(...before.map((s) => s.end));
    // The innermost statement ending there: `if (c) f(); // → 1` shows f()'s value.
    const statement = before.filter((s) => s.end === end).sort((a, b) => b.getStart(source) - a.getStart(source))[0] ?? null;
    let error: string | null = null;
    if (statement === null || lineOf(end) !== (ownLine ? line - 1 : line))
      error = "the arrow follows no statement (put it after `expr;` or on the line below it)";
    else if (!ts.isExpressionStatement(statement) && !ts.isVariableStatement(statement))
      error = "the arrow follows a statement with no value (an expression or a declaration of one name)";
    else if (
      ts.isVariableStatement(statement) &&
      (statement.declarationList.declarations.length !== 1 || !ts.isIdentifier(statement.declarationList.declarations[0]!.name))
    )
      error = "the arrow follows a declaration that is not of one plain name";
    let reading = readShown(value);
    const printed = statement !== null && isConsoleLog(statement) ? value.replace(/^ /, "") : null;
    if (printed !== null && (statement as ts.ExpressionStatement & { expression: ts.CallExpression }).expression.arguments.length !== 1)
      reading = { error: "printed text" };
    if (error === null && "error" in reading && printed === null) error = `cannot read the value: ${reading.error}`;
    arrows.push({ at: `${example.file}:${example.codeLine + line}`, text: value.trim(), reading, printed, statement, error, runs: 0 });
  }
  lines.forEach((l, i) => {
    if (l.includes("// →") && !seen.has(i))
      arrows.push({
        at: `${example.file}:${example.codeLine + i}`,
        text: l,
        reading: { error: "" },
        printed: null,
        statement: null,
        error: "an arrow not read as a comment",
        runs: 0,
      });
  });
  return arrows;
}

/** A transformer that hands each arrow's value to `__shown(index, value)` (`__shown(index, …args)` for console.log's). */
function checkArrows(example: Example, arrows: Arrow[]): ts.TransformerFactory<ts.SourceFile> {
  return (context) => (source) => {
    arrows.push(...findArrows(source, example));
    const f = context.factory;
    const index = new Map(arrows.map((a, i) => [a.statement, i] as const));
    const call = (name: string, i: number, args: readonly ts.Expression[]) =>
      f.createExpressionStatement(f.createCallExpression(f.createIdentifier(name), undefined, [f.createNumericLiteral(i), ...args]));
    const visit = (node: ts.Node): ts.VisitResult<ts.Node> => {
      const visited = ts.visitEachChild(node, visit, context);
      const i = index.get(node as ts.Statement);
      if (i === undefined || arrows[i]!.error !== null) return visited;
      if (ts.isVariableStatement(node))
        return [visited, call("__shown", i, [f.createIdentifier((node.declarationList.declarations[0]!.name as ts.Identifier).text)])];
      const expression = (visited as ts.ExpressionStatement).expression;
      if (isConsoleLog(node as ts.Statement)) return call("__shown", i, (expression as ts.CallExpression).arguments);
      return call("__shown", i, [expression]);
    };
    return ts.visitEachChild(source, visit, context);
  };
}

/** How the value an arrow's statement produced (or the arguments it printed) differs from what the arrow shows. */
function compare(arrow: Arrow, args: unknown[]): string[] {
  const shown = "error" in arrow.reading ? null : differences(arrow.reading.shown, args[0]);
  if (arrow.printed === null || shown?.length === 0) return shown ?? [];
  // What console.log prints: the text itself, or one value (compared above).
  const text = format(...args);
  return textMatches(arrow.printed, text) ? [] : [`prints ${JSON.stringify(text)}`, ...(shown ?? [])];
}

const filter = process.env.EMTD_EXAMPLES;
const examples = sourceFiles(path.join(root, "src"))
  .flatMap(extractExamples)
  .filter((e) => !filter || `${e.file}:${e.line}`.includes(filter));

/** The package's entry points (package.json `exports`), as files. */
function entryPoints(): string[] {
  const exports = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { exports: Record<string, unknown> }).exports;
  return Object.entries(exports).flatMap(([subpath, target]) => {
    const file =
      typeof target === "string"
        ? target
        : ((target as { require?: string; default?: string }).require ?? (target as { default?: string }).default);
    return subpath === "./package.json" || typeof file !== "string" || !file.endsWith(".js") ? [] : [path.join(root, file)];
  });
}

test("the library documents its functions with runnable examples", () => {
  if (!filter) assert.ok(examples.length >= 10, `only ${examples.length} @example blocks found`);
  assert.ok(entryPoints().length >= 2, "package.json exports lists the entry points");
});

for (const example of examples) {
  test(`@example in ${example.file}:${example.line} runs and shows what it returns`, async () => {
    // Every entry point's names, as a notebook that imports from "emtd", "emtd/display", … would have them.
    const library: Record<string, unknown> = {};
    for (const entry of entryPoints()) Object.assign(library, require(entry) as Record<string, unknown>);
    await (library.ready as (options: object) => Promise<string>)({ backend: "wasm" });
    const arrows: Arrow[] = [];
    const js = ts.transpileModule(example.code, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
      transformers: { before: [checkArrows(example, arrows)] },
    }).outputText;
    const problems: string[] = [];
    const seen = (i: number, ...args: unknown[]) => {
      const arrow = arrows[i]!;
      arrow.runs++;
      for (const p of compare(arrow, args)) problems.push(`${arrow.at}: // → ${arrow.text.split("\n")[0]}: ${p}`);
    };
    const names = Object.keys(library).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
    const body = `const { ${names.join(", ")} } = library;\nreturn (async () => {\n${js}\n})();`;
    const exports = {};
    const run = new Function("library", "require", "exports", "module", "__shown", body) as (...args: unknown[]) => Promise<void>;
    await run(library, require, exports, { exports }, seen);
    for (const arrow of arrows) {
      if (arrow.error !== null) problems.push(`${arrow.at}: // → ${arrow.text.split("\n")[0]}: ${arrow.error}`);
      else if (arrow.runs === 0) problems.push(`${arrow.at}: // → ${arrow.text.split("\n")[0]}: never runs`);
    }
    assert.deepEqual(problems, [], problems.join("\n"));
  });
}
