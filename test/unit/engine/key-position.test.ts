/**
 * The key rule (src/engine/random.ts, README "Keys"), checked by the TypeScript compiler over the declarations the
 * package exports (every `types` entry of package.json `exports`), not over a list drawn once:
 *
 * - a random primitive (the functions of engine/random plus the generators below) takes its key first, as in JAX;
 * - every other function or method takes its key as its last required parameter: only optional parameters (an
 *   options object, a sampler's overrides) may follow it;
 * - a Key parameter or property is never optional, and a key is never a field of an argument object.
 *
 * The checker itself is tested on a small declaration file that breaks each part, so a broken checker fails too.
 */
import { TEST_DIR } from "../../support/dirs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import ts from "typescript";

const ROOT = resolve(TEST_DIR, "../..");

/** Random primitives: they turn a key into numbers or keys, and take it first, as jax.random does. */
const PRIMITIVES = new Set([
  "fold",
  "split",
  "seedOf",
  "uniformSource",
  "normal",
  "uniform",
  "langevinNoise",
  "isingUniforms",
  "PhiloxStream",
]);

/** True when `type` is the library's Key, or a union with one (an optional `key?: Key` reads as Key | undefined). */
function hasKey(type: ts.Type): boolean {
  if (type.aliasSymbol?.name === "Key") return true;
  return type.isUnion() && type.types.some(hasKey);
}

/** Our own declarations, walked into; library types (tfjs, node) are not. */
function isOwn(type: ts.Type, ownFile: (file: string) => boolean): boolean {
  const decls = [type.aliasSymbol, type.getSymbol()].flatMap((s) => s?.getDeclarations() ?? []);
  return decls.some((d) => ownFile(d.getSourceFile().fileName));
}

/**
 * Every breach of the key rule in the exports of `entries`, as "where: what" lines. `ownFile` says which declaration
 * files belong to the package (their types are walked into for methods and fields).
 */
function keyRuleViolations(
  program: ts.Program,
  entries: string[],
  ownFile: (file: string) => boolean,
): { violations: string[]; checked: Set<string> } {
  const checker = program.getTypeChecker();
  const out = new Set<string>();
  const checked = new Set<string>();
  const seen = new Set<ts.Type>();

  const checkSignature = (sig: ts.Signature, where: string, primitive: boolean): void => {
    const params = sig.getParameters();
    params.forEach((p, i) => {
      const decl = p.valueDeclaration as ts.ParameterDeclaration | undefined;
      const type = checker.getTypeOfSymbol(p);
      if (hasKey(type)) {
        checked.add(where);
        if (decl && (checker.isOptionalParameter(decl) || decl.dotDotDotToken)) out.add(`${where}: key parameter '${p.name}' is optional`);
        if (primitive && i !== 0) out.add(`${where}: a random primitive takes its key first ('${p.name}' is parameter ${i + 1})`);
        if (!primitive) {
          const after = params.slice(i + 1).filter((q) => {
            const d = q.valueDeclaration as ts.ParameterDeclaration | undefined;
            return !(d && (checker.isOptionalParameter(d) || d.dotDotDotToken));
          });
          if (after.length > 0)
            out.add(`${where}: required parameter '${after[0]!.name}' follows key '${p.name}' (the key is the last required parameter)`);
        }
      }
      // A key inside an argument object: one level down, through unions (an options bag may be `T | undefined`).
      for (const t of type.isUnion() ? type.types : [type]) {
        if (hasKey(t) || !(t.flags & ts.TypeFlags.Object)) continue;
        for (const prop of checker.getPropertiesOfType(t)) {
          if (hasKey(checker.getTypeOfSymbol(prop)))
            out.add(`${where}: key '${p.name}.${prop.name}' is a field of an argument object (pass it as a parameter)`);
        }
      }
      visit(type, `${where}(${p.name})`);
    });
    visit(sig.getReturnType(), `${where} →`);
  };

  const visit = (type: ts.Type, where: string, primitive = false): void => {
    if (seen.has(type) || hasKey(type)) return;
    seen.add(type);
    if (type.isUnionOrIntersection()) return type.types.forEach((t) => visit(t, where));
    if (checker.isArrayType(type) || checker.isTupleType(type)) {
      return checker.getTypeArguments(type as ts.TypeReference).forEach((t) => visit(t, `${where}[]`));
    }
    // Only our own object types are walked (a returned `{ step(…) }` is anonymous: its symbol is declared in our files).
    if (!(type.flags & ts.TypeFlags.Object) || !isOwn(type, ownFile)) return;
    for (const sig of type.getCallSignatures()) checkSignature(sig, where, primitive);
    for (const sig of type.getConstructSignatures()) checkSignature(sig, `new ${where}`, primitive);
    for (const prop of checker.getPropertiesOfType(type)) {
      const propType = checker.getTypeOfSymbol(prop);
      if (hasKey(propType) && prop.flags & ts.SymbolFlags.Optional) out.add(`${where}.${prop.name}: key field is optional`);
      visit(propType, `${where}.${prop.name}`);
    }
  };

  for (const entry of entries) {
    const file = program.getSourceFile(entry);
    assert.ok(file, `entry ${entry} is in the program`);
    const moduleSymbol = checker.getSymbolAtLocation(file);
    assert.ok(moduleSymbol, `entry ${entry} is a module`);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const sym = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const name = exported.name;
      if (sym.flags & ts.SymbolFlags.Value) visit(checker.getTypeOfSymbol(sym), name, PRIMITIVES.has(name));
      if (sym.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Class)) {
        visit(checker.getDeclaredTypeOfSymbol(sym), name, PRIMITIVES.has(name));
      }
    }
  }
  return { violations: [...out].sort(), checked };
}

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  skipLibCheck: true,
  noEmit: true,
  module: ts.ModuleKind.Node16,
  moduleResolution: ts.ModuleResolutionKind.Node16,
  target: ts.ScriptTarget.ES2022,
  types: ["node"],
};

test("every exported function and method of every entry point follows the key rule", () => {
  const pkg = JSON.parse(readFileSync(resolve(ROOT, "package.json"), "utf8")) as { exports: Record<string, { types?: string } | string> };
  const entries = Object.values(pkg.exports)
    .flatMap((e) => (typeof e === "object" && e.types ? [resolve(ROOT, e.types)] : []))
    .map((f) => f.replace(/\\/g, "/"));
  assert.ok(entries.length >= 6, `the package's entry points (${entries.length})`);
  const program = ts.createProgram(entries, OPTIONS);
  const own = (f: string) => f.startsWith(`${ROOT}/dist/src/`.replace(/\\/g, "/"));
  const { violations, checked } = keyRuleViolations(program, entries, own);
  assert.deepEqual(violations, [], `breaches of the key rule:\n${violations.join("\n")}`);
  // The walk reaches functions, methods of returned samplers, interfaces and constructors (a walker that saw
  // nothing would pass the line above).
  for (const name of [
    "graphFromSpec",
    "run",
    "normal",
    "new PhiloxStream",
    "Sampler.step",
    "gradientFlow →.step",
    "isingSampler →.init",
    "measureConsensus",
  ]) {
    assert.ok(checked.has(name), `${name} among the ${checked.size} checked signatures: ${[...checked].sort().join(", ")}`);
  }
  assert.ok(checked.size > 60, `${checked.size} signatures with a key checked`);
});

test("the checker reports each kind of breach (so the test above can fail)", () => {
  const source = `
    export type Key = readonly [number, number];
    export declare function normal(k: Key, shape: number[]): number[];
    export declare function uniform(shape: number[], k: Key): number[];
    export declare function good(x: number, k: Key, options?: { n?: number }): number;
    export declare function keyOnly(k: Key, options?: { n?: number }): number;
    export declare function middle(x: number, k: Key, y: number): number;
    export declare function optional(x: number, k?: Key): number;
    export declare function defaulted(x: number, options?: { key?: Key }): number;
    export declare function inBag(options: { n: number; key: Key }): number;
    export interface Sampler { step(state: number, key: Key, overrides?: { t?: number }): number; }
    export interface BadSampler { step(key: Key, state: number): number; }
    export declare function factory(): { step(key: Key, state: number): number };
    export interface Result { key?: Key; kept: Key }
  `;
  const name = "/virtual/api.d.ts";
  const host = ts.createCompilerHost(OPTIONS);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (f, v) => (f === name ? ts.createSourceFile(f, source, v) : read(f, v));
  host.fileExists = (
    (exists) => (f: string) =>
      f === name || exists(f)
  )(host.fileExists.bind(host));
  const program = ts.createProgram([name], OPTIONS, host);
  const got = keyRuleViolations(program, [name], (f) => f === name).violations;
  const expect = [
    /^uniform: a random primitive takes its key first/,
    /^middle: required parameter 'y' follows key 'k'/,
    /^optional: key parameter 'k' is optional/,
    /^defaulted: key 'options.key' is a field of an argument object/,
    /^defaulted\(options\)\.key: key field is optional/,
    /^inBag: key 'options.key' is a field of an argument object/,
    /^BadSampler.step: required parameter 'state' follows key 'key'/,
    /^factory →.step: required parameter 'state' follows key 'key'/,
    /^Result.key: key field is optional/,
  ];
  for (const pattern of expect)
    assert.ok(
      got.some((line) => pattern.test(line)),
      `${pattern} in\n${got.join("\n")}`,
    );
  assert.equal(got.length, expect.length, `no other reports:\n${got.join("\n")}`);
});
