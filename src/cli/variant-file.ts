/**
 * Loads a variant from a `.ts` or `.js` file anywhere on disk (`emtd verdicts --variant FILE`): the file imports the
 * library by name, as a notebook does, and default-exports (or `module.exports =`) a variant `{ name,
 * interaction?, terms?, rule?, schedule?, integrator? }`. TypeScript (and ES-module JavaScript) is transpiled to
 * CommonJS by the TypeScript the kernel already ships (tslab's), without type checking; `emtd` and `emtd/…` resolve to
 * this package, so the variant's terms are made by the same tfjs and library the claims run on.
 */
import { REPAIRS } from "../claims/repairs";
import * as fs from "node:fs";
import Module from "node:module";
import * as path from "node:path";
import { packageRoot } from "../package";
import { readBounded } from "../files/bounded";
import { tslabDirectory } from "../jupyter/compiler";
import { checkVariant } from "../claims/mechanism";
import type { Variant } from "../claims/types";

const EXTENSIONS = [".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"];

interface TypeScript {
  transpileModule(input: string, options: { fileName: string; compilerOptions: Record<string, unknown> }): { outputText: string };
}

let typescript: TypeScript | null = null;

function compiler(): TypeScript {
  typescript ??= require(require.resolve("@tslab/typescript-for-tslab", { paths: [tslabDirectory()] })) as TypeScript;
  return typescript;
}

/**
 * The variant a file exports. `fail` receives one line naming `argument` and what is accepted when the file is
 * missing, is not a .ts/.js file, cannot be evaluated, exports nothing, or exports something that is not a variant.
 */
export function loadVariantFile(file: string, fail: (message: string) => never, argument = "emtd verdicts: --variant"): Variant {
  const absolute = path.resolve(file);
  // A named repair (src/claims/repairs.ts) is a variant too, measured by the same machinery.
  if (Object.hasOwn(REPAIRS, file) && !fs.existsSync(absolute)) return REPAIRS[file]!;
  if (!EXTENSIONS.includes(path.extname(absolute)))
    fail(
      `${argument} must be a ${EXTENSIONS.join("/")} file exporting a variant, or a repair's name (${Object.keys(REPAIRS).join(", ")}) (got ${JSON.stringify(file)})`,
    );
  if (!fs.existsSync(absolute) || !fs.statSync(absolute).isFile())
    fail(`${argument} must be a file that exists, exporting a variant (got ${JSON.stringify(file)}: no such file)`);
  let exported: unknown;
  try {
    const source = readBounded(absolute, "variant", { where: "emtd/files", argument: "variant" }); // issue 38: a byte budget and a line cap
    const code = compiler().transpileModule(source, {
      fileName: absolute,
      compilerOptions: { module: 1 /* CommonJS */, target: 9 /* ES2022 */, esModuleInterop: true, allowJs: true },
    }).outputText;
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
  if (exported === undefined || (typeof exported === "object" && exported !== null && Object.keys(exported).length === 0))
    fail(
      `${argument} must default-export (or module.exports =) a variant { name, interaction?, terms?, rule?, schedule?, integrator?, ricci?, kernel? } (${JSON.stringify(file)} exports nothing)`,
    );
  try {
    return checkVariant(exported, argument.replace(/: --variant$/, ""), `--variant ${path.basename(file)}: the export`);
  } catch (error) {
    return fail(firstLine(error));
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
