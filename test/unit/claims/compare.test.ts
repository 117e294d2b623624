/**
 * A comparison reported as a new user reads it (issue 44, a new user's second try): a claim that throws under the
 * variant is an error row while the others are measured; notebook 18's rows and summary (src/claims/machinery/compare.ts
 * comparisonRows, flipsText) list a side that is not comparable apart, never as "kept"; the key number names the
 * variant's quantity where it is not the proposal's.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { interaction } from "../../../src/hamiltonian/interaction";
import { huberCoupling } from "../../../src/hamiltonian/variants";
import { stabilityOf } from "../../../src/claims/machinery/stability";
import {
  compareVariant,
  comparisonRows,
  comparisonSummary,
  comparisonText,
  costText,
  flipsText,
  type ClaimComparison,
  type Side,
  type VariantComparison,
} from "../../../src/claims/machinery/compare";
import type { Evidence, Variant, Verdict } from "../../../src/claims/machinery/types";
import { gridVerdict } from "../../../src/claims/machinery/grid";

/** A side with one verdict, one key number and a reference of this kind. */
function side(verdict: Verdict, evidence: Evidence[], reference: "closed-form" | "not-comparable" = "closed-form"): Side {
  return {
    verdict,
    stability: stabilityOf([verdict]),
    headline: "",
    evidence,
    secondsPerReplicate: 1,
    messages: null,
    finding: { kind: "supported", text: "" },
    grid: { cells: [], counts: { holds: 0, fails: 0, mixed: 0, inconclusive: 0, untestable: 0 }, agreement: 1, testable: 0 },
    reference: { kind: reference, text: reference === "not-comparable" ? "not comparable under this variant: why" : "the reference" },
  };
}

function claim(id: string, p: Side, v: Side | null, affected = v !== null): ClaimComparison {
  return {
    id,
    short: id,
    uses: ["interaction"],
    affected,
    proposal: p,
    variant: v,
    flips: v !== null && v.reference.kind !== "not-comparable" && v.verdict !== p.verdict,
    proposalOverComparable: null,
    changes: null,
    error: null,
  };
}

/** The review's Huber comparison, planted: one flip, one kept, p2.1-ising-energy fails → untestable (not comparable). */
const planted: VariantComparison = {
  variant: { file: null, replaces: ["interaction"], name: "Huber coupling (δ = 0.5)" },
  claims: [
    claim(
      "p1.3-langevin",
      side("mixed", [{ name: "⟨ℋ⟩ at h = 0.5/λ_max", value: 28, interval: [27.7, 28.2] }]),
      side("fails", [{ name: "⟨½ψ·∇ℋ⟩ at h = 0.5/λ_max", value: 21.4, interval: [21.1, 21.7] }]),
    ),
    claim(
      "p1.2-interaction-energy",
      side("fails", [{ name: "ℋ(2ℓ) − ℋ(ℓ)", value: 0 }]),
      side("fails", [{ name: "ℋ(2ℓ) − ℋ(ℓ)", value: 0 }]),
    ),
    claim("p2.1-ising-energy", side("fails", [{ name: "⟨ℋ⟩/T_net", value: 176 }]), side("untestable", [], "not-comparable")),
    claim("p4.1-antifragility", side("fails", [{ name: "spread", value: 1 }]), null),
  ],
  run: { seed: 0, replicates: 1, proposalFrom: "committed" },
  cost: { step: null },
};

test("a not-comparable side is listed apart: neither kept nor flipped (notebook 18's summary said 'keeps p2.1-ising-energy (fails)')", () => {
  const s = comparisonSummary(planted);
  assert.deepEqual(
    [s.flips, s.kept, s.notComparable, s.errors, s.unaffected].map((xs) => xs.map((x) => x.id)),
    [["p1.3-langevin"], ["p1.2-interaction-energy"], ["p2.1-ising-energy"], [], ["p4.1-antifragility"]],
  );
  const text = flipsText(planted);
  assert.equal(
    text,
    "Huber coupling (δ = 0.5): flips p1.3-langevin (mixed → fails); keeps p1.2-interaction-energy (fails); " +
      "not comparable under this variant, so neither kept nor flipped: p2.1-ising-energy (fails → untestable); unaffected: p4.1-antifragility.",
  );
  const rows = comparisonRows(planted);
  assert.deepEqual(
    rows.map((r) => r.variant),
    ["fails (1/1)", "fails (1/1)", "untestable (1/1), not comparable", "unaffected"],
  );
  assert.match(comparisonText(planted), /not comparable under this variant \(no verdict; why under each row\): p2\.1-ising-energy/);
});

test("the key number names the variant's quantity where it is not the proposal's (p1.3-langevin under Huber reads ⟨½ψ·∇ℋ⟩)", () => {
  const lines = comparisonText(planted).split("\n");
  const langevin = lines.find((l) => l.startsWith("p1.3-langevin"))!;
  assert.match(langevin, /⟨ℋ⟩ at h = 0\.5\/λ_max: 28 \[27\.7, 28\.2\] → ⟨½ψ·∇ℋ⟩ at h = 0\.5\/λ_max: 21\.4 \[21\.1, 21\.7\]/);
  // The same quantity is named once; a side with no evidence shows "—", never NaN.
  assert.match(
    lines.find((l) => l.startsWith("p1.2-interaction-energy"))!,
    /ℋ\(2ℓ\) − ℋ\(ℓ\): 0 → 0 \(/,
  );
  const ising = lines.find((l) => l.startsWith("p2.1-ising-energy"))!;
  assert.doesNotMatch(ising, /NaN/);
  assert.match(ising, /⟨ℋ⟩\/T_net: 176 → — \(/);
  const rows = comparisonRows(planted);
  assert.equal(rows[0]!["what it is"], "proposal: ⟨ℋ⟩ at h = 0.5/λ_max; variant: ⟨½ψ·∇ℋ⟩ at h = 0.5/λ_max");
  assert.equal(rows[0]!["key number"], "28 [27.7, 28.2] → 21.4 [21.1, 21.7]");
  assert.equal(rows[1]!["what it is"], "ℋ(2ℓ) − ℋ(ℓ)");
});

test("a claim that throws under the variant is an error row; the other claims are measured and reported", async () => {
  await ready();
  // Throws on p1.2-interaction-energy's ws:200 graph only; p1.2-computational-cost runs ws:100 and the step cost ring:1000.
  const planted200: Variant = {
    name: "throws on 200 nodes",
    interaction: (graph, options) => {
      if (graph.n === 200) throw new Error("planted: no coupling on 200 nodes\nsecond line");
      return interaction(graph, options);
    },
  };
  const c = await compareVariant(planted200, { only: ["p1.2-interaction-energy", "p1.2-computational-cost"] });
  const [broken, measured] = c.claims;
  assert.equal(broken!.error, "planted: no coupling on 200 nodes");
  assert.deepEqual([broken!.affected, broken!.variant, broken!.flips, broken!.changes], [true, null, false, null]);
  assert.equal(measured!.error, null);
  assert.equal(measured!.variant?.verdict, "fails");
  assert.deepEqual(
    comparisonSummary(c).errors.map((x) => x.id),
    ["p1.2-interaction-energy"],
  );
  const text = comparisonText(c);
  assert.match(text, /^p1\.2-interaction-energy\s+mixed 1\/1\s+ERROR\s+could not be measured under this variant: planted: no coupling/m);
  assert.match(text, /could not be measured under this variant \(error rows above\): p1\.2-interaction-energy/);
  assert.match(flipsText(c), /could not be measured under this variant: p1\.2-interaction-energy \(planted: no coupling on 200 nodes\)/);
  assert.match(comparisonRows(c)[0]!.variant, /^error: planted/);
  // The claim's study frees what it made before the variant threw: an error row leaks no tensor.
  const before = tf.memory().numTensors;
  await compareVariant(planted200, { only: ["p1.2-interaction-energy"] });
  assert.equal(tf.memory().numTensors, before);
});

test("a sampler that diverges under a variant is said in the variant's terms: its parts and its file's remedy, not the proposal's bound", async () => {
  await ready();
  // A coupling 100 times the proposal's: ULA at the step the claim plans for the proposal's H overflows at once.
  const stiff: Variant = {
    name: "100× coupling",
    interaction: (graph, options) => interaction(graph, { coupling: 100 * options.coupling }),
  };
  const c = await compareVariant(stiff, { only: ["p2.1-ising-energy"] });
  const error = c.claims[0]!.error!;
  assert.match(
    error,
    /diverged at step \d+ \(H = (NaN|-?Infinity)\) with step size [\d.e-]+: the claim's step is planned for the proposal's Hamiltonian/,
  );
  assert.match(error, /under this variant \(it replaces interaction\)/);
  assert.match(error, /integrator: \(energy, options\) => mala\(energy, options\)/);
  assert.doesNotMatch(error, /λ_max|Σ‖x_i − x_j‖²/, "the proposal's stable bound is not the variant's");
});

test("cells a variant cannot reach never make a flip: they keep the proposal's measurement, and the summary's flips are the columns' label changes (issue 51 item 7)", async () => {
  await ready();
  // Under Huber the two copy cells and the gossip cell of p2.2-diffusion-propagates read no coupling: they keep the
  // proposal's measurement (marked kept), and the variant's verdict is read over its whole grid by the same rule. The
  // flow cell packs its runs as channels, which a Huber of the norm couples (./flow-packing): not comparable, so
  // the proposal is read without it, on both sides the same cells.
  const huber: Variant = { name: "huber", interaction: (graph, options) => huberCoupling(graph, { delta: 0.5, ...options }) };
  const c = await compareVariant(huber, { only: ["p2.2-diffusion-propagates"], measureProposal: true });
  const x = c.claims[0]!;
  assert.equal(x.proposal.grid.cells.length, 4);
  const kept = x.variant!.grid.cells.filter((cell) => cell.kept !== undefined);
  assert.deepEqual(
    kept.map((cell) => cell.at.update),
    ["copy", "copy", "gossip"],
  );
  for (const cell of kept) {
    const same = x.proposal.grid.cells.find((p) => JSON.stringify(p.at) === JSON.stringify(cell.at))!;
    assert.deepEqual([cell.verdict, cell.headline], [same.verdict, same.headline], "a kept cell is the proposal's measurement");
    assert.match(cell.kept!, /^kept: the cell reads none of the replaced parts \(interaction\)/);
  }
  const flow = x.variant!.grid.cells.find((cell) => cell.at.update === "flow")!;
  assert.equal(flow.verdict, "untestable");
  // Its runs are packed one pack per look (issue 72 item 3): the check reads a pack, 75 of the plan's 300.
  assert.match(flow.notComparable!, /^not comparable under this variant: the flow cell runs its 75 runs side by side/);
  const over = gridVerdict(x.proposal.grid.cells.filter((cell) => cell.at.update !== "flow").map((cell) => cell.verdict));
  assert.deepEqual(x.proposalOverComparable, { verdict: over, cells: 3, of: 4 });
  assert.equal(x.variant!.verdict, over, "the variant's grid is the proposal's over the comparable cells");
  assert.equal(x.flips, false);
  // One account: the summary flips exactly where the compared labels change, and the text says so in both places.
  const s = comparisonSummary(c);
  assert.deepEqual(
    s.flips.map((f) => f.id),
    c.claims.filter((f) => f.variant && f.variant.verdict !== (f.proposalOverComparable?.verdict ?? f.proposal.verdict)).map((f) => f.id),
  );
  const text = comparisonText(c);
  assert.match(text, /compared over the 3 of 4 cells the variant can be compared on/);
  assert.match(text, /3 of 4 cells kept from the proposal \(they read none of the replaced parts\)/);
  assert.match(text, /cell update=flow: not comparable under this variant: the flow cell runs its 75 runs/);
  assert.match(text, /\nno verdict flips \(1 comparable affected claim\)/);
  assert.match(comparisonRows(c)[0]!.proposal, / over 3 of 4 cells$/);
});

test("flipsText gives the step cost in costText's words: its interval and the load warning", () => {
  const step = {
    graph: "ring:1000:10",
    channels: 2,
    proposalMs: 0.05,
    variantMs: 1.15,
    ratio: 23.99,
    repeats: 9,
    ratioQuartiles: [14.2, 38.65],
    ratioRange: [3.55, 46.97],
    ratioInterval: [10.93, 46.5],
    ratioCoverage: 0.961,
    wide: true,
  } as const;
  const cost = step as unknown as NonNullable<VariantComparison["cost"]["step"]>;
  const text = flipsText({ ...planted, cost: { step: cost } });
  assert.ok(text.endsWith(`\n${costText(cost)}.`), text);
  assert.match(text, /96 % interval of the median 10\.93–46\.50×\)\. The interval is wider than 20 % of the ratio/);
});
