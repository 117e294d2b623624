/**
 * Run notebook cells: tslab's compile step (see compiler.ts) and our own evaluation, which keeps what tslab
 * prints instead: the value of the last expression (for `execute_result`) and a thrown error as a structured
 * error with the cell's own line numbers and without the evaluator's frames (for the `error` message).
 * Declarations of earlier cells stay visible to later ones (tslab's `prevDecl` and shared `exports`).
 */
import Module from "node:module";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vm from "node:vm";
import { type Compiler, type Diagnostic, loadCompiler, type TopStatement, tslabDirectory } from "./compiler";
import { ASYNC, IDLE, interruptRequested, PENDING, setCellPhase, SYNC } from "./control";
import { compose, lookup, type Segment } from "./sourcemap";
import { holdSigint, stepHelpers } from "./steps";

/** A failed cell as Jupyter shows it: error name, message, and traceback lines. */
export interface CellError {
  ename: string;
  evalue: string;
  traceback: string[];
}

export type Evaluation = { ok: true; hasValue: boolean; value: unknown } | { ok: false; error: CellError };

export interface Evaluator {
  /** Compile and run one cell; `count` names it in tracebacks ("cell 3"). Never throws for the cell's errors. */
  execute(code: string, count: number): Promise<Evaluation>;
  /** Completion candidates at `cursor` (a character offset). */
  complete(code: string, cursor: number): { start: number; end: number; matches: string[] };
  /** Type and documentation of the name at `cursor`, or null. */
  inspect(code: string, cursor: number): string | null;
  isComplete(code: string): { status: "complete" | "incomplete"; indent?: string };
  /** Stop a cell waiting on a promise (a running loop is stopped by SIGINT or the control thread: control.ts). */
  interrupt(): void;
  readonly compiler: Compiler;
}

export interface EvaluatorOptions {
  /** The notebook's folder: relative imports and the compiler's root. */
  cwd: string;
  /** The library the kernel was installed from: `name` resolves to `root` at run time and for the type checker. */
  library: { name: string; root: string };
}

/** The file name cells run under; recognised when cleaning stacks. */
const cellFile = (count: number) => `__emtd_cell_${count}__.js`;
const CELL_FRAME = /__emtd_cell_(\d+)__\.js:(\d+):(\d+)/;

/** Stack lines of the machinery that runs a cell: never the user's concern. */
function isMachinery(line: string, own: readonly string[]): boolean {
  return (
    /\bnode:|evalmachine\.|sigintHandlersWrap|\(<anonymous>\)$|^\s*at new Promise \(<anonymous>\)/.test(line) ||
    own.some((dir) => line.includes(dir))
  );
}

/**
 * Jupyter's error triple for `error`: name, message, and a traceback whose cell frames read
 * "at f (cell 3, line 2:5)"; frames of the evaluator, node internals and tslab are dropped.
 */
export function describeError(error: unknown, maps: ReadonlyMap<number, CellMap>, prefixColumns: number): CellError {
  const own = [path.dirname(__filename) + path.sep, tslabDirectory() + path.sep];
  if (!(error instanceof Error) && !(typeof error === "object" && error !== null && "stack" in error)) {
    const evalue = typeof error === "string" ? error : require("node:util").inspect(error);
    return { ename: "Uncaught", evalue, traceback: [`Uncaught ${evalue}`] };
  }
  const e = error as Error & { code?: string };
  const interrupted = e.code === "ERR_SCRIPT_EXECUTION_INTERRUPTED" || e === INTERRUPTED;
  const ename = interrupted ? "Interrupted" : e.name || e.constructor?.name || "Error";
  const evalue = interrupted ? "the cell was interrupted" : String(e.message ?? "");
  const frames = String(e.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .map((line) => {
      const m = CELL_FRAME.exec(line);
      if (!m) return line;
      const count = Number(m[1]);
      const jsLine = Number(m[2]) - 1;
      const jsColumn = Number(m[3]) - 1 - (jsLine === 0 ? prefixColumns : 0);
      const cell = maps.get(count);
      const at = lookup(cell?.map ?? [], jsLine, Math.max(jsColumn, 0));
      // No source position: the wrapper's own call, not a line the user wrote.
      if (!at || !cell) return "";
      const where = `cell ${count}, line ${at.line + 1}:${cell.originalColumn(at.line, at.column) + 1}`;
      return line
        .replace(/\(?__emtd_cell_\d+__\.js:\d+:\d+\)?/, (s) => (s.startsWith("(") ? `(${where})` : where))
        .replace(/\bat Proxy\./, "at ");
    })
    .filter((line) => line !== "" && !isMachinery(line, own))
    .map((line) => line.replace(/^\s+/, "    "));
  return { ename, evalue, traceback: [`${ename}: ${evalue}`, ...frames] };
}

/** A cell's run-code → cell map, with the cell's own columns (see Compiler.expandShorthands). */
export interface CellMap {
  map: Segment[][] | null;
  originalColumn(line: number, column: number): number;
}

function compileError(
  diagnostics: readonly Diagnostic[],
  originalColumn: (line: number, column: number) => number = (_, c) => c,
): CellError {
  const column = (d: Diagnostic) => (d.fileName ? d.start.character : originalColumn(d.start.line, d.start.character));
  const lines = diagnostics.map((d) => `${d.fileName ? d.fileName + " " : ""}${d.start.line + 1}:${column(d) + 1} - ${d.messageText}`);
  return {
    ename: "CompileError",
    evalue: lines[0] ?? "",
    traceback: lines.length > 1 ? [`CompileError: ${lines[0]}`, ...lines.slice(1)] : [`CompileError: ${lines[0]}`],
  };
}

const INTERRUPTED = new Error("the cell was interrupted");

/**
 * A subpath of the library (`emtd/display`) as a file: through the package's `exports` map when it lists the subpath
 * (what Node itself would do for an installed package), else the path inside the checkout.
 */
function subpath(root: string, sub: string): string {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { exports?: Record<string, unknown> };
    const target = manifest.exports?.[`./${sub}`];
    const file = typeof target === "string" ? target : (target as { default?: string } | undefined)?.default;
    if (typeof file === "string") return path.join(root, file);
  } catch {
    // No readable manifest: fall back to the path inside the checkout.
  }
  return path.join(root, sub);
}

/**
 * A fresh evaluator for one kernel process (one per process: tslab's compiler is per process). Values of cells
 * are kept by the evaluator (shared `exports`); nothing is disposed here: tensors a cell makes are the cell's.
 *
 * (Not run as a test: the compiler it loads keeps the process alive, as a kernel should.)
 * ```text
 * const ev = createEvaluator({ cwd: process.cwd(), library: { name: "emtd", root: packageRoot() } });
 * await ev.execute("6 * 7", 1); // { ok: true, hasValue: true, value: 42 }
 * await ev.execute("null!.x", 2); // { ok: false, error: { ename: "TypeError", evalue: "Cannot read …", traceback: […] } }
 * ```
 */
export function createEvaluator(options: EvaluatorOptions): Evaluator {
  const compiler = loadCompiler(options.cwd, options.library.name, options.library.root);
  const { converter } = compiler;
  const fromCwd = Module.createRequire(path.join(options.cwd, "__notebook__.js"));
  const fromLibrary = Module.createRequire(path.join(options.library.root, "package.json"));
  const sideOutputs = new Map<string, string>();
  const sideModules = new Map<string, Module>();

  /**
   * `require` for cells: the library by name from its checkout, local .ts files, else the notebook's folder, else
   * the library's node_modules; `require.resolve` (and `cache`, `main`) answer the same way.
   */
  function cellRequire(dirname: string, base: NodeJS.Require): NodeJS.Require {
    const { name, root } = options.library;
    /** The request as the library's own require must see it, or null when it is not the library. */
    const libraryPath = (id: string) => (id === name ? root : id.startsWith(`${name}/`) ? subpath(root, id.slice(name.length + 1)) : null);
    const orLibrary = <T>(fromHere: () => T, fromThere: () => T): T => {
      try {
        return fromHere();
      } catch (error) {
        if ((error as { code?: string }).code !== "MODULE_NOT_FOUND") throw error;
        try {
          return fromThere();
        } catch {
          throw error; // not found either way: the error names the notebook's folder, where the user looks
        }
      }
    };
    const req = (id: string) => {
      const lib = libraryPath(id);
      if (lib) return fromLibrary(lib);
      if (id === "tslab") return require(tslabDirectory());
      // tslab compiled a local .ts file the cell imports to `<its path>.js` (a side output): `./x`, `./x.js` and
      // `./x.ts` (allowed as under tsx: compiler.ts) all name it.
      let file = path.join(dirname, id);
      if (path.extname(file) === "") file += ".js";
      else if (/\.tsx?$/.test(file)) file = file.replace(/\.tsx?$/, ".js");
      if (sideOutputs.has(file)) return sideModule(file);
      return orLibrary(
        () => base(id),
        () => fromLibrary(id),
      );
    };
    const resolve = (id: string, opts?: { paths?: string[] }) => {
      const lib = libraryPath(id);
      if (lib) return fromLibrary.resolve(lib, opts);
      return orLibrary(
        () => base.resolve(id, opts),
        () => fromLibrary.resolve(id, opts),
      );
    };
    resolve.paths = (id: string) => base.resolve.paths(id);
    return Object.assign(req, { resolve, cache: base.cache, main: base.main, extensions: base.extensions }) as NodeJS.Require;
  }

  /** A .ts file next to the notebook, compiled by tslab as a side output of the cell that imports it. */
  function sideModule(file: string): unknown {
    const cached = sideModules.get(file);
    if (cached) return cached.exports;
    const mod = new Module(file) as Module & { _compile(code: string, file: string): void };
    mod.filename = file;
    mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
    mod.require = cellRequire(path.dirname(file), Module.createRequire(file));
    mod._compile(sideOutputs.get(file)!, file);
    sideModules.set(file, mod);
    return mod.exports;
  }

  // The cells' shared exports: TypeScript turns imports into defineProperty getters; they must stay rewritable.
  const store: Record<string, unknown> = {};
  const exportsProxy = new Proxy(store, {
    defineProperty: (_target, prop, attrs) => {
      if (prop === "__esModule") return true;
      store[prop as string] = attrs.get ? attrs.get() : attrs.value;
      return true;
    },
  });
  const req = cellRequire(options.cwd, fromCwd);
  const prefixSync = "(function (exports, require) { ";
  const prefixAsync = "(async function (exports, require) { ";
  const cells: Record<string, unknown> = { exports: exportsProxy, require: req, helpers: stepHelpers, returned: undefined };
  (globalThis as Record<string, unknown>).__emtd_cells__ = cells;
  const maps = new Map<number, CellMap>();
  let prevDecl = "";
  let rejectInterrupt: (e: Error) => void = () => undefined;

  /**
   * The script a cell runs: `wrapped` itself, or with its async functions stepped (compiler.ts, steps.ts); the
   * stepped script stores the wrapper's value in `__emtd_cells__.returned` (`slot`). `map` goes from the script
   * run to the cell; `prefixColumns` is what precedes the cell's code on line 0.
   */
  function stepped(wrapped: string, prefixColumns: number, cellMap: Segment[][] | null) {
    const slot = "__emtd_cells__.returned = ";
    const out = compiler.stepAsync(`${slot}${wrapped};`);
    if (!out) return { code: wrapped, map: cellMap, prefixColumns, slot: false };
    // Script line L + 1 is line L of the transformed code; line 0 of the transform's input starts with the slot.
    const shift = slot.length + prefixColumns;
    const map = cellMap
      ? [
          [],
          ...compose(
            out.map.map((line) =>
              line
                .filter((s) => s.sourceLine > 0 || s.sourceColumn >= shift)
                .map((s) => (s.sourceLine > 0 ? s : { ...s, sourceColumn: s.sourceColumn - shift })),
            ),
            cellMap,
          ),
        ]
      : null;
    return { code: `(function () {\n${out.code}\n}).call(__emtd_cells__.helpers)`, map, prefixColumns: 0, slot: true };
  }

  /**
   * After a cell failed or was interrupted with `done` of its top-level statements complete, as IPython does: the
   * values those statements declared stay (with their types: the declarations of the cell cut after them, added to
   * the earlier cells'), and a name the cell declares later gets back the value it had before (or none).
   */
  function keepWhatRan(code: string, statements: readonly TopStatement[], done: number, before: Record<string, unknown>): void {
    const kept = new Set(statements.slice(0, done).flatMap((s) => s.names));
    for (const name of statements.slice(done).flatMap((s) => s.names)) {
      if (kept.has(name)) continue;
      if (Object.prototype.hasOwnProperty.call(before, name)) store[name] = before[name];
      else delete store[name];
    }
    if (done === 0) return;
    const cut = converter.convert(prevDecl, compiler.expandShorthands(code.slice(0, statements[done - 1]!.end)).code);
    // A cut that does not type-check alone (a use of a function declared further down) keeps the earlier cells' only.
    if (cut.diagnostics.length === 0 && cut.declOutput !== undefined) prevDecl = cut.declOutput;
  }

  async function execute(code: string, count: number): Promise<Evaluation> {
    // From here the cell can be interrupted, its compilation included (control.ts).
    setCellPhase(PENDING);
    try {
      return await compileAndRun(code, count);
    } finally {
      setCellPhase(IDLE);
    }
  }

  async function compileAndRun(code: string, count: number): Promise<Evaluation> {
    const meta = compiler.getCodeMetadata(code);
    if (meta.module) {
      const diagnostics = converter.addModule(meta.module, code, meta);
      return diagnostics.length > 0 ? { ok: false, error: compileError(diagnostics) } : { ok: true, hasValue: false, value: undefined };
    }
    if (meta.mode === "browser") {
      return {
        ok: false,
        error: {
          ename: "UnsupportedError",
          evalue: "%browser cells are not run by the emtd kernel",
          traceback: ["UnsupportedError: %browser cells are not run by the emtd kernel"],
        },
      };
    }
    // Each top-level statement that completes counts itself in `reached`: what a failed cell keeps (keepWhatRan).
    const expanded = compiler.expandAndMark(code, (done) => `;(globalThis as any).__emtd_cells__.reached = ${done};`);
    const converted = converter.convert(prevDecl, expanded.code);
    for (const side of converted.sideOutputs ?? []) {
      sideModules.delete(side.path);
      sideOutputs.set(side.path, side.data);
    }
    if (converted.diagnostics.length > 0) return { ok: false, error: compileError(converted.diagnostics, expanded.originalColumn) };
    if (!converted.output) {
      prevDecl = converted.declOutput ?? "";
      return { ok: true, hasValue: false, value: undefined };
    }
    const prefix = converted.hasToplevelAwait ? prefixAsync : prefixSync;
    const wrapped = `${prefix}${converted.output}\n})(__emtd_cells__.exports, __emtd_cells__.require)`;
    // Async code runs in steps that an interrupt can end (steps.ts); the rest runs as tslab emits it.
    const run = stepped(wrapped, prefix.length, compiler.lastMap());
    maps.set(count, { map: run.map, originalColumn: expanded.originalColumn });
    let returned: unknown;
    const before = { ...store };
    cells.reached = 0;
    const letGo = holdSigint();
    try {
      // The phase tells the control thread how to interrupt this cell (control.ts).
      setCellPhase(SYNC);
      if (interruptRequested()) throw INTERRUPTED;
      // breakOnSigint: a synchronous loop is stopped by SIGINT (the kernel's interrupt).
      returned = vm.runInThisContext(run.code, { filename: cellFile(count), breakOnSigint: true });
      if (run.slot) returned = cells.returned;
      cells.returned = undefined;
      if (converted.hasToplevelAwait) {
        setCellPhase(ASYNC);
        const interrupted = new Promise<never>((_, reject) => (rejectInterrupt = reject));
        interrupted.catch(() => undefined);
        await Promise.race([returned, interrupted]);
      }
    } catch (error) {
      keepWhatRan(code, expanded.statements, Number(cells.reached) || 0, before);
      return { ok: false, error: describeError(error, maps, run.prefixColumns) };
    } finally {
      letGo();
      rejectInterrupt = () => undefined;
    }
    prevDecl = converted.declOutput ?? "";
    const name = converted.lastExpressionVar;
    if (!name || !(name in store)) return { ok: true, hasValue: false, value: undefined };
    const value = store[name];
    delete store[name];
    return { ok: true, hasValue: value !== undefined, value };
  }

  return {
    compiler,
    execute,
    complete(code, cursor) {
      const info = converter.complete(prevDecl, code, cursor);
      return { start: info.start, end: info.end, matches: info.candidates };
    },
    inspect(code, cursor) {
      const info = converter.inspect(prevDecl, code, cursor);
      return info ? compiler.printQuickInfo(info) : null;
    },
    isComplete(code) {
      const r = compiler.isComplete(code);
      return r.completed ? { status: "complete" } : { status: "incomplete", ...(r.indent !== undefined ? { indent: r.indent } : {}) };
    },
    interrupt() {
      rejectInterrupt(INTERRUPTED);
    },
  };
}
