/**
 * Claims of the proposal's §3.1 (the mermaid chart as an executable pipeline), second edition: box C's verification
 * of signatures and Merkle proofs, and box H's finality test, measured on notebook 08's pipeline
 * (`protocol/pipeline.ts`). Each run draws its own Watts–Strogatz network from `ctx.key("graph")`, its loss,
 * tampering and delays from `ctx.key("runs")`, and its signers from `ctx.key("alice")` and `ctx.key("bob")`.
 */
import { fold, uniformSource, type Key } from "../engine/random";
import {
  PIPELINE_SCENARIO_NODES,
  PIPELINE_SCENARIO_OPTIONS,
  pipelineScenario,
  pipelineScenarioNetwork,
} from "../studies/protocol/pipeline-scenario";
import { runPipeline, type Injection, type PipelineResult } from "../protocol/pipeline";
import { buildTree, inclusionProof, verifyInclusion, type InclusionProof } from "../protocol/merkle";
import {
  parseTransaction,
  signTransaction,
  signerFromKey,
  transactionBytes,
  transactionId,
  verifyTransaction,
} from "../protocol/transaction";
import { everyCase, noViolation, rateEvidence } from "./machinery/decide";
import { REVIEW_FIFTEENTH } from "./reviews";
import { runsToBoundZero } from "./machinery/runs-to-decide";
import { cellStop, noViolationByLooks } from "./machinery/sequential-cell";
import { evidence, num } from "./machinery/evidence";
import type { Claim, MeasureContext, Measurement } from "./machinery/types";

const PIPELINE_NOTEBOOK = "notebooks/08-executable-pipeline.ipynb";

/**
 * The violation rate a safety part must be shown below (the Wilson 95 % upper bound of k/n, `noViolation`): the
 * rubric reads "ensure" at the usual 5 % level (VERDICTS.md §1). Cryptography puts the true rate of an escape from
 * box C near 2⁻¹²⁸; the tolerance only asks whether the trials bound it at all, and one escape refutes.
 */
const SAFETY_TOLERANCE = 0.05;

/**
 * Pipeline runs per grid cell and case of the finality claim, each on its own network, planned for the rule each case
 * is decided by (`noViolation` at {@link SAFETY_TOLERANCE}): 0 unsafe runs in n show safety only once the Wilson 95 %
 * upper bound z²/(n + z²) is below 5 %, n > 1.96²·0.95/0.05, so 73 runs (`runsToBoundZero`). A universal property's
 * truth has no variance to plan at: a case whose every run is safe is shown safe at 73, and one unsafe run refutes it
 * at any count, so the p = ½ power plan of a rate has nothing to add here. The first 4 runs are notebook 08's.
 */
const RUNS = runsToBoundZero(SAFETY_TOLERANCE);

/**
 * Pipeline runs per cell of the verification claim, planned for power: at 5 % tampering a run gives about 16 bad
 * deliveries in flight (63 in 4 runs), and 0 escapes in n bound the rate below 5 % once n ≥ 73 (`noViolation`), so 7
 * runs (about 110, 3.7 standard deviations above 73) decide in every replicate.
 */
const VERIFY_RUNS = 7;

/** Box C as the pipeline applies it to a delivered message: the Ed25519 signature, then the Merkle inclusion proof. */
function boxC(bytes: Uint8Array, root: Uint8Array, proof: InclusionProof): boolean {
  const tx = parseTransaction(bytes);
  return tx !== null && verifyTransaction(tx) && verifyInclusion(root, bytes, proof);
}

/** A copy of `bytes` with one byte flipped (position and xor drawn from `u`). */
function flipped(bytes: Uint8Array, u: () => number): Uint8Array {
  const out = Uint8Array.from(bytes);
  out[Math.floor(u() * out.length)]! ^= 1 + Math.floor(u() * 255);
  return out;
}

/**
 * Box C's checks on messages built from the ledgers a run ended with (as `gossip` builds them: transaction bytes,
 * the sender's root, the inclusion proof), `samples` times per run: the honest message, a forgery (payload changed
 * after signing, in a tree the forger built, so only the signature can catch it), one byte of the transaction
 * flipped, and one byte of the proof (or of the root, for a one-leaf tree) flipped.
 */
function attackBoxC(r: PipelineResult, bytesOf: Map<string, Uint8Array>, samples: number, k: Key) {
  const u = uniformSource(k);
  const out = { honest: 0, honestPassed: 0, forged: 0, forgedPassed: 0, tampered: 0, tamperedPassed: 0 };
  const holders = r.ledgers.map((ids, i) => ({ ids, i })).filter((l) => l.ids.length > 0 && l.ids.every((id) => bytesOf.has(id)));
  for (let s = 0; s < samples && holders.length > 0; s++) {
    const { ids } = holders[Math.floor(u() * holders.length)]!;
    const leaves = ids.map((id) => bytesOf.get(id)!);
    const at = Math.floor(u() * ids.length);
    const tree = buildTree(leaves);
    const proof = inclusionProof(tree, at);
    out.honest++;
    if (boxC(leaves[at]!, tree.root, proof)) out.honestPassed++;
    const tx = parseTransaction(leaves[at]!)!;
    const forgedBytes = transactionBytes({ ...tx, payload: `${tx.payload} ×100` });
    const forgedLeaves = leaves.map((b, i) => (i === at ? forgedBytes : b));
    const forgedTree = buildTree(forgedLeaves);
    out.forged++;
    if (boxC(forgedBytes, forgedTree.root, inclusionProof(forgedTree, at))) out.forgedPassed++;
    out.tampered += 2;
    if (boxC(flipped(leaves[at]!, u), tree.root, proof)) out.tamperedPassed++;
    const badProof =
      proof.path.length > 0
        ? { ...proof, path: proof.path.map((p, i) => (i === Math.floor(u() * proof.path.length) ? flipped(p, u) : p)) }
        : proof;
    const badRoot = proof.path.length > 0 ? tree.root : flipped(tree.root, u);
    if (boxC(leaves[at]!, badRoot, badProof)) out.tamperedPassed++;
  }
  return out;
}

/** §3.1: box C (signature and Merkle proof) stops forged and tampered transactions. */
export const pipelineVerification: Claim = {
  id: "p3.1-verify-signature-merkle",
  source: "proposal",
  section: "3.1",
  quote: "B -->|Gossip Protocol| C{Neighbor j} ; C -->|Verify Sig & Merkle| D[Compute Hamilton Difference]",
  short: "verification stops forged transactions",
  notebook: PIPELINE_NOTEBOOK,
  model:
    `Notebook 08's pipeline on ${VERIFY_RUNS} Watts–Strogatz networks ws(${PIPELINE_SCENARIO_NODES}, ` +
    `4, 0.1) per cell, drawn per replicate: 3 signed client transactions, the ` +
    `second forged (payload changed after signing) and injected at node 17; 10 % message ` +
    `loss, the cell's tampering rate in flight, delay ≤ 1 extra round; T₀ = 100, r = 0.95, ` +
    `θ = 1. Box C's checks are then run on 25 messages per run built from the final ` +
    `ledgers: honest, forged, and with one byte of the transaction or of the proof flipped.`,
  reading: {
    statement:
      "Box C verifies every gossiped message's signature and Merkle proof before the " +
      "Hamiltonian difference is computed: forged and tampered messages are rejected, honest ones " +
      "pass, and no forged or tampered transaction reaches an honest ledger or the block.",
    mechanism: "proposal",
  },
  decision: {
    rule:
      "everyCase over four safety parts, each decided by noViolation over its trials " +
      "(forgeries passing box C; tampered messages passing it; honest messages rejected; bad " +
      "deliveries in flight ending in an honest ledger or the block): a cryptographic " +
      "guarantee, so one escape refutes it; support needs the trials to bound the escape rate",
    threshold: `no violation, and the Wilson 95 % upper bound of 0/n below ${SAFETY_TOLERANCE} in every part`,
    why:
      "A forgery passes Ed25519, and a changed leaf or path passes a SHA-256 inclusion proof, " +
      "with probability ≈ 2⁻¹²⁸: any escape is a defect of box C, not sampling. Zero escapes in n " +
      "trials only bound the rate by z²/(n + z²); the rubric reads 'ensure' at the usual 5 % " +
      "level, so each part holds once its trials bound the rate below 5 % (0/100 forgeries: 0.037).",
  },
  grid: {
    tamper: {
      values: [0.05, 0.3],
      why: [
        "notebook 08's network: 5 % of messages tampered in flight (the text gives no threat model)",
        "a hostile network: 30 % tampered",
      ],
    },
  },
  repairs: [],
  byConstruction:
    "Ed25519 and RFC 6962 inclusion proofs reject a forged or altered transaction except with " +
    "negligible probability (≈ 2⁻¹²⁸): cryptography, not the energy test, makes this hold; the " +
    "measurement checks that box C applies both checks to every message and passes honest ones.",
  review:
    "Review (p3.1-verify-signature-merkle): the literal reading checked message bookkeeping " +
    "(sent = delivered + lost + in flight), not verification. Now box C's checks themselves " +
    "are tested: forged and tampered messages built from each run's ledgers are rejected, " +
    "honest ones pass, and the pipeline keeps the forgery out; the bookkeeping check is gone. " +
    ("Review 2 (issue 42, mixed means measured parts): its four parts were fact() readings, " +
      "and '4/4 runs contained' counted as shown. Fixed: each part is decided by noViolation " +
      "over its trials (a witnessed escape refutes; support needs the Wilson upper " +
      "bound of 0/n below 5 %), and containment is counted per bad delivery in flight (held, " +
      "against rejected + held), not per run, so 4 clean runs no longer stand for safety.") +
    REVIEW_FIFTEENTH,
  uses: [],
  reference: { kind: "threshold", text: "zero violations in every part (Wilson bound below 0.05)" },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const tamper = ctx.cell.tamper as number;
    const scenario = pipelineScenario(signerFromKey(ctx.key("alice")), signerFromKey(ctx.key("bob")));
    const bytesOf = new Map(scenario.injections.map((i) => [transactionId(i.tx), transactionBytes(i.tx)]));
    const forgedId = transactionId(scenario.forged);
    const honest = new Map([...bytesOf].filter(([id]) => id !== forgedId));
    const totals = { honest: 0, honestPassed: 0, forged: 0, forgedPassed: 0, tampered: 0, tamperedPassed: 0 };
    let contained = 0,
      tamperedInFlight = 0,
      rejectedInFlight = 0,
      badHeld = 0;
    for (let r = 0; r < VERIFY_RUNS; r++) {
      const network = pipelineScenarioNetwork(fold(ctx.key("graph"), r));
      const run = runPipeline(network, scenario.injections, { ...PIPELINE_SCENARIO_OPTIONS, tamper }, fold(ctx.key("runs"), r));
      // A bad transaction held: one tampered in flight (not a client's) anywhere, or the forgery beyond its injector.
      const bad = (id: string, i: number) => !bytesOf.has(id) || (id === forgedId && i !== 17);
      const held = run.ledgers.reduce((s, ids, i) => s + ids.filter((id) => bad(id, i)).length, 0);
      const inBlock = run.finalised?.transactions.filter((id) => bad(id, -1)).length ?? 0;
      if (held + inBlock === 0) contained++;
      badHeld += held + inBlock;
      tamperedInFlight += run.messages.tampered;
      rejectedInFlight += run.rejected.signature + run.rejected.merkle;
      const honestLedgers = { ...run, ledgers: run.ledgers.map((ids) => ids.filter((id) => id !== forgedId)) };
      const a = attackBoxC(honestLedgers, honest, 25, fold(ctx.key("attacks"), r));
      for (const k of Object.keys(totals) as Array<keyof typeof totals>) totals[k] += a[k];
    }
    const t = totals;
    // Every bad delivery in flight is rejected by box C or ends up held: rejected + held bounds the bad deliveries
    // from below (one Metropolis-rejected after passing box C is in neither), so the rate of escapes is conservative.
    const badDeliveries = rejectedInFlight + badHeld;
    return {
      result: everyCase(
        [
          {
            statement: "forged transactions rejected (signature)",
            reading: noViolation(t.forgedPassed, t.forged, SAFETY_TOLERANCE, `${t.forgedPassed}/${t.forged} forgeries passed box C`, [
              rateEvidence("forged messages (valid Merkle proof) passing box C", t.forgedPassed, t.forged),
            ]),
          },
          {
            statement: "tampered messages rejected (Merkle)",
            reading: noViolation(
              t.tamperedPassed,
              t.tampered,
              SAFETY_TOLERANCE,
              `${t.tamperedPassed}/${t.tampered} tampered messages passed box C`,
              [rateEvidence("messages with one byte of the transaction or proof flipped passing box C", t.tamperedPassed, t.tampered)],
            ),
          },
          {
            statement: "honest messages pass",
            reading: noViolation(
              t.honest - t.honestPassed,
              t.honest,
              SAFETY_TOLERANCE,
              `${t.honest - t.honestPassed}/${t.honest} honest messages rejected by box C`,
              [rateEvidence("honest messages passing box C", t.honestPassed, t.honest)],
            ),
          },
          {
            statement: "the pipeline keeps forged and tampered transactions out of honest ledgers and the block",
            reading: noViolation(
              badHeld,
              Math.max(badDeliveries, 1),
              SAFETY_TOLERANCE,
              `${badHeld} forged or tampered transactions held of ${badDeliveries} bad ` +
                `deliveries in flight (${rejectedInFlight} rejected by box C; ${tamperedInFlight} ` +
                `messages tampered); ${contained}/${VERIFY_RUNS} runs contained`,
              [
                rateEvidence("bad deliveries in flight ending in an honest ledger or the block", badHeld, Math.max(badDeliveries, 1)),
                rateEvidence("runs with no forged or tampered transaction in an honest ledger or the block", contained, VERIFY_RUNS),
                evidence("messages tampered in flight", tamperedInFlight),
                evidence("messages rejected by box C in flight (signature or Merkle)", rejectedInFlight),
              ],
            ),
          },
        ],
        `box C at ${num(100 * tamper)} % tampering`,
      ),
      headline:
        `box C passed ${t.forgedPassed}/${t.forged} forgeries, ${t.tamperedPassed}/${t.tampered} tampered ` +
        `and ${t.honestPassed}/${t.honest} honest messages; ${contained}/${VERIFY_RUNS} runs contained`,
      reason:
        "Box C checks the Ed25519 signature and the Merkle inclusion proof of every delivered message: " +
        "a payload changed after signing fails the signature, a flipped byte of the transaction or of its " +
        "proof fails the proof, and honest messages pass. Cryptography does this, not the energy test.",
    };
  },
};

/** The honest client inputs of the finality test: at rounds 0, 2 and `last`. */
function honestInputs(ctx: MeasureContext, last: number): Injection[] {
  const alice = signerFromKey(ctx.key("alice")),
    bob = signerFromKey(ctx.key("bob"));
  return [
    { round: 0, node: 0, tx: signTransaction(alice, 1, "alice pays bob 5") },
    { round: 2, node: 9, tx: signTransaction(bob, 1, "bob pays carol 2") },
    { round: last, node: 17, tx: signTransaction(alice, 2, "alice pays carol 1") },
  ];
}

/** §3.1 box H: "Network Temp < Threshold? → Block Finalized". */
export const finalityByTemperature: Claim = {
  id: "p3.1-finality-threshold",
  source: "proposal",
  section: "3.1",
  quote: "G --> H{Network Temp < Threshold?} ; H -->|No| B ; H -->|Yes| I[Block Finalized]",
  short: "a block is final once the network is cold",
  notebook: PIPELINE_NOTEBOOK,
  model:
    `Notebook 08's pipeline (ws(${PIPELINE_SCENARIO_NODES}, 4, 0.1) drawn per run, 10 ` +
    `% loss, 5 % tampering, delay ≤ 1; T₀ = 100, r = 0.95, threshold θ from the grid) ` +
    `with three honest signed client inputs, the third arriving at round 4 (notebook ` +
    `08's timing) or 3 rounds before the temperature reaches θ; ${RUNS} runs per case.`,
  reading: {
    statement:
      "The block is finalised when the network temperature falls below the threshold, and a finalised " +
      "block is the network's consensus: every node holds it, whenever the client inputs arrive.",
    mechanism: "proposal",
  },
  decision: {
    rule:
      "everyCase over the arrival cases; in each, noViolation over the runs, read at four looks " +
      "(claims/machinery/sequential-cell: a case stops at the first look with a counterexample; finality " +
      "is a safety guarantee: one finalised block that some node does not hold " +
      "refutes it; no violation shows it only when the runs bound the violation rate)",
    threshold:
      `support of the finalised block = 1 (every node) in every run of every case; 0/n ` +
      `unsafe runs shows safety once the Wilson 95 % upper bound is below ${SAFETY_TOLERANCE}`,
    why:
      "A finality rule must hold in every execution, including inputs that arrive late; the support of " +
      "each block is counted exactly, so one run with support < 1 is a counterexample. The 5 % level is " +
      "the rubric's reading of 'ensure' (VERDICTS.md §1), and each case runs the 73 runs that level needs " +
      "to show safety (0/73 unsafe: Wilson upper bound below 5 %). The kernel is not a grid parameter " +
      "here, as in no §3.1 pipeline claim: the pipeline runs the chart itself, in which a node only ever " +
      "receives a neighbour's gossiped message and accepts or rejects it by its energy change (boxes B–F), " +
      "so it has no proposal rule to choose; the kernel axis (node 0's value or a neighbour's) chooses " +
      "between §3.3's code and the chart for the discrete value update, which this pipeline does not run.",
  },
  grid: {
    threshold: {
      values: [1, 0.01],
      why: [
        "θ = 1 (notebook 08): finality at round 90",
        "θ = 0.01: finality at round 180, twice the time to spread (the chart gives no θ)",
      ],
    },
  },
  repairs: [],
  review:
    "Review 2: 'p3.1-finality-threshold's universal safety reading is standard, but 4 runs per case is " +
    "thin.' Fixed: each arrival case is decided by noViolation, not fact(): the late case's failure " +
    "rests on witnessed counterexamples (runs whose finalised block some node lacks), which no number of " +
    "further runs can undo; the early case's 0/4 unsafe runs no longer counts as shown safe: it is " +
    "inconclusive, with the 73 runs (Wilson upper bound of 0/n below 5 %) that would show it. The verdict is " +
    "the late case's, and it does not depend on the run count. Twelfth-edition referee: 'at 4 runs per " +
    'case, the "inputs by round 4" part can never hold … the kernel is not gridded; defensible for the ' +
    "chart's pipeline but should be written down'. Fixed: each case runs 73 runs (runsToBoundZero(0.05): " +
    "the fewest whose 0 unsafe runs put the Wilson upper bound below 5 %; notebook 08's four first), " +
    "so the early case can hold; and decision.why says why no §3.1 pipeline claim grids the kernel. Seed " +
    "0 before → after: early case 0/4 unsafe, inconclusive → 8/73 unsafe (support as low as 0.733), " +
    "fails by witnessed counterexample in both cells; late case 4/4 → 73/73 unsafe; label fails → fails.",
  byConstruction:
    "The network temperature follows the fixed schedule T₀·rᵗ whatever the nodes do, so " +
    "the block is finalised at round ⌈ln(T₀/θ)/ln(1/r)⌉ by construction; an input arriving " +
    "fewer rounds before it than gossip needs to cross the network cannot be held by every " +
    "node at finality. The late case tests exactly that a clock is not a check of agreement.",
  uses: [],
  reference: { kind: "threshold", text: "zero unsafe runs in every arrival case (Wilson bound below 0.05)" },
  async measure(ctx: MeasureContext): Promise<Measurement> {
    const theta = ctx.cell.threshold as number;
    const T0 = 100,
      rate = 0.95;
    const clock = Math.ceil(Math.log(T0 / theta) / Math.log(1 / rate));
    const options = { ...PIPELINE_SCENARIO_OPTIONS, threshold: theta, initialTemperature: T0, rate };
    const cases = [
      // The early case at 73 runs (notebook 08's four first) can hold: 0/73 unsafe bounds the rate below 5 % (Wilson);
      // at notebook 08's four it could only fail or stay inconclusive (twelfth-edition referee).
      { name: "inputs by round 4 (notebook 08)", last: 4 },
      { name: `last input 3 rounds before the clock (round ${clock - 3})`, last: clock - 3 },
    ].map(({ name, last }, c) => {
      const injections = honestInputs(ctx, last);
      // Run r is keyed by (r, case) whatever the look, so a case that stops at a look measured its plan's first runs.
      const measure = (from: number, to: number) =>
        Array.from({ length: to - from }, (_, i) => {
          const r = from + i;
          const run = runPipeline(
            pipelineScenarioNetwork(fold(ctx.key("graph"), 2 * r + c)),
            injections,
            options,
            fold(ctx.key("runs"), 2 * r + c),
          );
          return { round: run.finalised?.round ?? Number.NaN, support: run.finalised?.support ?? 0 };
        });
      const t = noViolationByLooks(
        {
          statement: name,
          maxRuns: RUNS,
          measure,
          describe: (unsafe, n, runs) => {
            const full = n - unsafe;
            const onClock = runs.filter((r) => r.round === clock).length;
            const lowest = Math.min(...runs.map((r) => r.support));
            return {
              text: `${full}/${n} finalised blocks held by every node (support as low as ${num(lowest)}); finalised at round ${clock} in ${onClock}/${n}`,
              evidence: [
                rateEvidence("runs whose finalised block every node holds", full, n),
                evidence("lowest support of the finalised block", lowest, { reference: 1 }),
                evidence("runs finalised exactly at ⌈ln(T₀/θ)/ln(1/r)⌉", onClock, { reference: n }),
              ],
            };
          },
        },
        (r) => r.support !== 1,
        SAFETY_TOLERANCE,
      );
      return {
        statement: name,
        lowest: Math.min(...t.runs.map((r) => r.support)),
        onClock: t.runs.filter((r) => r.round === clock).length,
        reading: t.reading,
        stop: t.stop,
      };
    });
    const lowest = Math.min(...cases.map((c) => c.lowest));
    const onClock = cases.reduce((s, c) => s + c.onClock, 0);
    const used = cases.reduce((s, c) => s + c.stop.runs, 0);
    return {
      result: everyCase(cases, `finality at θ = ${theta}`),
      sequential: cellStop(cases),
      headline:
        `finalised at round ${clock} in ${onClock}/${used} runs whatever the nodes hold; ` +
        `support as low as ${num(lowest)} (early inputs: ${num(cases[0]!.lowest)} at the lowest)`,
      reason:
        "The threshold test reads the temperature, which follows a fixed schedule: the block is " +
        "finalised in the same round whatever the network did, and nothing checks that the nodes agree. " +
        ("An input that arrives shortly before that round is finalised by part of the " +
          "network only (the block is the most common ledger, held by fewer than all nodes). ") +
        ("Inputs that arrive by round 4 leave some runs short too (the early case's support " +
          "is below 1 in some runs): the clock does not wait for a message that the 10 % " +
          "loss and the tampering kept from some node, so no round count makes the test safe."),
    };
  },
};

export const claims: Claim[] = [pipelineVerification, finalityByTemperature];
