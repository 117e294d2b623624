/**
 * tslab's TypeScript compile step (its converter: type-check a cell against the earlier cells' declarations and
 * emit CommonJS), loaded with two changes made from outside, without forking tslab:
 * - source maps: both of tslab's emit steps are asked for a map, and the composed map (run code → cell line) of
 *   the last conversion is kept, so errors point at the line the user typed;
 * - library resolution: the compiler sees `<notebook folder>/node_modules/<library>` as the checkout the kernel
 *   was installed from, so `import { … } from "emtd"` type-checks in a folder anywhere on disk.
 * Both are done by handing tslab a copy of its TypeScript module (its exports are read-only getters) through the
 * require cache before tslab's converter is first loaded; call {@link loadCompiler} once, before any other use.
 */
import Module from "node:module";
import * as path from "node:path";
import { compose, decodeMappings, type Segment, takeInlineMap } from "./sourcemap";

export interface Diagnostic {
  start: { line: number; character: number };
  messageText: string;
  fileName?: string;
}

export interface Conversion {
  output?: string;
  declOutput?: string;
  diagnostics: Diagnostic[];
  lastExpressionVar?: string;
  hasToplevelAwait?: boolean;
  sideOutputs?: Array<{ path: string; data: string }>;
}

export interface Converter {
  convert(prevDecl: string, src: string): Conversion;
  inspect(prevDecl: string, src: string, position: number): unknown;
  complete(prevDecl: string, src: string, position: number): { start: number; end: number; candidates: string[] };
  addModule(name: string, content: string, meta?: unknown): Diagnostic[];
  close(): void;
}

/** A cell with its shorthands written out, and the way back from its columns to the cell's own. */
export interface Expanded {
  code: string;
  /** The cell's column (0-based) of `column` on `line` of the expanded code (lines are the same). */
  originalColumn(line: number, column: number): number;
}

/** Insert `": name"` after each shorthand name ending at an offset in `ends`; see {@link Compiler.expandShorthands}. */
export function insertAfterNames(code: string, ends: readonly number[]): Expanded {
  return insertTexts(
    code,
    ends.map((at) => ({ at, text: `: ${code.slice(0, at).match(/[\p{L}\p{N}_$]+$/u)?.[0] ?? ""}` })),
  );
}

/**
 * Insert each `text` at offset `at` of `code` (the given order for one offset), with the way back from the columns
 * of the result to the code's own: a column inside inserted text maps to the offset it was inserted at.
 */
export function insertTexts(code: string, inserts: ReadonlyArray<{ at: number; text: string }>): Expanded {
  // Per line: [expanded column where inserted text starts, its length].
  const inserted = new Map<number, Array<[number, number]>>();
  let out = "";
  let from = 0;
  for (const { at, text } of [...inserts].sort((a, b) => a.at - b.at)) {
    const lineStart = code.lastIndexOf("\n", at - 1) + 1;
    const line = code.slice(0, lineStart).split("\n").length - 1;
    const list = inserted.get(line) ?? [];
    const before = list.reduce((sum, [, length]) => sum + length, 0);
    list.push([at - lineStart + before, text.length]);
    inserted.set(line, list);
    out += code.slice(from, at) + text;
    from = at;
  }
  out += code.slice(from);
  return {
    code: out,
    originalColumn(line, column) {
      let shift = 0;
      for (const [at, length] of inserted.get(line) ?? []) {
        if (column >= at + length) shift += length;
        else if (column >= at) return at - shift; // inside inserted text: where it was inserted
      }
      return column - shift;
    },
  };
}

/** A top-level statement of a cell: where it ends (an offset in the cell) and the values it declares. */
export interface TopStatement {
  end: number;
  names: string[];
}

export interface Compiler {
  converter: Converter;
  /**
   * `code` with every object shorthand `{ x }` written out as `{ x: x }`: the same program, but tslab rewrites a
   * name from an earlier cell (to `exports.x`) only where it is not a shorthand. Lines are kept; columns after an
   * expansion on its line move by the inserted text.
   */
  expandShorthands(code: string): Expanded;
  /**
   * {@link expandShorthands}, and after each top-level statement but the last `mark(k)` (k statements done, from
   * 1), with the cell's top-level statements: what a cell that fails had completed (see evaluate.ts).
   */
  expandAndMark(code: string, mark: (done: number) => string): Expanded & { statements: TopStatement[] };
  /** Map of the code of the last `convert`: generated line → cell line (0-based, the cell's own lines). */
  lastMap(): Segment[][] | null;
  /**
   * `script` with its async functions (and async iteration) written as generators under `this.__awaiter` (see
   * steps.ts), with the map back to `script`; null when it has no async code or this TypeScript lacks the transforms.
   */
  stepAsync(script: string): { code: string; map: Segment[][] } | null;
  isComplete(code: string): { completed: boolean; indent?: string };
  getCodeMetadata(code: string): { mode?: "node" | "browser"; module?: string };
  printQuickInfo(info: unknown): string;
  /** tslab's version, for the kernel banner. */
  tslabVersion: string;
  typescriptVersion: string;
}

/** Runs a watcher's callback, dropping tslab's throw for a rebuild asked for while one is pending (see loadCompiler). */
function dropSecondRebuild(notice: () => void): void {
  try {
    notice();
  } catch (e) {
    if (!(e instanceof Error && e.message === "Unexpected pending rebuildTimer")) throw e;
  }
}

/** The folder of the installed tslab package. */
export function tslabDirectory(): string {
  return path.dirname(require.resolve("tslab/package.json"));
}

/**
 * Paths under `<cwd>/node_modules/<name>` (and the same under every ancestor of cwd) seen as `root`: what
 * `require` does at run time through the kernel's resolver, for the type checker.
 */
function forwarder(cwd: string, name: string, root: string): (p: string) => string {
  const marker = `${path.sep}node_modules${path.sep}${name}`;
  return (p: string) => {
    const at = p.indexOf(marker);
    if (at < 0) return p;
    const rest = p.slice(at + marker.length);
    if (rest !== "" && !rest.startsWith(path.sep)) return p;
    // Only for the notebook's folder and its ancestors: a dependency's own nested copy stays itself.
    if (!cwd.startsWith(p.slice(0, at) || path.sep)) return p;
    return path.join(root, rest);
  };
}

/**
 * A transformer (after the async ones) that names each generator TypeScript hands `__awaiter` after the async
 * function it came from, `({ g: function* () {…} }).g`: a traceback then reads "at g (cell 3, …)" as it did for the
 * async function, and no name is bound inside the body (a recursive `g()` still calls the async function).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- nodes of tslab's own TypeScript (types of another copy)
function nameSteps(ts: any): (context: any) => (file: any) => any {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  return (context: any) => (file: any) => {
    const f = context.factory;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
    const nameOf = (node: any): string | undefined => (node?.name && ts.isIdentifier(node.name) ? ts.idText(node.name) : undefined);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
    const named = (call: any, name: string): any => {
      const body = call?.arguments?.[3];
      if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || ts.idText(call.expression) !== "__awaiter") return null;
      if (!body || !ts.isFunctionExpression(body) || !body.asteriskToken || body.name) return null;
      const generator = f.createPropertyAccessExpression(
        f.createParenthesizedExpression(f.createObjectLiteralExpression([f.createPropertyAssignment(name, body)])),
        name,
      );
      return f.updateCallExpression(call, call.expression, call.typeArguments, [...call.arguments.slice(0, 3), generator]);
    };
    /** `given`: the name a declaration gives the function it holds (`const g = async () => …`). */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
    const visit = (node: any, given: string | undefined): any => {
      const passes = ts.isVariableDeclaration(node) || ts.isPropertyAssignment(node) || ts.isPropertyDeclaration(node);
      const down = passes ? nameOf(node) : ts.isParenthesizedExpression(node) ? given : undefined;
      const visited = ts.visitEachChild(node, (child: unknown) => visit(child, down), context);
      const name = ts.isFunctionLike(visited) ? (nameOf(visited) ?? given) : undefined;
      if (!name || !visited.body) return visited;
      // An arrow's body is the __awaiter call; a function's body returns it (TypeScript's two shapes).
      if (ts.isArrowFunction(visited) && ts.isCallExpression(visited.body)) {
        const call = named(visited.body, name);
        return call
          ? f.updateArrowFunction(
              visited,
              visited.modifiers,
              visited.typeParameters,
              visited.parameters,
              visited.type,
              visited.equalsGreaterThanToken,
              call,
            )
          : visited;
      }
      const statements = ts.isBlock(visited.body) ? visited.body.statements : [];
      const last = statements[statements.length - 1];
      if (!last || !ts.isReturnStatement(last)) return visited;
      const call = named(last.expression, name);
      if (!call) return visited;
      const block = f.updateBlock(visited.body, [...statements.slice(0, -1), f.updateReturnStatement(last, call)]);
      return ts.isFunctionDeclaration(visited)
        ? f.updateFunctionDeclaration(
            visited,
            visited.modifiers,
            visited.asteriskToken,
            visited.name,
            visited.typeParameters,
            visited.parameters,
            visited.type,
            block,
          )
        : ts.isFunctionExpression(visited)
          ? f.updateFunctionExpression(
              visited,
              visited.modifiers,
              visited.asteriskToken,
              visited.name,
              visited.typeParameters,
              visited.parameters,
              visited.type,
              block,
            )
          : ts.isMethodDeclaration(visited)
            ? f.updateMethodDeclaration(
                visited,
                visited.modifiers,
                visited.asteriskToken,
                visited.name,
                visited.questionToken,
                visited.typeParameters,
                visited.parameters,
                visited.type,
                block,
              )
            : visited;
    };
    return visit(file, undefined);
  };
}

let loaded: Compiler | null = null;

/** TS5096: "Option 'allowImportingTsExtensions' can only be used when either 'noEmit' or 'emitDeclarationOnly' is set." */
const TS_EXTENSIONS_NEED_NO_EMIT = 5096;

/**
 * Load tslab's converter for code run in `cwd`, resolving the package `name` to `root`. Once per process:
 * tslab keeps one TypeScript program per converter, and a second call returns the first compiler.
 */
export function loadCompiler(cwd: string, name: string, root: string): Compiler {
  if (loaded) return loaded;
  const tslab = tslabDirectory();
  const tsFile = require.resolve("@tslab/typescript-for-tslab", { paths: [tslab] });
  const real = require(tsFile);
  let mapOfLast: Segment[][] | null = null;
  const ts = { ...real };
  // Step 1 (TypeScript → ES module) with an inline map, so that the map travels with the code to step 2. Relative
  // imports may name a `.ts` file (`import v from "./variants/logcosh.ts"`, as under tsx): TypeScript 5.0 accepts
  // that only without emit (TS5096), but the emitted `require("./x.ts")` is answered by the kernel's resolver with
  // the file's own compiled code (evaluate.ts), so that one option error is dropped below.
  ts.createWatchCompilerHost = (files: string[], options: Record<string, unknown>, ...rest: unknown[]) =>
    real.createWatchCompilerHost(
      files,
      { ...options, inlineSourceMap: true, inlineSources: false, allowImportingTsExtensions: true },
      ...rest,
    );
  const emitted = (diagnostics: Array<{ code: number }>) => diagnostics.filter((d) => d.code !== TS_EXTENSIONS_NEED_NO_EMIT);
  ts.getPreEmitDiagnosticsOfFiles = (...args: unknown[]) => emitted(real.getPreEmitDiagnosticsOfFiles(...args));
  ts.getPreEmitDiagnostics = (...args: unknown[]) => emitted(real.getPreEmitDiagnostics(...args));
  // Step 2 (ES module → CommonJS, tslab names the input "custom.js"): its map composed with step 1's.
  ts.transpileModule = (input: string, options: { fileName?: string; compilerOptions: Record<string, unknown> }) => {
    if (options.fileName !== "custom.js") return real.transpileModule(input, options);
    const first = takeInlineMap(input);
    const out = real.transpileModule(first.code, { ...options, compilerOptions: { ...options.compilerOptions, sourceMap: true } });
    const second = decodeMappings(JSON.parse(out.sourceMapText).mappings);
    // Step 1's source is "export {};\n" + the cell: one line to take off.
    mapOfLast = first.map ? compose(second, first.map).map((line) => line.map((s) => ({ ...s, sourceLine: s.sourceLine - 1 }))) : null;
    return { ...out, outputText: out.outputText.replace(/\n?\/\/# sourceMappingURL=.*\s*$/, "\n") };
  };
  // The library by name, from any folder.
  const forward = forwarder(cwd, name, root);
  const sys = real.sys;
  for (const method of ["readFile", "fileExists", "directoryExists", "readDirectory", "getDirectories", "realpath"] as const) {
    const original = sys[method];
    if (typeof original !== "function") continue;
    sys[method] = (p: string, ...rest: unknown[]) => original.call(sys, forward(p), ...rest);
  }
  // tslab runs TypeScript's watch program on one pending timer, fired when the next cell compiles, and throws
  // "Unexpected pending rebuildTimer" where a second watcher asks for another: a file the program reads that changes
  // while a cell runs (an `npm install` beside a long cell, hard links made into node_modules) put that throw into the
  // running cell's stderr. The pending rebuild re-reads what changed when the next cell compiles: the second notice
  // is redundant, and dropped here (test/integration/jupyter/compiler-watch).
  for (const method of ["watchFile", "watchDirectory"] as const) {
    const original = sys[method] as ((p: string, callback: (...a: unknown[]) => void, ...rest: unknown[]) => unknown) | undefined;
    if (typeof original !== "function") continue;
    (sys as Record<string, unknown>)[method] = (p: string, callback: (...a: unknown[]) => void, ...rest: unknown[]) =>
      original.call(sys, p, (...args: unknown[]) => dropSecondRebuild(() => callback(...args)), ...rest);
  }
  const cache = (Module as unknown as { _cache: Record<string, unknown> })._cache;
  const previous = cache[tsFile];
  const stub = new Module(tsFile);
  stub.exports = ts;
  stub.loaded = true;
  cache[tsFile] = stub;
  try {
    const converterModule = require(path.join(tslab, "dist", "converter.js"));
    const metadata = require(path.join(tslab, "dist", "metadata.js"));
    const inspect = require(path.join(tslab, "dist", "inspect.js"));
    const converter = converterModule.createConverter({ isJS: false, isBrowser: false }) as Converter;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- nodes of tslab's own TypeScript (types of another copy)
    const bound = (name: any, into: string[]): void => {
      if (!name) return;
      if (real.isIdentifier(name)) into.push(real.idText(name));
      else for (const element of name.elements ?? []) if (!real.isOmittedExpression(element)) bound(element.name, into);
    };
    /** The values a top-level statement declares. */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
    const declared = (node: any): string[] => {
      const names: string[] = [];
      if (real.isVariableStatement(node)) for (const d of node.declarationList.declarations) bound(d.name, names);
      else if (real.isImportDeclaration(node)) {
        const clause = node.importClause;
        bound(clause?.name, names);
        const named = clause?.namedBindings;
        if (named && real.isNamespaceImport(named)) bound(named.name, names);
        else for (const element of named?.elements ?? []) bound(element.name, names);
      } else if (node.name && real.isIdentifier(node.name)) bound(node.name, names);
      return names;
    };
    const expand = (code: string, mark: ((done: number) => string) | null) => {
      const file = real.createSourceFile("cell.ts", code, real.ScriptTarget.Latest, false, real.ScriptKind.TS);
      const inserts: Array<{ at: number; text: string }> = [];
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a node of tslab's own TypeScript (types of another copy)
      const visit = (node: any): void => {
        if (node.kind === real.SyntaxKind.ShorthandPropertyAssignment)
          inserts.push({ at: node.name.end, text: `: ${real.idText(node.name)}` });
        real.forEachChild(node, visit);
      };
      visit(file);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
      const statements: TopStatement[] = file.statements.map((node: any) => ({ end: node.end, names: declared(node) }));
      if (mark) statements.slice(0, -1).forEach((s, i) => inserts.push({ at: s.end, text: mark(i + 1) }));
      return { ...insertTexts(code, inserts), statements };
    };
    loaded = {
      converter,
      expandShorthands: (code: string) => expand(code, null),
      expandAndMark: (code: string, mark: (done: number) => string) => expand(code, mark),
      lastMap: () => mapOfLast,
      stepAsync: (script: string) => {
        // TypeScript's own ES2018 and ES2017 transforms (internal, but exported by its namespace): nothing else is
        // lowered, so classes, `?.` and the rest keep their ES2022 semantics.
        const transforms = [real.transformES2018, real.transformES2017];
        if (!/\b(async|await)\b/.test(script) || transforms.some((t) => typeof t !== "function")) return null;
        const out = real.transpileModule(script, {
          fileName: "cell.js",
          compilerOptions: { target: real.ScriptTarget.ES2022, module: real.ModuleKind.None, sourceMap: true, alwaysStrict: false },
          transformers: { before: transforms, after: [nameSteps(real)] },
        });
        const code = out.outputText.replace(/\n?\/\/# sourceMappingURL=.*\s*$/, "\n");
        return { code, map: decodeMappings(JSON.parse(out.sourceMapText).mappings) };
      },
      isComplete: converterModule.isCompleteCode,
      getCodeMetadata: metadata.getCodeMetadata,
      printQuickInfo: inspect.printQuickInfo,
      tslabVersion: require(path.join(tslab, "package.json")).version,
      typescriptVersion: real.version,
    };
    return loaded;
  } finally {
    if (previous) cache[tsFile] = previous;
    else delete cache[tsFile];
  }
}
