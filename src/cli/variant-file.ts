/**
 * Loads a variant from a `.ts` or `.js` file anywhere on disk (`emtd verdicts --variant FILE`): the file imports the
 * library by name, as a notebook does, and default-exports (or `module.exports =`) a variant `{ name, … }` with any
 * of the parts (claims/machinery/types PARTS, each described in PART_DOCS). Checked first (issue 44): a TypeScript file is
 * type-checked against the package's `Variant` by the TypeScript the kernel already ships (tslab's), with the files
 * it imports by relative path; then it and those files (`./helpers.ts`, `./helpers.js`, `./helpers`, as tsx takes
 * them: issue 51) are bundled by esbuild into one CommonJS module and run; after it loads, each function part is
 * called once on a small graph and what it returns is checked. Each failure is one line naming the file, the line and
 * the part. `emtd` and `emtd/…` resolve to this package, so the variant's terms are made by the same tfjs and library
 * the claims run on.
 */
import { REPAIRS } from "../claims/machinery/repairs";
import { didYouMean } from "../command/options";
import * as fs from "node:fs";
import Module from "node:module";
import * as path from "node:path";
import { packageRoot } from "../package";
import { readBounded } from "../files/bounded";
import { tslabDirectory } from "../jupyter/compiler";
import { checkVariant, PROPOSAL, variantShape } from "../claims/machinery/mechanism";
import { PARTS, type Variant, type VariantFamily } from "../claims/machinery/types";
import { checkFamily, familyDefaults, isVariantFamily, parseFamilyValues, variantOf } from "../claims/machinery/family";
import { variantSource } from "../claims/machinery/cell-cache";
import { passedBefore, rememberPass } from "./type-check-memo";
import { ArgumentError } from "../errors";
import { graphFromSpec } from "../graph/spec";
import { key } from "../engine/random";
import type { Graph } from "../graph/graph";
import { energyAndGradient, type Term } from "../hamiltonian/term";
import { BroadcastError, checkBroadcasts } from "../hamiltonian/broadcast";
import * as tf from "@tensorflow/tfjs";

const EXTENSIONS = [".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tslab's own TypeScript (its types are another copy's)
type TypeScript = any;

let typescript: TypeScript | null = null;

function compiler(): TypeScript {
  typescript ??= require(require.resolve("@tslab/typescript-for-tslab", { paths: [tslabDirectory()] })) as TypeScript;
  return typescript;
}

/** The parts a variant may name, and `name`. */
const FIELDS = ["name", ...PARTS];

/** Declaration files read by earlier checks (the library's and tfjs's): a second check in one process reuses them. */
const declarations = new Map<string, unknown>();

/** The previous check's program, whose unchanged files the next one reuses. */
let lastProgram: unknown;

/** The file that declares `emtd` or `emtd/…` (the package's `exports` map, `types` condition), or null. */
function libraryTypes(id: string, root: string): string | null {
  if (id !== "emtd" && !id.startsWith("emtd/")) return null;
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { exports?: Record<string, { types?: string }> };
  const entry = manifest.exports?.[id === "emtd" ? "." : `./${id.slice("emtd/".length)}`];
  return entry?.types ? path.join(root, entry.types) : null;
}

/**
 * The first type error of a TypeScript variant file, checked against the package's `Variant` type before anything
 * runs (issue 44): the default export is checked as `(…) satisfies Variant`, so a part of the wrong type is reported
 * where it is written. Null when the file type-checks. `line` is 1-based; `part` is the variant's part the error
 * lies in (or names), when one does.
 */
export function variantTypeError(
  file: string,
  source: string,
  onPass?: (read: string[]) => void,
): { line: number; part: string | null; message: string; file: string } | null {
  const ts = compiler();
  const root = packageRoot();
  const parsed = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a node of tslab's TypeScript
  const exported = parsed.statements.find((s: any) => ts.isExportAssignment(s) && !s.isExportEquals);
  let text = source;
  if (exported) {
    const start = exported.expression.getStart(parsed);
    const end = exported.expression.end;
    // A family (issue 73) is checked as one; its `variant(values)` returns a Variant, checked there.
    const shape = looksLikeFamily(source) ? "VariantFamily" : "Variant";
    text = `${source.slice(0, start)}(${source.slice(start, end)}) satisfies import("emtd").${shape}${source.slice(end)}`;
  }
  const options = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.NodeJs,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    // Siblings as tsx and esbuild take them: `./x.ts` (allowed without emit), and JavaScript ones unchecked.
    allowImportingTsExtensions: true,
    allowJs: true,
    types: [],
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  };
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name: string, ...rest: unknown[]) => {
    if (path.resolve(name) === file) return ts.createSourceFile(name, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    if (!name.endsWith(".d.ts")) return getSourceFile(name, ...rest);
    if (!declarations.has(name)) declarations.set(name, getSourceFile(name, ...rest));
    return declarations.get(name);
  };
  host.resolveModuleNames = (names: string[], containing: string) =>
    names.map((id) => {
      const own = libraryTypes(id, root);
      if (own) return { resolvedFileName: own, extension: ".d.ts", isExternalLibraryImport: true };
      // As at run time: from the file's folder, else from the library's (e.g. @tensorflow/tfjs).
      return (
        ts.resolveModuleName(id, containing, options, host).resolvedModule ??
        ts.resolveModuleName(id, path.join(root, "package.json"), options, host).resolvedModule
      );
    });
  const program = ts.createProgram([file], options, host, lastProgram);
  lastProgram = program;
  const checked = program.getSourceFile(file);
  const diagnostics = [...program.getSyntacticDiagnostics(checked), ...program.getSemanticDiagnostics(checked)];
  // Then the TypeScript files it imports by relative path (its siblings), each as the variant is checked.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- source files of tslab's TypeScript
  for (const sibling of program.getSourceFiles() as any[]) {
    if (diagnostics.length > 0) break;
    if (sibling === checked || sibling.isDeclarationFile || program.isSourceFileFromExternalLibrary(sibling)) continue;
    if (!/\.[mc]?tsx?$/.test(sibling.fileName) || sibling.fileName.split(/[\\/]/).includes("node_modules")) continue;
    diagnostics.push(...program.getSyntacticDiagnostics(sibling), ...program.getSemanticDiagnostics(sibling));
  }
  const first = diagnostics[0];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- source files of tslab's TypeScript
  const read = () => (program.getSourceFiles() as any[]).map((f) => path.resolve(f.fileName as string));
  const ours = (f: string) => !f.split(path.sep).includes("node_modules") && !f.startsWith(path.join(root, "dist") + path.sep);
  if (!first) onPass?.(read().filter(ours));
  if (!first) return null;
  const message = (ts.flattenDiagnosticMessageText(first.messageText, " ") as string).replace(/\s+/g, " ");
  if (first.file && first.file !== checked) {
    const line = first.file.getLineAndCharacterOfPosition(first.start ?? 0).line + 1;
    return { line, part: null, message, file: path.resolve(first.file.fileName) };
  }
  // The outermost property named as a part that holds the error, else a part the message names.
  let part: string | null = null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a node of tslab's TypeScript
  const visit = (node: any): void => {
    if (part !== null) return;
    const at = first.start ?? 0;
    if (at < node.pos || at >= node.end) return;
    if (
      (ts.isPropertyAssignment(node) || ts.isMethodDeclaration(node) || ts.isShorthandPropertyAssignment(node)) &&
      node.name &&
      ts.isIdentifier(node.name)
    ) {
      if (FIELDS.includes(ts.idText(node.name)) && ts.isObjectLiteralExpression(node.parent)) {
        part = ts.idText(node.name);
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(checked);
  const named = /(?:propert(?:y|ies) '|')([\w$]+)(?:'|\(\.\.\.\)')/.exec(message.replace(/^.*?expected type 'Variant'\. /, ""))?.[1];
  let line = checked.getLineAndCharacterOfPosition(first.start ?? 0).line + 1;
  if (part === null && named !== undefined && (FIELDS.includes(named) || /does not exist in type 'Variant'/.test(message))) {
    part = named;
    line = lineOf(source, named) ?? line; // where the part is written, rather than the export naming the object
  }
  return { line, part, message, file };
}

/** A family's source, as far as the text says: a `parameters:` object and a `variant` method or property. */
function looksLikeFamily(source: string): boolean {
  return /\bparameters\s*:/.test(source) && /\bvariant\s*[:(]/.test(source);
}

/** A variant file read, type-checked and bundled, not yet run: what {@link variantFromCode} runs. */
export interface VariantCode {
  /** The file's absolute path. */
  file: string;
  /** Its text (for the lines a refusal names). */
  source: string;
  /** The file and its relative imports bundled into one CommonJS module: what runs, so what a result is keyed by. */
  code: string;
}

/**
 * The variant a file exports. `fail` receives one line naming `argument` and what is accepted when the file is
 * missing, is not a .ts/.js file, cannot be evaluated, exports nothing, or exports something that is not a variant.
 * A file may export a variant family (issue 73): `params` (`name=value` texts, `--param`) set its parameters, the
 * others take their defaults.
 */
export function loadVariantFile(
  file: string,
  fail: (message: string) => never,
  argument = "emtd verdicts: --variant",
  params: readonly string[] = [],
): Variant {
  // A named repair (src/claims/machinery/repairs.ts) is a variant too, measured by the same machinery.
  if (Object.hasOwn(REPAIRS, file) && !fs.existsSync(path.resolve(file))) {
    if (params.length > 0)
      fail(
        `${argument.replace(/--variant$/, "--param")} sets a variant family's parameter: the repair ${file} has none (got ${params[0]})`,
      );
    return REPAIRS[file]!;
  }
  return variantFromCode(readVariantCode(file, fail, argument), fail, argument, params);
}

/**
 * {@link loadVariantFile}'s variant with its source as the cell cache keys it (../claims/machinery/cell-cache variantSource: the
 * bundled code and the parameters; a named repair by its name), so the same file decided again reads its cells, and
 * the bundled code (null for a repair), for workers to build the same variant from.
 */
export function loadVariantWithSource(
  file: string,
  fail: (message: string) => never,
  argument = "emtd verdicts: --variant",
  params: readonly string[] = [],
): { variant: Variant; source: string; code: VariantCode | null } {
  if (Object.hasOwn(REPAIRS, file) && !fs.existsSync(path.resolve(file)))
    return { variant: loadVariantFile(file, fail, argument, params), source: `variant repair ${file}`, code: null };
  const code = readVariantCode(file, fail, argument);
  return { variant: variantFromCode(code, fail, argument, params), source: variantSourceOf(code, params, fail, argument), code };
}

/**
 * A variant file's source as the cell cache keys it (../claims/machinery/cell-cache variantSource): its bundled code and, for a
 * family, the value of every parameter, its defaults included, so `--param delta=0.5` at the default is the same
 * source as none, and a slider's value the same as `--param`'s. The parameters were checked by {@link variantFromCode}.
 */
export function variantSourceOf(
  code: VariantCode,
  params: readonly string[],
  fail: (message: string) => never,
  argument = "emtd verdicts: --variant",
): string {
  const family = familyFromCode(code, fail, argument);
  if (family === null) return variantSource(code.code, params);
  const values = { ...familyDefaults(family), ...parseFamilyValues(family, params, argument.replace(/: --variant$/, ""), "--param") };
  return variantSource(
    code.code,
    Object.entries(values).map(([k, v]) => `${k}=${v}`),
  );
}

/**
 * A variant file read within its byte budget, type-checked (a TypeScript file) and bundled with its relative imports;
 * `fail` receives one line as {@link loadVariantFile} words it.
 */
export function readVariantCode(file: string, fail: (message: string) => never, argument = "emtd verdicts: --variant"): VariantCode {
  const absolute = path.resolve(file);
  if (!EXTENSIONS.includes(path.extname(absolute)))
    fail(
      `${argument} must be a ${EXTENSIONS.join("/")} file exporting a variant, or a repair's name (${Object.keys(REPAIRS).join(", ")}) (got ${JSON.stringify(file)})${didYouMean(file, Object.keys(REPAIRS))}`,
    );
  if (!fs.existsSync(absolute) || !fs.statSync(absolute).isFile())
    fail(`${argument} must be a file that exists, exporting a variant (got ${JSON.stringify(file)}: no such file)`);
  const shown = path.basename(file);
  let source = "";
  try {
    source = readBounded(absolute, "variant", { where: "emtd/files", argument: "variant" }); // issue 38: a byte budget and a line cap
  } catch (error) {
    fail(`${argument} must be a file that loads (${JSON.stringify(file)} threw: ${firstLine(error)})`);
  }
  // A check that passed on the same files is not run again (./type-check-memo).
  if ([".ts", ".mts", ".cts"].includes(path.extname(absolute)) && !passedBefore(absolute)) {
    const error = variantTypeError(absolute, source, (read) => rememberPass(absolute, source, read));
    if (error && error.file !== absolute)
      fail(
        `${argument} ${shown}: its import ${path.relative(path.dirname(absolute), error.file)}:${error.line} must type-check: ${error.message}`,
      );
    if (error)
      fail(
        `${argument} ${shown}:${error.line}${error.part ? ` (${error.part})` : ""} must type-check${error.part ? " as a Variant" : ""}: ${error.message}`,
      );
  }
  let code = "";
  try {
    code = bundle(absolute);
  } catch (error) {
    fail(`${argument} must be a file that loads (${JSON.stringify(file)}: ${firstLine(error)})`);
  }
  return { file: absolute, source, code };
}

/**
 * What a bundled variant file exports (its default export, else `module.exports`), run as {@link variantFromCode}
 * runs it; `fail` receives one line when it throws, exports nothing or has named exports only.
 */
export function exportOf(
  { file: absolute, code }: VariantCode,
  fail: (message: string) => never,
  argument = "emtd verdicts: --variant",
): unknown {
  const file = absolute;
  let exported: unknown;
  try {
    const mod = new Module(absolute) as Module & { _compile(code: string, file: string): void };
    mod.filename = absolute;
    mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(absolute));
    mod.require = libraryRequire(absolute);
    mod._compile(code, absolute);
    const exports = mod.exports as Record<string, unknown> | undefined;
    exported = exports && typeof exports === "object" && "default" in exports ? exports.default : exports;
  } catch (error) {
    fail(`${argument} must be a file that loads (${JSON.stringify(file)} threw: ${firstLine(error)})`);
  }
  if (isModuleWithoutDefault(exported))
    fail(
      `${argument} must default-export a variant (\`export default { name, … }\`): ${JSON.stringify(file)} has no default export (it exports ${
        Object.keys(exported)
          .filter((k) => k !== "__esModule")
          .join(", ") || "nothing"
      })`,
    );
  if (exported === undefined || (typeof exported === "object" && exported !== null && Object.keys(exported).length === 0))
    fail(`${argument} must default-export (or module.exports =) a variant ${variantShape()} (${JSON.stringify(file)} exports nothing)`);
  return exported;
}

/**
 * The family a bundled variant file exports (issue 73: the explorer's sliders), or null when it exports one variant;
 * its parameters checked as `--variant` checks them.
 */
export function familyFromCode(
  variantCode: VariantCode,
  fail: (message: string) => never,
  argument = "emtd verdicts: --variant",
): VariantFamily | null {
  const exported = exportOf(variantCode, fail, argument);
  if (!isVariantFamily(exported)) return null;
  try {
    checkFamily(exported, argument.replace(/: --variant$/, ""), `--variant ${path.basename(variantCode.file)}: the family`);
  } catch (error) {
    fail(firstLine(error));
  }
  return exported;
}

/**
 * Runs a bundled variant file and checks what it exports: a variant, or a family whose variant at `params` (and its
 * defaults) is taken; each function part is then called once on a small graph ({@link loadVariantFile}).
 */
export function variantFromCode(
  variantCode: VariantCode,
  fail: (message: string) => never,
  argument = "emtd verdicts: --variant",
  params: readonly string[] = [],
): Variant {
  const { file: absolute, source } = variantCode;
  const file = absolute;
  const shown = path.basename(file);
  let exported = exportOf(variantCode, fail, argument);
  const param = argument.replace(/--variant$/, "--param");
  if (isVariantFamily(exported)) {
    try {
      checkFamily(exported, argument.replace(/: --variant$/, ""), `--variant ${shown}: the family`);
      exported = variantOf(exported, parseFamilyValues(exported, params, argument.replace(/: --variant$/, ""), "--param"));
    } catch (error) {
      // A bad --param is the command line's input; a family that throws is the file's.
      if (error instanceof ArgumentError) fail(firstLine(error));
      fail(`${argument} ${shown}: the family's variant(values) must return a variant (it threw: ${firstLine(error)})`);
    }
  } else if (params.length > 0)
    fail(
      `${param} sets a variant family's parameter: ${shown} exports a variant, not a family { name, parameters, variant(values) } (got ${params[0]})`,
    );
  try {
    const variant = checkVariant(exported, argument.replace(/: --variant$/, ""), `--variant ${path.basename(file)}: the export`);
    probe(variant, (part, what) => fail(`${argument} ${shown}:${lineOf(source, part) ?? 1} (${part}) must be ${what}`));
    return variant;
  } catch (error) {
    return fail(firstLine(error));
  }
}

/**
 * The variant file and the files it imports by relative path (`./x.ts`, `./x.js` for a `.ts` file, `./x`,
 * `../shared/x.ts`), bundled by esbuild into one CommonJS module; packages (`emtd`, `@tensorflow/tfjs`, …) stay
 * `require` calls for {@link libraryRequire}. A tsconfig.json beside the file changes nothing, as in the type check.
 * Throws one line naming the file (relative to the variant's folder), the line and what esbuild found there: an import
 * that resolves to no file, a syntax error.
 */
function bundle(file: string): string {
  const esbuild = require("esbuild") as typeof import("esbuild");
  try {
    const built = esbuild.buildSync({
      entryPoints: [file],
      absWorkingDir: path.dirname(file),
      bundle: true,
      packages: "external",
      platform: "node",
      format: "cjs",
      target: "es2022",
      tsconfigRaw: {},
      write: false,
      logLevel: "silent",
    });
    return built.outputFiles[0]!.text;
  } catch (error) {
    const first = (error as { errors?: Array<{ text: string; location: { file: string; line: number } | null }> }).errors?.[0];
    if (!first) throw error;
    throw new Error(first.location ? `${first.location.file}:${first.location.line}: ${first.text}` : first.text, { cause: error });
  }
}

/** An ES module's exports (named ones only) where its default export was wanted: `export const variant = …`. */
function isModuleWithoutDefault(exported: unknown): exported is Record<string, unknown> {
  return (
    typeof exported === "object" &&
    exported !== null &&
    (exported as { __esModule?: unknown }).__esModule === true &&
    Object.keys(exported).some((k) => k !== "__esModule")
  );
}

/** The line (1-based) where `part` is first written in `source` (`part:` or `part(`), or undefined. */
function lineOf(source: string, part: string): number | undefined {
  const at = new RegExp(`\\b${part}\\s*[:(]`).exec(source)?.index;
  return at === undefined ? undefined : source.slice(0, at).split("\n").length;
}

/** A thing with a name and an `energy` function: a Term, as far as can be seen without running it. */
const isTerm = (t: unknown) => typeof t === "object" && t !== null && typeof (t as { energy?: unknown }).energy === "function";
const got = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "an array" : typeof value);

/**
 * Call each function part once on a small graph (ring:8:2), before any claim runs, and check what it returns:
 * interaction a Term, terms an array of Terms, schedule an object with `temperature(t)`, integrator an object with
 * `init` and `step`. `wrong(part, what)` is called for the first that does not (a part that throws is reported too).
 */
function probe(variant: Variant, wrong: (part: string, what: string) => never): void {
  const graph = graphFromSpec("ring:8:2", key(0));
  const call = <T>(part: string, signature: string, f: () => T): T => {
    try {
      return f();
    } catch (error) {
      return wrong(part, `a function ${signature} that returns (it threw on ring:8:2: ${firstLine(error)})`);
    }
  };
  // A term's energy and gradient are evaluated at three fields: a vector, a NaN, an Inf or a throw is named by its
  // part and the field here, not by the library in the middle of a claim (where a NaN gradient read as a divergence).
  const fields = probeFields();
  const evaluates = (part: string, term: Term, which: string) => {
    // A slip that broadcasts [E, 1] with [E] into [E, E] costs seconds a step and gives a wrong energy: refused here.
    try {
      checkBroadcasts(term, fields[0]!.psi);
    } catch (error) {
      // Another throw is named below, with the field it came from.
      if (error instanceof BroadcastError) {
        const { op, a, b, output } = error;
        wrong(
          part,
          `terms whose energy broadcasts no two tensors of different rank into a larger one (${which} on ring:8:2: ${op} of [${a.join(", ")}] and [${b.join(", ")}] gives [${output.join(", ")}]; [E, 1] with [E] is [E, E]: give both the same shape)`,
        );
      }
    }
    for (const field of fields) {
      let value: { energy: number; gradient: "finite" | "NaN" | "infinite" };
      try {
        value = tf.tidy(() => {
          const { energy, gradient } = energyAndGradient(term, field.psi);
          const nan = tf.any(tf.isNaN(gradient)).dataSync()[0] === 1;
          const finite = tf.all(tf.isFinite(gradient)).dataSync()[0] === 1;
          return { energy: energy.arraySync() as number, gradient: nan ? "NaN" : finite ? "finite" : "infinite" };
        });
      } catch (error) {
        return wrong(
          part,
          `terms whose energy(psi) is a finite scalar tensor (${which} on ring:8:2 at ${field.name}: ${firstLine(error)})`,
        );
      }
      if (!Number.isFinite(value.energy))
        wrong(
          part,
          `terms whose energy(psi) is a finite scalar tensor (${which} on ring:8:2 at ${field.name}, gave ${value.energy}${field.hint})`,
        );
      if (value.gradient !== "finite")
        wrong(part, `terms with a finite gradient (${which}'s is ${value.gradient} at ${field.name} on ring:8:2${field.hint})`);
    }
  };
  try {
    probeParts(variant, graph, call, wrong, evaluates);
  } finally {
    tf.dispose(fields.map((f) => f.psi));
  }
}

/** The fields a variant's terms are evaluated at (ring:8:2, C = 2), each named as the refusal names it. */
function probeFields(): Array<{ name: string; psi: tf.Tensor2D; hint: string }> {
  const wave = Array.from({ length: 16 }, (_, i) => Math.sin(i + 1));
  return [
    { name: "a varied field", psi: tf.tensor2d(wave, [8, 2]), hint: "" },
    {
      name: "consensus, all differences zero",
      psi: tf.tensor2d(
        Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? 0.3 : -0.2)),
        [8, 2],
      ),
      hint: ": autodiff of a norm or a square root is NaN at 0; use √(‖x‖² + ε)",
    },
    {
      name: "a large field (|psi| ≤ 10)",
      psi: tf.tensor2d(
        wave.map((v) => 10 * v),
        [8, 2],
      ),
      hint: ": an exp or cosh overflows float32 there; write it in a stable form",
    },
  ];
}

function probeParts(
  variant: Variant,
  graph: Graph,
  call: <T>(part: string, signature: string, f: () => T) => T,
  wrong: (part: string, what: string) => never,
  evaluates: (part: string, term: Term, which: string) => void,
): void {
  if (variant.interaction) {
    const t = call("interaction", "(graph, { coupling }) => Term", () => variant.interaction!(graph, { coupling: 1 }));
    if (!isTerm(t)) wrong("interaction", `a function (graph, { coupling }) => Term, a term { name, energy(psi) } (it returned ${got(t)})`);
    evaluates("interaction", t, "its term");
  }
  if (variant.entropic) {
    const t = call("entropic", "(graph, { laplacian, lambda }) => Term", () =>
      variant.entropic!(graph, { laplacian: "combinatorial", lambda: 1 }),
    );
    if (!isTerm(t))
      wrong("entropic", `a function (graph, { laplacian, lambda }) => Term, a term { name, energy(psi) } (it returned ${got(t)})`);
    evaluates("entropic", t, "its term");
  }
  if (variant.terms) {
    const terms: unknown = call("terms", "(graph) => Term[]", () => variant.terms!(graph));
    if (!Array.isArray(terms)) wrong("terms", `a function (graph) => Term[], an array of terms (it returned ${got(terms)})`);
    const bad = terms.findIndex((t) => !isTerm(t));
    if (bad >= 0)
      wrong("terms", `a function (graph) => Term[] whose items are terms { name, energy(psi) } (item ${bad} is ${got(terms[bad])})`);
    terms.forEach((t: Term, i) => evaluates("terms", t, `item ${i}`));
  }
  if (variant.schedule) {
    const s: unknown = call("schedule", "(initial) => Schedule", () => variant.schedule!(1));
    if (typeof (s as { temperature?: unknown } | null)?.temperature !== "function")
      wrong("schedule", `a function (initial) => Schedule, an object with temperature(t) (it returned ${got(s)})`);
  }
  if (variant.integrator) {
    const energy = variant.interaction ? variant.interaction(graph, { coupling: 1 }) : PROPOSAL.interaction(graph, { coupling: 1 });
    const i: unknown = call("integrator", "(energy, { step, temperature }) => Integrator", () =>
      variant.integrator!(energy, { step: 0.01, temperature: 1 }),
    );
    const shape = i as { init?: unknown; step?: unknown } | null;
    if (typeof shape?.init !== "function" || typeof shape?.step !== "function")
      wrong("integrator", `a function (energy, { step, temperature }) => Integrator, an object with init and step (it returned ${got(i)})`);
  }
}

/** `require` for the variant's file: `emtd` and `emtd/…` are this package; the rest resolves from the file's folder. */
function libraryRequire(file: string): NodeJS.Require {
  const root = packageRoot();
  const own = Module.createRequire(file);
  const library = Module.createRequire(path.join(root, "package.json"));
  const req = ((id: string) => {
    if (id === "emtd" || id.startsWith("emtd/")) return library(id); // the package's own exports map (self-reference)
    try {
      return own(id);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw error;
      return library(id); // e.g. @tensorflow/tfjs, the library's own copy
    }
  }) as NodeJS.Require;
  return Object.assign(req, { resolve: own.resolve, cache: own.cache, main: own.main, extensions: own.extensions });
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}
