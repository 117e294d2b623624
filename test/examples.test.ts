/**
 * Every `@example` in the library's TSDoc runs. Examples are written as a user would in a notebook: the library's
 * public names are in scope (as after `import { … } from "emtd"` and the other entry points), `await` works at the top level, and other
 * modules are imported explicitly. Each runs in its own function on the cpu backend; a throw fails its test.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import ts from "typescript";

const root = path.resolve(__dirname, "..", "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sourceFiles(file) : name.endsWith(".ts") && !name.endsWith(".d.ts") ? [file] : [];
  });
}

interface Example {
  file: string;
  line: number;
  code: string;
}

/** The fenced code of every `@example` tag, with the file and line it starts on. */
export function extractExamples(file: string): Example[] {
  const text = readFileSync(file, "utf8");
  const examples: Example[] = [];
  const pattern = /@example\s*\n((?:\s*\*.*\n)*?)\s*\*\s*```(?:ts|typescript)?\s*\n((?:\s*\*.*\n)*?)\s*\*\s*```/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const code = match[2]!
      .split("\n")
      .map((line) => line.replace(/^\s*\* ?/, ""))
      .join("\n");
    const line = text.slice(0, match.index).split("\n").length;
    examples.push({ file: path.relative(root, file), line, code });
  }
  return examples;
}

const examples = sourceFiles(path.join(root, "src")).flatMap(extractExamples);

/** The package's entry points (package.json `exports`), as files under dist/src. */
const ENTRY_POINTS = Object.values(JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).exports as Record<string, unknown>)
  .flatMap((target) => (typeof target === "object" && target !== null ? [(target as { default: string }).default] : []))
  .map((file) => path.relative(path.join("dist", "src"), file));

test("the library documents its functions with runnable examples", () => {
  assert.ok(examples.length >= 10, `only ${examples.length} @example blocks found`);
});

for (const example of examples) {
  test(`@example in ${example.file}:${example.line} runs`, async () => {
    // Every entry point's names, as a notebook that imports from "emtd", "emtd/display", … would have them.
    const library: Record<string, unknown> = {};
    for (const entry of ENTRY_POINTS) Object.assign(library, require(path.join(root, "dist", "src", entry)) as Record<string, unknown>);
    await (library.ready as (options: object) => Promise<string>)({ backend: "cpu" });
    const js = ts.transpileModule(example.code, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const names = Object.keys(library).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
    const body = `const { ${names.join(", ")} } = library;\nreturn (async () => {\n${js}\n})();`;
    const exports = {};

    const run = new Function("library", "require", "exports", "module", body) as (...args: unknown[]) => Promise<void>;
    await run(library, require, exports, { exports });
  });
}
