/**
 * Claims of the proposal's §2.1, the Merkle-DAG substrate (second edition, issue 34; the rubric is
 * shared/VERDICTS.md), measured with the functions notebook 05 calls.
 *
 * The text has two mechanisms for "diffusion" of what nodes hold, and both are measured as values of a grid
 * parameter: §3.3's copy-and-accept update (a node takes a proposed value by Metropolis with per-node cooling; the
 * proposal a neighbour's value, the §3.1 chart's gossip; {@link copyAndAccept}) and §1.3's gradient flow of ℋ at
 * T_net → 0 (each node moves toward its neighbours' average).
 */
import * as tf from "@tensorflow/tfjs";
import { ready } from "../engine/backend";
import { fold, uniformSource } from "../engine/random";
import { graphFromSpec } from "../graph/spec";
import { releaseGraph } from "../ops/tensors";
import { gradientFlow } from "../dynamics/gradient";
import { run } from "../dynamics/run";
import { buildTree, inclusionProof, rootToCoordinates, verifyInclusion } from "../protocol/merkle";
import { makeBlock, MerkleDag, verifyAncestry } from "../protocol/dag";
import { ancestryTamperings, inclusionTamperings } from "../studies/protocol/tamper";
import { signerFromKey, signTransaction, transactionBytes } from "../protocol/transaction";
import { rootDistances, transactionPool as signedPool } from "../studies/protocol/root-distances";
import { wattsStrogatzAdjacency } from "../reference-port/smallworld";
import { mean, variance } from "../stats/summary";
import { normalQuantile } from "../stats/tests";
import { difference, estimateEvidence, fact, rateBeyond, rateEvidence } from "./decide";
import { evidence, num, pm } from "./evidence";
import { hamiltonianOf, kernelIn } from "./mechanism";
import { INITIAL_TEMPERATURE } from "./section2-ising";
import { copyAndAccept } from "../spin/update-kernels";
import type { Claim, MeasureContext, Measurement } from "./types";

const MERKLE_NOTEBOOK = "notebooks/05-merkle-dag.ipynb";
const MERKLE_QUOTE =
  'The underlying substrate is a Merkle-DAG (Directed Acyclic Graph), providing the immutability required to treat data as "mass" in the physical equations.';

/** Real signed transactions (Ed25519 signatures are deterministic for a key), drawn per replicate. */
function transactionPool(ctx: MeasureContext, count: number): Uint8Array[] {
  return signedPool(count, ctx.key("pool")).transactions;
}

/** Coordinates are O(1); float32 keeps them to ~1e−7: a point within 1e−4 of a candidate's coordinates identifies it. */
const LEDGER_RADIUS = 1e-4;
/** Agreement at three digits on O(1) coordinates (the flow's disagreement decays geometrically far below it). */
const AGREED = 1e-3;

/** Root coordinates per ledger: §3.3 holds the Merkle root as one scalar; Definition 1.1 leaves the count open. */
const DIMENSION = {
  values: [1, 8],
  why: [
    "§3.3's TensorNode holds the Merkle root as one scalar (state = [Merkle_Root_Scalar, Reputation_Phase])",
    "Definition 1.1 maps a root to tensor coordinates without fixing how many: 8 coordinates",
  ],
};

/** Merkle-DAG immutability: every single-bit change is detected against the root a node holds. */
export const merkleImmutability: Claim = {
  id: "p2.1-merkle-immutability",
  source: "proposal",
  section: "2.1",
  quote: MERKLE_QUOTE,
  short: "Merkle-DAG makes data immutable",
  notebook: MERKLE_NOTEBOOK,
  model:
    "RFC 6962 SHA-256 trees over the cell's number of signed transactions (drawn per replicate) and a 4-block DAG whose roots commit to their parents; every single-bit change of a transaction, inclusion-proof hash or root, and of every byte of every transaction and parent root inside an ancestry proof.",
  reading: {
    statement:
      "The Merkle-DAG substrate makes the data immutable: against the root a node holds, every change of a transaction, of an inclusion proof or of a block of the DAG is detected.",
    mechanism: "proposal",
  },
  decision: {
    rule: "fact (cryptographic checks counted exhaustively; one undetected change refutes)",
    threshold: "every tampering rejected, and the untampered proofs accepted",
    why: "Detection is a guarantee up to ≈ 2⁻²⁵⁶ (SHA-256 second preimages), so one miss is a bug, not chance.",
  },
  grid: {
    transactions: {
      values: [32, 33],
      why: ["a full binary tree (32 leaves)", "an unbalanced tree: RFC 6962 splits at the largest power of two below 33"],
    },
  },
  repairs: [],
  byConstruction:
    "A SHA-256 commitment detects a change except with probability ≈ 2⁻²⁵⁶ by construction: the measurement checks the implementation.",
  review:
    "Review: the literal folded in p2.1-merkle-diffusion's result (counted twice). Fixed: one reading, tamper evidence against the root a node holds; agreement on a root is p2.1-merkle-diffusion's alone.",
  uses: [],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const size = Number(ctx.cell.transactions);
    const pool = transactionPool(ctx, 40);
    const ledger = pool.slice(0, size);
    const tree = buildTree(ledger);
    const leaf = Math.floor(uniformSource(ctx.key("leaf"))() * size);
    const proof = inclusionProof(tree, leaf);
    const inclusion = inclusionTamperings(tree.root, ledger[leaf]!, proof);
    const dag = new MerkleDag();
    const genesis = dag.add(makeBlock(pool.slice(0, 8)));
    const left = dag.add(makeBlock(pool.slice(8, 12), [genesis]));
    const right = dag.add(makeBlock(pool.slice(12, 16), [genesis]));
    const merge = dag.add(makeBlock(pool.slice(16, 20), [left, right]));
    const ancestry = dag.ancestryProof(merge.root, genesis.root);
    const valid =
      verifyInclusion(tree.root, ledger[leaf]!, proof) && ancestry !== null && verifyAncestry(merge.root, genesis.root, ancestry);
    const blocks = ancestry ? ancestryTamperings(merge.root, genesis.root, ancestry) : { tried: 0, rejected: 0 };
    const result = fact(
      valid && inclusion.rejected === inclusion.tried && blocks.rejected === blocks.tried && blocks.tried > 0,
      `${inclusion.rejected}/${inclusion.tried} proof tamperings and ${blocks.rejected}/${blocks.tried} DAG tamperings rejected against the held root${valid ? "" : "; an untampered proof was refused"}`,
      [
        evidence("single-bit tamperings of transaction, path or root rejected", inclusion.rejected, { reference: inclusion.tried }),
        evidence("single-bit tamperings of blocks inside an ancestry proof rejected", blocks.rejected, { reference: blocks.tried }),
      ],
    );
    return {
      result,
      headline: `${inclusion.rejected}/${inclusion.tried} proof tamperings and ${blocks.rejected}/${blocks.tried} DAG tamperings rejected (${size} transactions)`,
      reason:
        "RFC 6962 SHA-256 trees and a DAG whose block roots commit to their parents detect every change against the root a node holds: the data are tamper-evident. " +
        "Whether the network agrees on one root to hold is another claim (p2.1-merkle-diffusion).",
    };
  },
};

/** "treat data as mass": root coordinates carry no metric meaning (a 1-tx change lands as far as a random point). */
export const merkleMass: Claim = {
  id: "p2.1-merkle-as-mass",
  source: "proposal",
  section: "2.1",
  quote: MERKLE_QUOTE,
  short: "Merkle roots as coordinates (data as mass)",
  notebook: MERKLE_NOTEBOOK,
  model:
    "Ledgers of 32 signed transactions from a pool of 400 (drawn per replicate); root coordinates χ ∈ [−1, 1)^d from the root's bytes, d the cell's; pairs of ledgers differing in 1 transaction (and in all 32, shown beside), against independent uniform points (exact mean ‖Δχ‖² = 2d/3, variance 28d/45). Pairs planned per d so the equivalence test decides (99 % power at no effect).",
  reading: {
    statement:
      "Root coordinates can stand for the data in the physical equations: a ledger changed in one transaction lies nearer its original, in the coordinates ℋ sees, than an unrelated ledger does.",
    mechanism: "proposal",
  },
  decision: {
    rule: "difference (asserted negative) of mean ‖Δχ‖² for one changed transaction minus the exact unrelated mean 2d/3; refuted by TOST",
    threshold: "margin ±10 % of 2d/3",
    why: "A distance that meant anything would put a one-transaction change far nearer than an unrelated ledger; a tenth of the unrelated distance is the smallest effect worth calling nearer. The pairs are planned from the exact variance 28d/45 so that TOST decides with 99 % power when the coordinates carry nothing (margin = 3.97 SE: 2208 pairs at d = 1, 276 at d = 8; with two cells a replicate then dissents only through the 2.5 % one-sided error of each), which puts the MDE at 80 % power (2.5 SE) well below the margin.",
  },
  grid: { dimension: DIMENSION },
  repairs: [],
  byConstruction:
    "A cryptographic hash maps distinct inputs to independent-looking outputs by design: the measurement shows what that does to distances.",
  review:
    "No review row for this claim; converted to one reading (the first edition's literal comparison with unrelated points), a grid over the coordinate count d, and pairs planned so the equivalence test can decide.",
  uses: [],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const d = Number(ctx.cell.dimension);
    const exact = (2 * d) / 3;
    const margin = 0.1 * exact;
    // TOST at α = 0.05 decides "no nearer" with 99 % power when there is no effect: margin ≥ (z₀.₉₅ + z₀.₉₉)·SE.
    const z = normalQuantile(0.95) + normalQuantile(0.99);
    const pairs = Math.ceil(((z * Math.sqrt((28 * d) / 45)) / margin) ** 2);
    const r = rootDistances(transactionPool(ctx, 400), { pairs, dimension: d }, ctx.key("pairs"));
    const stats = (xs: number[]) => ({ value: mean(xs), se: Math.sqrt(variance(xs) / xs.length) });
    const one = stats(r.oneChanged.map((x) => x * x)),
      all = stats(r.allChanged.map((x) => x * x));
    const result = difference(
      { value: one.value - exact, se: one.se },
      "negative",
      margin,
      "a one-transaction change against unrelated points",
      [
        estimateEvidence("mean ‖Δχ‖², ledgers differing in 1 transaction", one, { reference: exact }),
        estimateEvidence("mean ‖Δχ‖², ledgers differing in all 32", all, { reference: exact }),
        evidence("pairs", pairs),
      ],
      pairs,
    );
    return {
      result,
      headline: `d = ${d}: mean ‖Δχ‖² for 1 tx changed ${pm(one.value, one.se)}, all 32 changed ${pm(all.value, all.se)} (unrelated: ${num(exact)})`,
      reason:
        "A hash keeps equality and nothing else: the coordinates of a ledger changed in one transaction are as far as those of an unrelated ledger (independent uniform points). " +
        "Distances, averages and gradients of root coordinates have no ledger meaning, so the physics cannot treat data as mass.",
    };
  },
};

/** §2.1 "data as mass": the network holding two conflicting roots, under each of the text's two diffusions. */
export const merkleDiffusion: Claim = {
  id: "p2.1-merkle-diffusion",
  source: "proposal",
  section: "2.1",
  quote: MERKLE_QUOTE,
  short: "diffusing conflicting roots agrees on a ledger",
  notebook: MERKLE_NOTEBOOK,
  model:
    "ws(50, 4, 0.1) (§3.3's network), drawn per run; nodes 0–24 hold the root coordinates (d per cell) of a ledger with block A, nodes 25–49 of the same ledger with the conflicting block B (a double spend). copy: §3.3's update with gossip proposals, T₀ = 100 ×0.95 per node, to §3.3's stop; 100 runs. flow: gradient flow of the mechanism's ℋ (h = 0.25/max D, 1000 steps, nothing pinned) against 137 candidate ledgers (A, B, neither, both orders, 100 other single additions, 32 single removals).",
  reading: {
    statement:
      "Diffusing the roots of two conflicting blocks by the text's own update, the network agrees on one ledger: every node ends holding one candidate ledger's root coordinates.",
    mechanism: "proposal",
  },
  decision: {
    rule: "copy: rateBeyond (Wilson 95 %) of runs ending agreed on one root; flow (deterministic): fact",
    threshold: "copy: agreed in more than half the runs; flow: spread < 1e−3 and within 1e−4 of a candidate's coordinates",
    why: "Half the runs is where agreement stops being the typical outcome (100 runs resolve 0.14 from ½). Coordinates are O(1) and float32 keeps them to ~1e−7, so a point within 1e−4 identifies a root while distinct roots lie far apart; 1e−3 is agreement to three digits.",
  },
  grid: {
    update: {
      values: ["copy", "flow"],
      why: [
        "§3.3's update_state: a node takes the proposed value by Metropolis (per-node cooling T₀ = 100, ×0.95); the proposal a neighbour's value, the §3.1 chart's gossip",
        "§1.3's gradient flow of ℋ (Langevin at T_net → 0): each node moves toward its neighbours' average",
      ],
    },
    dimension: DIMENSION,
  },
  repairs: [],
  byConstruction:
    "Both outcomes are fixed by the update's algebra. Copying only moves values nodes already hold, so any agreement is on a ledger (A or B); whether it forms is measured. The gradient flow of ℋ conserves Σψ_i (L's columns sum to zero), so its agreed point is the initial mean, the midpoint of χ(A) and χ(B), which no ledger's root is.",
  review:
    "Review: both readings ran the averaging gradient flow, while the proposal's own update copies proposed values (§3.3, the port) and its chart says gossip. Fixed: the update rule is a grid parameter with both of the text's values, §3.3's copy-and-accept with gossip proposals and §1.3's gradient flow; the grid shows which one decides.",
  uses: ["interaction", "terms", "schedule", "kernel"],
  async measure(ctx: MeasureContext): Promise<Measurement> {
    await ready();
    const d = Number(ctx.cell.dimension);
    const N = 50;
    const pool = transactionPool(ctx, 160);
    const G = pool.slice(100, 132);
    const spender = signerFromKey(fold(ctx.key("pool"), 999));
    const a = transactionBytes(signTransaction(spender, 999, "pay 50 to bob"));
    const b = transactionBytes(signTransaction(spender, 999, "pay 50 to carol"));
    const chiA = rootToCoordinates(buildTree([...G, a]).root, d),
      chiB = rootToCoordinates(buildTree([...G, b]).root, d);
    const gap = chiA.reduce((s, x, k) => s + (x - chiB[k]!) ** 2, 0);
    if (ctx.cell.update === "copy") {
      const schedule = ctx.mechanism.schedule,
        kernel = kernelIn(ctx);
      const runs = 100;
      let agreed = 0,
        onA = 0,
        sweeps = 0;
      for (let r = 0; r < runs; r++) {
        const adjacency = wattsStrogatzAdjacency(N, 4, 0.1, uniformSource(fold(ctx.key("graph"), r)));
        const labels = Int32Array.from({ length: N }, (_, i) => (i < N / 2 ? 0 : 1));
        const u = uniformSource(fold(ctx.key("runs"), r));
        sweeps += copyAndAccept(
          adjacency,
          labels,
          Float64Array.of(0, gap, gap, 0),
          2,
          { schedule: schedule(INITIAL_TEMPERATURE), kernel },
          u,
        ).sweeps;
        const onB = labels.reduce((s, x) => s + x, 0);
        if (onB === 0 || onB === N) agreed++;
        if (onB === 0) onA++;
      }
      const result = rateBeyond(agreed, runs, 0.5, "above", "copy: runs ending with every node on one root", [
        rateEvidence("runs agreed on one ledger's root at §3.3's stop", agreed, runs),
        evidence("… of which on block A", onA),
        evidence("‖χ(A) − χ(B)‖²", gap),
        evidence("mean sweeps to the stop", sweeps / runs),
      ]);
      return {
        result,
        headline: `copy (d = ${d}): ${agreed}/${runs} runs agree on one ledger's root (${onA} on A, ${agreed - onA} on B)`,
        reason:
          "§3.3's update copies whole values: a node holds A's root or B's, never a mixture, and while the network is hot copying spreads one of them until every node holds it. " +
          "Which block wins is the copying's coin flip, not a comparison of ledgers.",
      };
    }
    // §1.3's flow: the candidates a diffused point could identify.
    const ledgers = [
      [...G, a],
      [...G, b],
      G,
      [...G, a, b],
      [...G, b, a],
      ...pool.slice(0, 100).map((t) => [...G, t]),
      ...G.map((_, i) => G.filter((__, j) => j !== i)),
    ];
    const candidates = ledgers.map((txs) => rootToCoordinates(buildTree(txs).root, d));
    const graph = graphFromSpec(`ws:${N}:4:0.1`, ctx.key("graph"));
    const hamiltonian = hamiltonianOf(ctx.mechanism, graph);
    const x0 = tf.tensor2d(Float32Array.from(Array.from({ length: N }, (_, i) => Array.from(i < N / 2 ? chiA : chiB)).flat()), [N, d]);
    const r = run(
      gradientFlow(hamiltonian, { step: 0.25 / Math.max(...graph.degree) }),
      x0,
      { steps: 1000, recordEvery: 1000 },
      ctx.key("flow"),
    );
    const values = r.final.dataSync();
    tf.dispose([x0, r.final]);
    releaseGraph(graph);
    const centre = Array.from({ length: d }, (_, k) => mean(Array.from({ length: N }, (_, i) => values[i * d + k]!)));
    let spread = 0;
    for (let i = 0; i < N; i++) for (let k = 0; k < d; k++) spread = Math.max(spread, Math.abs(values[i * d + k]! - centre[k]!));
    const dist = (u: ArrayLike<number>) => Math.sqrt(centre.reduce((s, x, k) => s + (x - u[k]!) ** 2, 0));
    const nearest = Math.min(...candidates.map(dist));
    const midpoint = dist(Array.from({ length: d }, (_, k) => (chiA[k]! + chiB[k]!) / 2));
    const result = fact(
      spread < AGREED && nearest < LEDGER_RADIUS,
      `flow: agreed (spread ${num(spread, 2)}) on a point ${num(nearest)} from the nearest of ${candidates.length} ledgers`,
      [
        evidence("largest |ψ_i − ψ̄| after 1000 gradient-flow steps", spread, { reference: 0 }),
        evidence("distance of the agreed point to the nearest candidate ledger's coordinates", nearest, { reference: 0 }),
        evidence("distance of the agreed point to (χ(A) + χ(B))/2", midpoint, { reference: 0 }),
      ],
    );
    return {
      result,
      headline: `flow (d = ${d}): agreed (spread ${num(spread, 2)}) on a point ${num(nearest)} from the nearest of ${candidates.length} ledgers, ${num(midpoint, 2)} from the midpoint of A and B`,
      reason:
        "The gradient flow conserves Σψ_i, so the split network agrees on the average of the two roots' coordinates: a point that is no ledger's root. " +
        "Choosing between conflicting blocks needs something that compares ledgers (votes, a fork-choice rule), which the field does not have.",
    };
  },
};

export const claims: Claim[] = [merkleImmutability, merkleMass, merkleDiffusion];
