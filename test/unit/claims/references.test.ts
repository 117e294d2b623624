/**
 * Every record says what its verdict was compared with (issue 44 item 1): each registered claim declares one reference
 * in its record (src/claims/machinery/references.ts computes it), computed from the mechanism measured; under a Huber coupling p1.3-langevin is compared
 * with the variant's own generalised equipartition, and p2.1-ising-energy, whose reference R = 1 is a closed form of a
 * field-homogeneous ℋ, is not comparable (and not decided) while a hand-written quadratic keeps it.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { packageRoot } from "../../../src/package";
import { defineTerm } from "../../../src/hamiltonian/term";
import { edgeDifferences } from "../../../src/ops/incidence";
import { CELL_SCOPES, CLAIMS, claimById, measureContext, REFERENCES } from "../../../src/claims/machinery/registry";
import { measureClaims, repairMechanism } from "../../../src/claims/machinery/measure";
import { verdictRecord } from "../../../src/claims/machinery/verdict-record";
import { mechanismOf, PROPOSAL } from "../../../src/claims/machinery/mechanism";
import { homogeneousDegree, REFERENCE_KINDS, referenceOf } from "../../../src/claims/machinery/references";
import { nonNegativity } from "../../../src/claims/machinery/assumptions";
import { RHAT_LIMIT } from "../../../src/claims/machinery/equilibrium";
import { loadVariantFile } from "../../../src/cli/variant-file";
import { comparisonText, compareVariant } from "../../../src/claims/machinery/compare";

const fail = (message: string): never => {
  throw new Error(message);
};
const template = (name: string) => mechanismOf(loadVariantFile(path.join(packageRoot(), "templates", ...name.split("/")), fail));

test("every registered claim's record declares a reference; under the proposal none is not-comparable", () => {
  for (const c of CLAIMS) assert.ok(c.reference, `${c.id} declares no reference`);
  assert.deepEqual(Object.keys(REFERENCES).sort(), CLAIMS.map((c) => c.id).sort());
  for (const c of CLAIMS) {
    const r = referenceOf(c, PROPOSAL);
    assert.ok(REFERENCE_KINDS.includes(r.kind) && r.kind !== "not-comparable", `${c.id}: ${r.kind}`);
    assert.ok(r.text.length > 0, c.id);
    // An untestable claim has no reference, and a claim with none is untestable by its rule.
    assert.equal(r.kind === "none", /^undecidable/.test(c.decision.rule), c.id);
  }
});

test("a reference that follows a part follows one the claim reads (else the variant never re-measures it)", () => {
  for (const [id, d] of Object.entries(REFERENCES)) {
    const parts = [...(d.variant?.parts ?? []), ...(d.proposalOnly?.parts ?? [])];
    for (const p of parts) assert.ok(claimById(id).uses.includes(p), `${id}: its reference follows ${p}, which it does not read`);
  }
});

test("a measured record carries its reference: the proposal's, and each repair's under the repair", async () => {
  await ready(); // the backend the run's cache measures on
  const [m] = await measureClaims(["p1.2-entropic-penalty"], { cache: true });
  const record = verdictRecord(m!);
  assert.deepEqual(record.reference, referenceOf(claimById("p1.2-entropic-penalty"), PROPOSAL));
  assert.equal(record.repairs.length, 1);
  assert.deepEqual(record.repairs[0]!.reference, referenceOf(claimById("p1.2-entropic-penalty"), repairMechanism("entropy-sum")));
});

test("homogeneity: the proposal's quadratic is degree 2, a quartic degree 4, a Huber coupling none", () => {
  assert.ok(Math.abs(homogeneousDegree(PROPOSAL)! - 2) < 1e-3);
  const quartic = mechanismOf({
    name: "quartic",
    interaction: (graph) => defineTerm({ name: "quartic", energy: (psi) => tf.tidy(() => tf.sum(tf.pow(edgeDifferences(psi, graph), 4))) }),
  });
  assert.ok(Math.abs(homogeneousDegree(quartic)! - 4) < 1e-2, String(homogeneousDegree(quartic)));
  assert.equal(homogeneousDegree(template("variants/huber.ts")), null);
});

test("nonNegativity, ℋ ≥ 0 with its zero at consensus (issue 51 item 1): the proposal and Huber keep it; an on-site a·ψ³ + b·ψ⁴ breaks it at its exact well, an energy that is zero off consensus and one unbounded below too", async () => {
  await ready();
  const onsite = (name: string, energy: (psi: tf.Tensor2D) => tf.Scalar) =>
    mechanismOf({ name, terms: () => [defineTerm({ name, energy })] });
  assert.equal(nonNegativity(PROPOSAL).holds, true);
  assert.equal(nonNegativity(template("variants/huber.ts")).holds, true);
  // a = 0.05, b = 0.1: each of the 12 × 2 components has its minimum a·c³ + b·c⁴ at c = −3a/4b = −0.375.
  const [a, b] = [0.05, 0.1];
  const c = (-3 * a) / (4 * b);
  const cubic = onsite("cubic + quartic", (psi) => tf.tidy(() => tf.sum(tf.add(tf.mul(a, tf.pow(psi, 3)), tf.mul(b, tf.pow(psi, 4))))));
  const check = nonNegativity(cubic);
  assert.equal(check.holds, false);
  const exact = 24 * (a * c ** 3 + b * c ** 4);
  assert.ok(Math.abs(check.lowest - exact) <= 1e-4 * Math.abs(exact), `${check.lowest} vs ${exact}`);
  // p1.3-free-energy-argmin no longer reads ⟨ℋ⟩ → 0 (fourth-edition referee): its reference assumes no sign of ℋ.
  assert.notEqual(referenceOf(claimById("p1.3-free-energy-argmin"), cubic).kind, "not-comparable");
  // No interaction at all: every field has ℋ = 0, so ⟨ℋ⟩ → 0 is no consensus.
  const none = mechanismOf({
    name: "none",
    interaction: () => defineTerm({ name: "none", energy: (psi) => tf.mul(0, tf.sum(psi)) as tf.Scalar }),
  });
  assert.match(nonNegativity(none).zeroOffConsensus ?? "", /not a consensus/);
  // A quartic pair coupling Σ‖ψ_i − ψ_j‖⁴ keeps it: its descents stop short of consensus on a flat bottom (∇ ∝ δ³),
  // which is no zero off consensus; a ring of zeros Σ(‖ψ_i − ψ_j‖² − 1)² is one.
  const pair = (name: string, energy: (d2: tf.Tensor) => tf.Tensor) =>
    mechanismOf({
      name,
      interaction: (graph) =>
        defineTerm({
          name,
          energy: (psi) => tf.tidy(() => tf.sum(energy(tf.sum(tf.square(edgeDifferences(psi, graph)), 1))) as tf.Scalar),
        }),
    });
  assert.equal(nonNegativity(pair("quartic pair", (d2) => tf.square(d2))).holds, true);
  assert.match(nonNegativity(pair("ring of zeros", (d2) => tf.square(tf.sub(d2, 1)))).zeroOffConsensus ?? "", /not a consensus/);
  const unbounded = onsite("−ψ⁴", (psi) => tf.tidy(() => tf.neg(tf.sum(tf.pow(psi, 4)))) as tf.Scalar);
  const before = tf.memory().numTensors;
  assert.equal(nonNegativity(unbounded).holds, false);
  assert.equal(tf.memory().numTensors, before, "no tensor left behind");
});

test("under templates/variants/huber.ts p1.3-langevin is compared with the variant's own generalised equipartition", async () => {
  await ready();
  const huber = template("variants/huber.ts");
  const proposal = referenceOf(claimById("p1.3-langevin"), PROPOSAL);
  const variant = referenceOf(claimById("p1.3-langevin"), huber);
  assert.match(proposal.text, /^equipartition \(N−1\)dT\/2 of the proposal's quadratic ℋ/);
  assert.match(variant.text, /^generalised equipartition of the variant's own ℋ: ⟨½ψ·∇ℋ⟩/);
  assert.notEqual(variant.text, proposal.text);
  // The measurement reads the same: ⟨½ψ·∇ℋ⟩ against the variant's Boltzmann value, not ⟨ℋ⟩ against equipartition.
  const claim = claimById("p1.3-langevin");
  const m = await claim.measure(measureContext(claim.id, 0, 0, huber, { h: 0.5 }));
  assert.match(m.result.evidence[0]!.name, /^⟨½ψ·∇ℋ⟩/);
  assert.match(m.result.evidence[1]!.name, /^generalised equipartition/);
  assert.ok(!m.result.evidence.some((e) => /ULA's exact ⟨ℋ⟩/.test(e.name)), "the quadratic's ULA law is not a Huber reference");
  assert.match(m.headline, /^h·λ_max = 0.5: ⟨½ψ·∇ℋ⟩ .* vs generalised equipartition/);
  assert.doesNotMatch(m.headline, /ULA's exact law/);
  // Its chain decides only beside a second one from the variant's own minimiser (issue 51 item 2): R̂ is shown, and
  // the two agree on Huber's law.
  const rhat = m.result.evidence.find((e) => e.name.startsWith("R̂ of the chains"));
  assert.ok(rhat && rhat.value > 0.99 && rhat.value <= RHAT_LIMIT, JSON.stringify(rhat));
  assert.notEqual(m.result.verdict, "inconclusive", m.result.finding.text);
});

test("p2.1-ising-energy: not comparable (and untestable) under Huber; a hand-written quadratic keeps R = 1", async () => {
  await ready();
  const huber = template("variants/huber.ts");
  const r = referenceOf(claimById("p2.1-ising-energy"), huber);
  assert.equal(r.kind, "not-comparable");
  assert.match(r.text, /^not comparable under this variant \(it replaces interaction\): R = 1 is the no-transition value only/);
  assert.equal(referenceOf(claimById("p2.1-ising-energy"), template("my-variant.ts")).kind, "closed-form");
  assert.equal(referenceOf(claimById("p2.1-ising-energy"), PROPOSAL).kind, "closed-form");
  const claim = claimById("p2.1-ising-energy");
  const m = await claim.measure(measureContext(claim.id, 0, 0, huber, { graph: "torus:16" }));
  assert.equal(m.result.verdict, "untestable", "not decided against the proposal's R = 1");
  assert.equal(m.result.finding.text, r.text);
  const ratio = m.result.evidence.find((e) => e.name.startsWith("R = "))!;
  assert.equal(ratio.reference, undefined, "R is shown without the proposal's reference");
});

test("a comparison lists a not-comparable side apart, not as a flip, with what each side was compared with", async () => {
  const c = await compareVariant(loadVariantFile(path.join(packageRoot(), "templates", "variants", "huber.ts"), fail), {
    only: ["p2.1-ising-energy"],
  });
  const [x] = c.claims;
  assert.equal(x!.proposal.reference.kind, "closed-form");
  assert.equal(x!.variant!.reference.kind, "not-comparable");
  assert.equal(x!.variant!.verdict, "untestable");
  assert.equal(x!.flips, false);
  const text = comparisonText(c);
  assert.match(text, /no verdict flips/);
  assert.match(text, /\n {4}compared with: not comparable under this variant/);
  assert.match(text, /\nnot comparable under this variant \(no verdict; why under each row\): p2\.1-ising-energy/);
});

test("reference texts name no internal function or module (a 'compared with' line showed '(interactionReferenceOf)')", () => {
  const texts: Array<[string, string]> = [];
  for (const [id, d] of Object.entries(REFERENCES)) {
    texts.push([id, d.text]);
    if (d.variant) texts.push([`${id} (variant)`, d.variant.text]);
    if (d.proposalOnly) texts.push([`${id} (not comparable)`, d.proposalOnly.why]);
  }
  for (const [id, scopes] of Object.entries(CELL_SCOPES)) for (const s of scopes) texts.push([`${id} (cells)`, s.why]);
  // A camelCase identifier (two lowercase letters, then a capital), a source path or file: never a physics symbol (dT, kT).
  const internal = /\b[a-z]{2,}[A-Z]\w*|\b(?:src|studies|claims|repairs|hamiltonian|dynamics|spin)\/|\b\w+\.(?:ts|js)\b/;
  for (const [id, text] of texts) assert.doesNotMatch(text, internal, id);
});
