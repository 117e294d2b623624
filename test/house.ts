/**
 * The house of src/ as its sources say: every import between its files (read from the import, export, `require`
 * and `import()` statements), the floors documented in docs/architecture.md, and what breaks the rules there: an
 * import that runs up a floor, files or folders that import each other in a circle, a file over the size limit.
 * Pure functions of a root folder, so a test can run them on a planted copy and see them fail.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

export const ROOT = resolve(__dirname, "..", "..");

/** Every .ts source under `dir` (declaration files too: they are rooms of the house), as paths relative to `dir`. */
export function sources(dir: string, under = ""): string[] {
  return readdirSync(join(dir, under), { withFileTypes: true }).flatMap((e) => {
    const rel = under === "" ? e.name : `${under}/${e.name}`;
    return e.isDirectory() ? sources(dir, rel) : e.name.endsWith(".ts") ? [rel] : [];
  });
}

/** Every folder under `dir`, as paths relative to it ("engine", "engine/kernels", …). */
export function folders(dir: string, under = ""): string[] {
  return readdirSync(join(dir, under), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => {
      const rel = under === "" ? e.name : `${under}/${e.name}`;
      return [rel, ...folders(dir, rel)];
    });
}

export interface Arrow {
  from: string;
  to: string;
}

// A relative module name in: import … from "x", export … from "x", import "x", require("x"), import("x"). Only at
// the start of a line for the statements, so the `import` lines of TSDoc examples (" * import …") are not read.
const IMPORT =
  /^\s*(?:import|export)\b[^;]*?\bfrom\s+"(\.[^"]+)"|^\s*import\s+"(\.[^"]+)"|\brequire\("(\.[^"]+)"\)|\bimport\("(\.[^"]+)"\)/gm;

/** The file a relative module name in `from` names (x.ts, x/index.ts), or null when it is not a source of `src`. */
function target(src: string, from: string, name: string): string | null {
  const base = resolve(src, dirname(from), name);
  for (const file of [`${base}.ts`, join(base, "index.ts")]) if (existsSync(file)) return relative(src, file);
  return null;
}

/** Every import between two sources of `src` (relative paths), each once. */
export function arrows(src: string): Arrow[] {
  const seen = new Set<string>();
  const out: Arrow[] = [];
  for (const from of sources(src)) {
    for (const m of readFileSync(join(src, from), "utf8").matchAll(IMPORT)) {
      const to = target(src, from, (m[1] ?? m[2] ?? m[3] ?? m[4])!);
      if (to === null || seen.has(`${from} ${to}`)) continue;
      seen.add(`${from} ${to}`);
      out.push({ from, to });
    }
  }
  return out;
}

/** The top-level part of src/ a file belongs to: its folder ("engine/") or itself ("errors.ts"). */
export function area(file: string): string {
  const slash = file.indexOf("/");
  return slash < 0 ? file : `${file.slice(0, slash)}/`;
}

export interface Floor {
  floor: number;
  name: string;
  /** Top-level folders ("engine/") and files ("errors.ts") of src/ on this floor. */
  parts: string[];
  /** Parts marked "(not yet merged)": documented ahead of their branch. */
  pending: string[];
}

/** The floors table of docs/architecture.md ("| 2 | numerics | `engine/`, `stats/` |"), bottom first. */
export function floorsOf(doc: string): Floor[] {
  const floors: Floor[] = [];
  for (const line of doc.split("\n")) {
    const m = /^\|\s*(\d+)\s*\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|\s*$/.exec(line);
    if (!m) continue;
    const cells = m[3]!.split(",").map((c) => c.trim());
    const name = (c: string) => /`([^`]+)`/.exec(c)?.[1] ?? c;
    floors.push({
      floor: Number(m[1]),
      name: m[2]!,
      parts: cells.map(name),
      pending: cells.filter((c) => c.includes("(not yet merged)")).map(name),
    });
  }
  return floors.sort((a, b) => a.floor - b.floor);
}

/** Imports from a part to a part on a higher floor ("engine/random.ts → cli/main.ts (floor 2 → 10)"). */
export function upward(all: readonly Arrow[], floors: readonly Floor[]): string[] {
  const floorOf = new Map(floors.flatMap((f) => f.parts.map((p) => [p, f.floor] as const)));
  return all
    .filter((a) => (floorOf.get(area(a.to)) ?? 0) > (floorOf.get(area(a.from)) ?? Infinity))
    .map((a) => `${a.from} → ${a.to} (floor ${floorOf.get(area(a.from))} → ${floorOf.get(area(a.to))})`);
}

/** Top-level parts of `src` that stand on no floor. */
export function unplaced(src: string, floors: readonly Floor[]): string[] {
  const placed = new Set(floors.flatMap((f) => f.parts));
  const parts = new Set(sources(src).map(area));
  for (const folder of folders(src)) if (!folder.includes("/")) parts.add(`${folder}/`);
  return [...parts].filter((p) => !placed.has(p)).sort();
}

/**
 * The circles of a graph: its strongly connected components of two or more nodes, or one node that imports itself
 * (Tarjan's algorithm, iterative), each as its sorted nodes.
 */
export function circles(edges: ReadonlyArray<readonly [string, string]>): string[][] {
  const next = new Map<string, string[]>();
  for (const [a, b] of edges) {
    if (!next.has(a)) next.set(a, []);
    if (!next.has(b)) next.set(b, []);
    next.get(a)!.push(b);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  for (const start of next.keys()) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; i: number }> = [{ node: start, i: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const succ = next.get(top.node)!;
      if (top.i < succ.length) {
        const w = succ[top.i++]!;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.node, Math.min(low.get(top.node)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]!.node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) === index.get(top.node)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== top.node);
        if (component.length > 1 || succ.includes(top.node)) out.push(component.sort());
      }
    }
  }
  return out;
}

/** Circles of files, and circles of top-level parts (folders that import each other through any of their files). */
export function circlesOf(all: readonly Arrow[]): { files: string[][]; parts: string[][] } {
  return {
    files: circles(all.map((a) => [a.from, a.to] as const)),
    parts: circles(all.filter((a) => area(a.from) !== area(a.to)).map((a) => [area(a.from), area(a.to)] as const)),
  };
}

/**
 * Imports that reach behind the engine's face: from outside engine/ into engine/kernels/, by any part but the
 * fused-op front ends of ops/ ("field/field.ts → engine/kernels/configs/dispatch.ts"). The rest of the library goes
 * through engine/index.ts (and the engine's own modules: random, backend, budget, edges, sparse, fastrandom).
 */
export function behindTheFace(all: readonly Arrow[]): string[] {
  return all
    .filter((a) => a.to.startsWith("engine/kernels/") && !a.from.startsWith("engine/") && !a.from.startsWith("ops/"))
    .map((a) => `${a.from} → ${a.to}`);
}

/** Sources of `src` longer than `limit` lines, with their lengths ("studies/scale/scale-study.ts (601 lines)"). */
export function oversized(src: string, limit: number): string[] {
  return sources(src)
    .filter((f) => statSync(join(src, f)).isFile())
    .map((f) => ({ f, lines: readFileSync(join(src, f), "utf8").replace(/\n$/, "").split("\n").length }))
    .filter(({ lines }) => lines > limit)
    .map(({ f, lines }) => `${f} (${lines} lines)`);
}

/** The home of every private tfjs internal the engine touches (its shapes and the one cast to each). */
export const PRIVATE_HOOKS = "engine/kernels/tfjs/private-hooks.ts";

/** Members of tfjs's backends, engine and the WebGPU device that are not tfjs's public API (private-hooks.ts's hooks). */
const PRIVATE_MEMBERS = [
  "runWebGPUProgram",
  "recordAndSubmit",
  "uploadToGPU",
  "tensorMap",
  "dataIdMap",
  "typedArrayFromHeap",
  "makeOutput",
  "makeTensorInfo",
  "activeTape",
  "startTape",
  "scopedRun",
  "HEAPU8",
  "pushErrorScope",
  "popErrorScope",
  "onuncapturederror",
  "commandEncoder",
  "endComputePassEncoder",
  "submitQueue",
].join("|");

// A private member declared as a type's member ("  tensorMap: …", "recordAndSubmit(…): void;") or named in an
// inline cast ("as { device: { limits … } }", "as unknown as { recordAndSubmit(…) }").
const PRIVATE_DECLARED = new RegExp(
  `^\\s*(?:readonly\\s+)?(?:${PRIVATE_MEMBERS})\\??\\s*[(:<][^=]*;?\\s*$|\\bas\\s+(?:unknown\\s+as\\s+)?\\{[^;]*\\b(?:device|${PRIVATE_MEMBERS})\\b`,
  "m",
);

/**
 * Sources of `src` other than private-hooks.ts that declare the shape of a private tfjs internal themselves (a type
 * member or an inline cast naming one), with the line: private-hooks.ts is their one home, under its test.
 */
export function hooksOutsideTheirHome(src: string): string[] {
  return sources(src)
    .filter((f) => f !== PRIVATE_HOOKS)
    .sort()
    .flatMap((f) =>
      readFileSync(join(src, f), "utf8")
        .split("\n")
        .flatMap((line, i) => (PRIVATE_DECLARED.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
    );
}

/** Sources outside engine/ and ops/ that run a kernel themselves (`runKernel(`): ops/ is the one caller above the engine. */
export function kernelCallsAbove(src: string): string[] {
  return sources(src)
    .filter((f) => !f.startsWith("engine/") && !f.startsWith("ops/"))
    .filter((f) => /\brunKernel\(/.test(readFileSync(join(src, f), "utf8")))
    .sort();
}

/**
 * What a part above ops/ may import from the engine: its services (keys and draws, the backend's choice, the memory
 * budget, the graph's storage, row gathers), never its face (engine/index.ts), its kernels or its devices: a kernel,
 * a size threshold or a device step is ops/' to choose (docs/architecture.md). bench/ measures the engine's parts
 * one by one and api/ re-exports them (emtd/engine): both stand outside the rule.
 */
export const ENGINE_SERVICES = ["random", "fastrandom", "backend", "budget", "edges", "sparse"].map((s) => `engine/${s}.ts`);
const OUTSIDE_THE_OPS_RULE = ["bench/", "api/"];

/** The parts of src/ above ops/ on the floors table, bench/ and api/ aside. */
function aboveOps(floors: readonly Floor[]): (file: string) => boolean {
  const floorOf = new Map(floors.flatMap((f) => f.parts.map((p) => [p, f.floor] as const)));
  const ops = floorOf.get("ops/")!;
  return (file) => (floorOf.get(area(file)) ?? 0) > ops && !OUTSIDE_THE_OPS_RULE.includes(area(file));
}

/** Imports from above ops/ into the engine past its services ("dynamics/flow-to-rest.ts → engine/index.ts"). */
export function engineAboveOps(all: readonly Arrow[], floors: readonly Floor[]): string[] {
  const above = aboveOps(floors);
  return all
    .filter((a) => above(a.from) && a.to.startsWith("engine/") && !ENGINE_SERVICES.includes(a.to))
    .map((a) => `${a.from} → ${a.to}`);
}

/** The names of a kernel's dispatch, a size threshold and a device step (ops/' own words for them). */
const KERNEL_WORDS = /\b(?:runKernel|hasKernel|canFuse\w*|LARGE_FIELD_ENTRIES|\w*_MIN_ROWS|parallelThreshold|preciseValue|\w+OnDevice)\b/;

/** Code lines (comments aside) above ops/ that name a kernel's dispatch, a size threshold or a device step. */
export function kernelWordsAboveOps(src: string, floors: readonly Floor[]): string[] {
  const above = aboveOps(floors);
  return sources(src)
    .filter(above)
    .sort()
    .flatMap((f) =>
      readFileSync(join(src, f), "utf8")
        .split("\n")
        .flatMap((line, i) => {
          const code = line.replace(/\/\/.*$/, "");
          return /^\s*(?:\*|\/\*)/.test(code) || !KERNEL_WORDS.test(code) ? [] : [`${f}:${i + 1}: ${line.trim()}`];
        }),
    );
}

/**
 * The engine's kernel folders and its WebGPU host, bottom first: the shapes of tfjs's private internals, the
 * JavaScript loops (and the graph plan they read), the threads that split rows, the SIMD module, the stencils on it,
 * the kernels' configs, their WebGPU configs, and the WebGPU worker that runs them. A folder imports only folders
 * below it; a folder under one of them (configs/cpu, configs/wasm) is part of it.
 */
export const ENGINE_STACK: readonly string[] = [
  "engine/kernels/tfjs",
  "engine/kernels/loops",
  "engine/kernels/threads",
  "engine/kernels/simd",
  "engine/kernels/stencils",
  "engine/kernels/configs",
  "engine/kernels/configs/webgpu",
  "engine/webgpu",
];

/** The folder of `stack` a source of src/ belongs to (the deepest that holds it), or null. */
export function stackFolderOf(file: string, stack: readonly string[] = ENGINE_STACK): string | null {
  const holders = stack.filter((folder) => file.startsWith(`${folder}/`));
  return holders.length === 0 ? null : holders.reduce((a, b) => (b.length > a.length ? b : a));
}

/**
 * Imports between two folders of `stack` that run up it, from a folder to one above it, each with the two folders
 * ("engine/kernels/loops/row-loops.ts → engine/kernels/threads/pool.ts (loops → threads)"). Type imports count.
 */
export function againstTheStack(all: readonly Arrow[], stack: readonly string[] = ENGINE_STACK): string[] {
  const short = (folder: string) => folder.replace(/^engine\/(kernels\/)?/, "");
  return all.flatMap((a) => {
    const [from, to] = [stackFolderOf(a.from, stack), stackFolderOf(a.to, stack)];
    if (from === null || to === null || stack.indexOf(to) <= stack.indexOf(from)) return [];
    return [`${a.from} → ${a.to} (${short(from)} → ${short(to)})`];
  });
}
