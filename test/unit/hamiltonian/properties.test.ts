/**
 * Property-based tests (fast-check, fixed seeds so a failure reproduces): graph specs, run configs and argument
 * parsing accept what they should and refuse the rest with typed one-line errors; physics invariants (interaction
 * energy ≥ 0 and equal to the dense sum, gradient flow conserves the mean, Metropolis detailed balance); and the
 * protocol's commitments (any tampered transaction, block or proof fails verification).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import * as tf from "@tensorflow/tfjs";
import { graphFromSpec } from "../../../src/graph/spec";
import { key, uniformSource } from "../../../src/engine/random";
import { ArgumentError } from "../../../src/errors";
import { parseOptions, UsageError, type OptionSpec } from "../../../src/command/options";
import { commands } from "../../../src/cli/registry";
import { ConfigError, configFields, runnableCommands, validateRunConfig } from "../../../src/runs/schema";
import { configValues } from "../../../src/runs/run-config";
import { interaction } from "../../../src/hamiltonian/interaction";
import { energyValue } from "../../../src/hamiltonian/term";
import { gradientFlow } from "../../../src/dynamics/gradient";
import { run } from "../../../src/dynamics/run";
import { largestLaplacianEigenvalue } from "../../../src/graph/stability";
import { releaseGraph } from "../../../src/ops/tensors";
import { isingAcceptance } from "../../../src/engine/kernels/loops/row-loops";
import { buildTree, inclusionProof, verifyInclusion } from "../../../src/protocol/merkle";
import { makeBlock, verifyAncestry, verifyBlock, type DagBlock } from "../../../src/protocol/dag";
import { ready } from "../../../src/engine/backend";
import { denseInteraction } from "../../helpers";

const SEED = 20261122;
const runs = (numRuns: number) => ({ seed: SEED, numRuns });

// ---- graph specs -------------------------------------------------------------------------------------------------

const validSpec = fc.oneof(
  fc
    .tuple(fc.integer({ min: 3, max: 60 }), fc.integer({ min: 1, max: 10 }))
    .filter(([n, h]) => 2 * h < n)
    .map(([n, h]) => ({ spec: `ring:${n}:${2 * h}`, nodes: n, edges: n * h })),
  fc
    .tuple(fc.integer({ min: 5, max: 60 }), fc.integer({ min: 1, max: 3 }), fc.double({ min: 0, max: 1, noNaN: true }))
    .filter(([n, h]) => 2 * h < n)
    .map(([n, h, p]) => ({ spec: `ws:${n}:${2 * h}:${p}`, nodes: n, edges: n * h })),
  fc.integer({ min: 3, max: 12 }).map((L) => ({ spec: `torus:${L}`, nodes: L * L, edges: 2 * L * L })),
  fc.integer({ min: 2, max: 30 }).map((n) => ({ spec: `complete:${n}`, nodes: n, edges: (n * (n - 1)) / 2 })),
);

test("graph specs: every valid spec builds with the node and edge counts its form implies", () => {
  fc.assert(
    fc.property(validSpec, fc.nat(), ({ spec, nodes, edges }, seed) => {
      const g = graphFromSpec(spec, key(seed));
      assert.equal(g.n, nodes, spec);
      assert.equal(g.edgeCount, edges, spec);
    }),
    runs(150),
  );
});

test("graph specs: arbitrary text either builds a graph or throws an ArgumentError naming `graph` (never anything else)", () => {
  const token = fc.oneof(
    fc.constantFrom("ring", "ws", "er", "ba", "torus", "complete", "grid", ""),
    fc.integer({ min: -5, max: 40 }).map(String),
    fc.constantFrom("0.5", "-1", "1e3", "NaN", "x", "2.5", " "),
  );
  fc.assert(
    fc.property(fc.array(token, { minLength: 1, maxLength: 5 }), (parts) => {
      const spec = parts.join(":");
      try {
        const g = graphFromSpec(spec, key(1));
        assert.ok(g.n >= 1);
      } catch (error) {
        assert.ok(error instanceof ArgumentError, `${spec}: ${(error as Error).name}: ${(error as Error).message}`);
        assert.doesNotMatch(error.message, /\n/);
      }
    }),
    runs(400),
  );
});

// ---- argument parsing and configs --------------------------------------------------------------------------------

/** A value inside the spec's accepted range (a repeatable option's: a list of them, as a config holds it). */
function inRange(spec: OptionSpec): fc.Arbitrary<string | number | boolean | string[]> {
  switch (spec.kind) {
    case "int":
      return fc.integer({ min: spec.min, max: Math.min(spec.max ?? 2 ** 31, 2 ** 31) });
    case "number":
      return fc
        .double({ min: spec.min ?? -1e6, max: spec.max ?? 1e6, noNaN: true, noDefaultInfinity: true })
        .filter((v) => !(spec.exclusiveMin && v === spec.min) && !Object.is(v, -0));
    case "choice":
      return fc.constantFrom(...spec.choices);
    case "flag":
      return fc.boolean();
    case "string":
      return spec.multiple ? fc.array(fc.constant("ring:10:2"), { minLength: 1, maxLength: 3 }) : fc.constant("ring:10:2");
  }
}

/** A value outside the spec's accepted range (null when every value of its type is accepted). */
function outOfRange(spec: OptionSpec): fc.Arbitrary<string | number> | null {
  switch (spec.kind) {
    case "int":
      return fc.oneof(
        fc.integer({ min: -1e6, max: spec.min - 1 }),
        ...(spec.max !== undefined && spec.max < 1e12 ? [fc.integer({ min: spec.max + 1, max: spec.max + 1e6 })] : []),
        fc.constant(spec.min + 0.5),
      );
    case "number":
      if (spec.min === undefined && spec.max === undefined) return null;
      return spec.min !== undefined
        ? fc.double({ min: spec.min - 1e6, max: spec.min, noNaN: true }).filter((v) => (spec.exclusiveMin ? v <= spec.min! : v < spec.min!))
        : fc.double({ min: spec.max! + 1e-9, max: spec.max! + 1e6, noNaN: true });
    case "choice":
      return fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !spec.choices.includes(s) && !s.startsWith("-"));
    default:
      return null;
  }
}

const RUNNABLE = runnableCommands(commands);

test("argument parsing: an in-range value parses to itself; an out-of-range one is a one-line UsageError naming the option", () => {
  for (const command of commands) {
    for (const [name, spec] of Object.entries(command.options)) {
      if (spec.kind === "flag" || spec.kind === "string") continue;
      fc.assert(
        fc.property(inRange(spec), (value) => {
          const { values } = parseOptions(
            command.name,
            [`--${name}=${value}`],
            command.options,
            command.positionals ?? 0,
            command.omitCommon,
          );
          assert.equal(values[name], value, `${command.name} --${name}=${value}`);
        }),
        runs(40),
      );
      const bad = outOfRange(spec);
      if (!bad) continue;
      fc.assert(
        fc.property(bad, (value) => {
          assert.throws(
            () => parseOptions(command.name, [`--${name}=${value}`], command.options, command.positionals ?? 0, command.omitCommon),
            (e: unknown) => e instanceof UsageError && e.message.includes(`--${name} must be`) && !e.message.includes("\n"),
            `${command.name} --${name}=${value}`,
          );
        }),
        runs(40),
      );
    }
  }
});

test("argument parsing: arbitrary argv gives values within every spec's range or a UsageError, nothing else", () => {
  const command = commands.find((c) => c.name === "sample")!;
  const names = Object.keys(command.options);
  const token = fc.oneof(
    fc.constantFrom(...names.map((n) => `--${n}`), "--json", "--seed", "-h", "--", "-x"),
    fc.string({ maxLength: 6 }),
    fc.double().map(String),
    fc.integer().map(String),
  );
  fc.assert(
    fc.property(fc.array(token, { maxLength: 8 }), (argv) => {
      try {
        const { values } = parseOptions(command.name, argv, command.options);
        for (const [name, spec] of Object.entries(command.options)) {
          const v = values[name];
          if (v === undefined || spec.kind === "flag" || spec.kind === "string") continue;
          if (spec.kind === "choice") assert.ok(spec.choices.includes(v as string));
          else {
            assert.equal(typeof v, "number");
            if (spec.min !== undefined) assert.ok((v as number) >= spec.min);
            if (spec.max !== undefined) assert.ok((v as number) <= spec.max);
          }
        }
      } catch (error) {
        assert.ok(error instanceof UsageError, `${JSON.stringify(argv)}: ${(error as Error).name} ${(error as Error).message}`);
      }
    }),
    runs(400),
  );
});

test("configs: a config built from the option specs validates and means what the same command line means", () => {
  for (const command of RUNNABLE) {
    const fields = configFields(command);
    const record = fc.record(Object.fromEntries(Object.entries(fields).map(([f, s]) => [f, inRange(s)])), { requiredKeys: [] });
    fc.assert(
      fc.property(record, fc.option(fc.integer({ min: 1, max: 1e6 }), { nil: undefined }), (fieldsValues, every) => {
        const config = { command: command.name, ...fieldsValues, ...(every === undefined ? {} : { checkpointEvery: every }) };
        validateRunConfig(config, commands);
        const values = configValues(config, command);
        for (const [field, value] of Object.entries(fieldsValues)) {
          const option = field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
          assert.deepEqual(values[option], value, `${command.name}.${field}`);
        }
      }),
      runs(60),
    );
  }
});

test("configs: one field out of range is a ConfigError naming its JSON path and the value; unknown fields are named", () => {
  for (const command of RUNNABLE) {
    for (const [field, spec] of Object.entries(configFields(command))) {
      const bad = outOfRange(spec);
      if (!bad) continue;
      fc.assert(
        fc.property(bad, (value) => {
          assert.throws(
            () => validateRunConfig({ command: command.name, [field]: value }, commands),
            (e: unknown) =>
              e instanceof ConfigError && e.message.includes(`/${field} must be`) && e.message.includes(JSON.stringify(value)),
            `${command.name}.${field} = ${JSON.stringify(value)}`,
          );
        }),
        runs(20),
      );
    }
    fc.assert(
      fc.property(
        fc
          .string({ minLength: 1, maxLength: 10 })
          .filter(
            (s) => !(s in configFields(command)) && s !== "command" && s !== "checkpointEvery" && !["__proto__", "constructor"].includes(s),
          ),
        (field) => {
          assert.throws(
            () => validateRunConfig({ command: command.name, [field]: 1 }, commands),
            (e: unknown) => e instanceof ConfigError && e.message.includes(`/${field} is not a field`),
          );
        },
      ),
      runs(30),
    );
  }
});

// ---- physics invariants ------------------------------------------------------------------------------------------

const smallGraph = fc.oneof(
  fc
    .tuple(fc.integer({ min: 4, max: 30 }), fc.integer({ min: 1, max: 3 }))
    .filter(([n, h]) => 2 * h < n)
    .map(([n, h]) => `ring:${n}:${2 * h}`),
  fc.tuple(fc.integer({ min: 6, max: 30 }), fc.double({ min: 0, max: 1, noNaN: true })).map(([n, p]) => `ws:${n}:4:${p}`),
  fc.tuple(fc.integer({ min: 4, max: 25 }), fc.double({ min: 0.1, max: 0.9, noNaN: true })).map(([n, p]) => `er:${n}:${p}`),
);

test("interaction energy is ≥ 0 and equals the dense sum Σ_edges ‖x_i − x_j‖² for any graph and field", async () => {
  await ready({ backend: "cpu" });
  fc.assert(
    fc.property(
      smallGraph,
      fc.integer({ min: 1, max: 3 }),
      fc.nat(),
      fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
      (spec, dim, seed, scale) => {
        const before = tf.memory().numTensors;
        const graph = graphFromSpec(spec, key(seed));
        const rng = uniformSource(key(seed + 1));
        const data = Float32Array.from({ length: graph.n * dim }, () => (2 * rng() - 1) * scale);
        const x = tf.tensor2d(data, [graph.n, dim]);
        const e = energyValue(interaction(graph), x);
        const exact = denseInteraction(graph, data, dim);
        assert.ok(e >= 0, `${spec}: H = ${e}`);
        // float32 accumulation: relative error a few ulps per term.
        assert.ok(Math.abs(e - exact) <= 1e-5 * exact + 1e-30, `${spec}: ${e} vs ${exact}`);
        x.dispose();
        releaseGraph(graph);
        assert.equal(tf.memory().numTensors, before);
      },
    ),
    runs(60),
  );
});

test("gradient flow conserves the mean of the field (Σ_i (LΨ)_i = 0) for any graph, field and stable step", async () => {
  await ready({ backend: "cpu" });
  fc.assert(
    fc.property(
      smallGraph,
      fc.integer({ min: 1, max: 3 }),
      fc.nat(),
      fc.double({ min: 0.05, max: 0.95, noNaN: true }),
      (spec, dim, seed, fraction) => {
        const graph = graphFromSpec(spec, key(seed));
        const rng = uniformSource(key(seed + 7));
        const data = Float32Array.from({ length: graph.n * dim }, () => 10 * rng() - 5);
        const x = tf.tensor2d(data, [graph.n, dim]);
        const h = fraction / largestLaplacianEigenvalue(graph).value;
        const result = run(gradientFlow(interaction(graph), { step: h }), x, { steps: 20 }, key(0));
        const after = result.final.dataSync();
        for (let c = 0; c < dim; c++) {
          let m0 = 0;
          let m1 = 0;
          for (let i = 0; i < graph.n; i++) {
            m0 += data[i * dim + c]!;
            m1 += after[i * dim + c]!;
          }
          // Rounding only: each step adds ≤ N·2^−24·max|x| to the sum.
          assert.ok(Math.abs(m1 - m0) / graph.n <= 20 * 5 * 2 ** -20, `${spec} c=${c}: mean ${m0 / graph.n} → ${m1 / graph.n}`);
        }
        tf.dispose([x, result.final]);
        releaseGraph(graph);
      },
    ),
    runs(40),
  );
});

test("Metropolis detailed balance on the Ising state space: π(s)P(s→s') = π(s')P(s'→s) for any colour-class move", () => {
  // One colour update flips each site of the class independently with a(s_i h_i), where h_i is the sum of its
  // neighbours (not in the class, so fixed during the update). On a periodic L×L lattice with L even.
  const L = 4;
  const at = (s: number[], r: number, c: number) => s[((r + L) % L) * L + ((c + L) % L)]!;
  const energy = (s: number[]) => {
    let e = 0;
    for (let r = 0; r < L; r++) for (let c = 0; c < L; c++) e -= at(s, r, c) * (at(s, r + 1, c) + at(s, r, c + 1));
    return e;
  };
  const transition = (from: number[], to: number[], colour: number, table: Float64Array) => {
    let p = 1;
    for (let r = 0; r < L; r++) {
      for (let c = 0; c < L; c++) {
        const i = r * L + c;
        if ((r + c) % 2 !== colour) {
          if (from[i] !== to[i]) return 0;
          continue;
        }
        const h = at(from, r + 1, c) + at(from, r - 1, c) + at(from, r, c + 1) + at(from, r, c - 1);
        const a = table[from[i]! * h + 4]!;
        p *= from[i] !== to[i] ? a : 1 - a;
      }
    }
    return p;
  };
  const spins = fc.array(fc.constantFrom(-1, 1), { minLength: L * L, maxLength: L * L });
  fc.assert(
    fc.property(
      spins,
      fc.array(fc.boolean(), { minLength: L * L, maxLength: L * L }),
      fc.constantFrom(0, 1),
      fc.double({ min: 0.05, max: 1.5, noNaN: true }),
      (s, flip, colour, beta) => {
        const t = s.map((v, i) => ((Math.floor(i / L) + (i % L)) % 2 === colour && flip[i] ? -v : v));
        const table = isingAcceptance(beta);
        const forward = Math.exp(-beta * energy(s)) * transition(s, t, colour, table);
        const backward = Math.exp(-beta * energy(t)) * transition(t, s, colour, table);
        // The table is rounded to float32: a relative error of 2^−24 per factor, at most 8 factors per side.
        const scale = Math.max(forward, backward);
        assert.ok(Math.abs(forward - backward) <= 2e-6 * scale + 1e-300, `β=${beta}: ${forward} vs ${backward}`);
      },
    ),
    runs(300),
  );
});

// ---- protocol: tampering ------------------------------------------------------------------------------------------

const transactions = fc.uniqueArray(fc.uint8Array({ minLength: 1, maxLength: 24 }), {
  minLength: 1,
  maxLength: 12,
  selector: (t) => Buffer.from(t).toString("hex"),
});

function flipped(bytes: Uint8Array, index: number, bit: number): Uint8Array {
  const out = bytes.slice();
  out[index % out.length]! ^= 1 << bit;
  return out;
}

test("tampered transactions: a changed, dropped, added or reordered transaction, or a changed root, fails verifyBlock", () => {
  fc.assert(
    fc.property(transactions, fc.nat(), fc.integer({ min: 0, max: 7 }), fc.nat(), (txs, i, bit, which) => {
      const parent = makeBlock([Uint8Array.of(1)]);
      const block = makeBlock(txs, [parent]);
      assert.ok(verifyBlock(block));
      const k = i % txs.length;
      const tampered: DagBlock[] = [
        { ...block, transactions: block.transactions.map((t, j) => (j === k ? flipped(t, which, bit) : t)) },
        { ...block, transactions: [...block.transactions, Uint8Array.of(which & 255, 7)] },
        { ...block, transactionsRoot: flipped(block.transactionsRoot, which, bit) },
        { ...block, root: flipped(block.root, which, bit) },
        { ...block, parents: [flipped(block.parents[0]!, which, bit)] },
        { ...block, parents: [] },
      ];
      if (txs.length > 1) {
        tampered.push({ ...block, transactions: block.transactions.filter((_, j) => j !== k) });
        tampered.push({ ...block, transactions: [...block.transactions].reverse() });
      }
      for (const [n, t] of tampered.entries()) assert.equal(verifyBlock(t), false, `tampering #${n}`);
    }),
    runs(150),
  );
});

test("tampered proofs: an inclusion proof with a flipped bit, another index or other data fails; ancestry proofs with a block dropped, swapped or altered fail", () => {
  fc.assert(
    fc.property(transactions, fc.nat(), fc.nat(), fc.integer({ min: 0, max: 7 }), (txs, i, j, bit) => {
      const tree = buildTree(txs);
      const k = i % txs.length;
      const proof = inclusionProof(tree, k);
      assert.ok(verifyInclusion(tree.root, txs[k]!, proof));
      assert.equal(verifyInclusion(tree.root, flipped(txs[k]!, j, bit), proof), false);
      if (proof.path.length > 0) {
        const p = j % proof.path.length;
        assert.equal(
          verifyInclusion(tree.root, txs[k]!, { ...proof, path: proof.path.map((h, q) => (q === p ? flipped(h, j, bit) : h)) }),
          false,
        );
      }
      if (txs.length > 1)
        assert.equal(verifyInclusion(tree.root, txs[k]!, { ...proof, index: (k + 1 + (j % (txs.length - 1))) % txs.length }), false);
      assert.equal(verifyInclusion(flipped(tree.root, j, bit), txs[k]!, proof), false);
    }),
    runs(200),
  );
  fc.assert(
    fc.property(fc.integer({ min: 3, max: 8 }), fc.nat(), (length, j) => {
      const chain: DagBlock[] = [makeBlock([Uint8Array.of(0)])];
      for (let b = 1; b < length; b++) chain.push(makeBlock([Uint8Array.of(b, j & 255)], [chain[b - 1]!]));
      const proof = [...chain].reverse(); // descendant first
      const head = proof[0]!.root;
      const genesis = proof[proof.length - 1]!.root;
      assert.ok(verifyAncestry(head, genesis, proof));
      const m = 1 + (j % (length - 2));
      assert.equal(
        verifyAncestry(
          head,
          genesis,
          proof.filter((_, q) => q !== m),
        ),
        false,
        "block dropped",
      );
      const swapped = [...proof];
      [swapped[m], swapped[m + 1]] = [swapped[m + 1]!, swapped[m]!];
      assert.equal(verifyAncestry(head, genesis, swapped), false, "blocks swapped");
      const altered = proof.map((b, q) => (q === m ? { ...b, transactions: [Uint8Array.of(255, 255, 255)] } : b));
      assert.equal(verifyAncestry(head, genesis, altered), false, "block altered");
      const forged = proof.map((b, q) => (q === m ? makeBlock([Uint8Array.of(9, 9)], b.parents) : b));
      assert.equal(verifyAncestry(head, genesis, forged), false, "block replaced by a valid one with the same parents");
    }),
    runs(100),
  );
});
