/**
 * The claims registry: every claim's verdict is asserted (a change that flips one is a red CI), the registry's
 * invariants hold, measurements are deterministic and leak no tensors, and `emtd verdicts` keeps its contract.
 * Expected verdicts are the headline (strongest reading's) verdicts at seed 0, set from what each measurement means
 * (its decision rule and threshold are in the claim's record, with their reasons), not copied from output; five more
 * seeds gave the same verdicts for every §1–§3 claim when they were set.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { ready } from "../../../src/engine/backend";
import { CLAIMS, claimById, registryProblems } from "../../../src/claims/machinery/registry";
import { measureClaims, type MeasuredClaim } from "../../../src/claims/machinery/measure";
import { verdictRecord } from "../../../src/claims/machinery/verdict-record";
import { verdictTable } from "../../../src/claims/machinery/display";
import { verdictBlocks, verdictMarkdown } from "../../../src/claims/machinery/verdict-markdown";
import { COMMITTED_RUN, readCommittedRun, sameMeasurement } from "../../../src/claims/machinery/committed";
import { readmeBlock, rebaseLinks } from "../../../src/claims/machinery/readme";
import { recordingMechanism } from "../../../src/claims/machinery/mechanism";
import { measureCacheDirectory } from "../../../src/claims/machinery/measure-cache";
import { packageRoot } from "../../../src/package";
import type { Finding, Verdict } from "../../../src/claims/machinery/types";

/**
 * The verdict of each §1–§3 claim at seed 0 (issue 34's second edition: one faithful reading, the grid's verdict).
 * Each is what the claim's rule and grid mean for the text's mechanism (its record says why); stable over the
 * replicates measured when they were set (5–20 per claim).
 */
const EXPECTED: Record<string, Verdict> = {
  "p1.1-state-tensor": "untestable",
  "p1.2-interaction-energy": "mixed", // disagreement holds, latency fails, both counted (thirty-sixth-edition referee)
  "p1.2-entropic-penalty": "fails",
  "p1.2-computational-cost": "fails",
  "p1.3-langevin": "mixed",
  "p1.3-free-energy-argmin": "mixed",
  "p2.1-ising-energy": "fails",
  "p2.1-ising-alignment": "fails",
  "p2.1-ising-thermal-noise": "mixed", // freezing read one way, a stop split (thirty-second-edition referee): 8 fails, 2 holds
  "p2.1-ricci-flow": "fails",
  "p2.1-merkle-immutability": "holds",
  "p2.1-merkle-as-mass": "fails",
  "p2.1-merkle-diffusion": "mixed", // flow fails, copy holds; the DAG credit evidence (thirty-sixth-edition referee)
  "p2.2-bft-quadratic": "holds",
  "p2.2-diffusion-messages": "fails",
  "p2.2-crystallisation": "mixed",
  "p2.2-annealing": "mixed",
  "p2.2-diffusion-propagates": "fails",
  "p3.1-verify-signature-merkle": "holds",
  "p3.1-finality-threshold": "fails",
  "p3.2-step1-second-law": "fails",
  "p3.2-step2-basin": "fails", // inference unsound in every cell: ℋ ≥ 0 does not bound 𝓕 (thirtieth-edition referee)
  "p3.2-step4-detailed-balance": "fails",
  "p3.2-step5-boltzmann": "fails",
  "p3.2-ground-state": "mixed",
  "p3.3-heat-equation": "fails",
  "p3.3-simulated-annealing": "fails",
};

const ROOT = packageRoot();
const REVIEW = path.join(ROOT, "..", "shared", "review", "verdicts-2026-11-24.md");
const OTHER_FILES = ["section4-1.ts", "section4-rest.ts", "essay.ts"].map((f) => path.join(ROOT, "src", "claims", f));

/** Measurements made by the per-claim tests, reused by the README test so CI measures each claim once. */
const measuredOnce = new Map<string, MeasuredClaim>();

/**
 * Measures one claim under a mechanism that records the parts it reads (the proposal's parts, so the numbers are
 * the proposal's), and asserts that the claim's `uses` lists exactly those parts (a variant affects a claim iff it
 * replaces a part the claim reads) and that the measurement left no tensor behind. Under `npm test` the measurement
 * comes from the run's measurement cache (EMTD_MEASURE_CACHE), where the process that made it recorded both.
 */
async function measureRecorded(id: string): Promise<MeasuredClaim> {
  let m: MeasuredClaim, read: string[], leaked: number;
  if (measureCacheDirectory() !== null) {
    [m] = (await measureClaims([id], { cache: true })) as [MeasuredClaim];
    assert.ok(m.audit?.partsRead, `${id}: the cache entry records the parts read`);
    read = m.audit.partsRead;
    leaked = m.audit.tensorsLeaked;
  } else {
    const { mechanism, read: parts } = recordingMechanism();
    const before = tf.memory().numTensors;
    [m] = (await measureClaims([id], { mechanism, repairs: true })) as [MeasuredClaim];
    read = [...parts];
    leaked = tf.memory().numTensors - before;
  }
  assert.deepEqual([...read].sort(), [...m.claim.uses].sort(), `${id}: uses must list exactly the parts of ctx.mechanism it reads`);
  assert.equal(leaked, 0, `${id}: measure() leaked tensors`);
  return m;
}

for (const [id, verdict] of Object.entries(EXPECTED)) {
  test(`claim ${id}: verdict ${verdict}, finite evidence, no tensor leak`, async () => {
    await ready({ backend: "wasm" });
    const m = await measureRecorded(id);
    measuredOnce.set(id, m);
    assert.equal(m.proposal.result.verdict, verdict, `${id}: ${m.proposal.result.finding.text}`);
    assert.ok(
      m.proposal.cells.every((c) => c.measurement.result.evidence.length > 0),
      `${id}: a cell without evidence`,
    );
  });
}

test("registry: unique well-formed ids, existing notebooks, every §1–§3 claim has an expected verdict", () => {
  assert.deepEqual(registryProblems(CLAIMS, ROOT), []);
  const mine = CLAIMS.filter((c) => c.source === "proposal" && /^[123]\./.test(c.section))
    .map((c) => c.id)
    .sort();
  assert.deepEqual(mine, Object.keys(EXPECTED).sort());
  assert.throws(() => claimById("p9.9-nothing"), /id must be one of/);
});

test("registry: problems are reported (duplicate id, missing notebook, bad id)", () => {
  const c = CLAIMS[0]!;
  const problems = registryProblems([c, c, { ...c, id: "x-bad", notebook: "notebooks/none.ipynb" }], ROOT);
  assert.ok(problems.some((p) => p.includes("duplicate")));
  assert.ok(problems.some((p) => p.includes("does not exist")));
  assert.ok(problems.some((p) => p.includes("x-bad: id must look like")));
});

test("registry: coverage of the proposal's sections (all ≥ 30 claims once §4 and the essay are merged)", () => {
  const sections = new Set(CLAIMS.map((c) => c.section));
  for (const s of ["1.1", "1.2", "1.3", "2.1", "2.2", "3.1", "3.2", "3.3"]) assert.ok(sections.has(s), `no claim of §${s}`);
  const ids = CLAIMS.map((c) => c.id);
  for (const part of ["ising", "ricci", "merkle"])
    assert.ok(
      ids.some((id) => id.startsWith("p2.1-") && id.includes(part)),
      `§2.1 ${part} isomorphism not covered`,
    );
  for (const step of ["step1", "step2", "step4", "step5", "ground-state"])
    assert.ok(
      ids.some((id) => id.startsWith("p3.2-") && id.includes(step)),
      `§3.2 ${step} not covered`,
    );
  if (OTHER_FILES.every((f) => fs.existsSync(f))) {
    assert.ok(CLAIMS.length >= 30, `${CLAIMS.length} claims registered`);
    for (const s of ["4.1", "4.2", "4.3", "4.4"]) assert.ok(sections.has(s), `no claim of §${s}`);
    assert.ok(
      CLAIMS.some((c) => c.source === "essay"),
      "no claim of the essay",
    );
  }
});

test("a measurement is deterministic: the same record twice", async () => {
  await ready({ backend: "wasm" });
  const ids = ["p1.2-computational-cost", "p2.1-merkle-as-mass"];
  const a = (await measureClaims(ids)).map(verdictRecord);
  const b = (await measureClaims(ids)).map(verdictRecord);
  assert.deepEqual(a, b);
});

test("seeds: one context gives the same record twice; another seed other evidence and, for a stable claim, the same verdict", async () => {
  await ready({ backend: "wasm" });
  const id = "p2.1-merkle-as-mass"; // continuous evidence (distances): counts can coincide across seeds by chance
  const [a] = await measureClaims([id], { seed: 0 });
  const [again] = await measureClaims([id], { seed: 0 });
  const [other] = await measureClaims([id], { seed: 1 });
  assert.deepEqual(verdictRecord(a!), verdictRecord(again!));
  const values = (m: MeasuredClaim) => m.proposal.result.evidence.map((e) => e.value);
  assert.notDeepEqual(values(a!), values(other!), "--seed must change the random streams");
  assert.equal(other!.proposal.result.verdict, a!.proposal.result.verdict);
});

test("every claim is in the second edition's rubric shape (VERDICTS.md): one reading, reasons per grid value, the review answered", () => {
  const review = fs.existsSync(REVIEW) ? fs.readFileSync(REVIEW, "utf8") : null;
  for (const c of CLAIMS) {
    for (const field of [c.model, c.reading.statement, c.decision.rule, c.decision.why])
      assert.ok(field.length > 10 && !field.includes("not yet declared"), `${c.id}: a rubric field is empty or undeclared`);
    // A threshold may be a bare number ("0.95"); its reason is `decision.why`.
    assert.ok(c.decision.threshold.trim().length > 0 && !c.decision.threshold.includes("not yet declared"), `${c.id}: no threshold`);
    assert.ok(!("readings" in c), `${c.id}: the literal/strongest pair is gone`);
    assert.equal(c.reading.mechanism, c.source, `${c.id}: the reading is about its own text's mechanism`);
    for (const [name, p] of Object.entries(c.grid)) {
      assert.equal(p.why.length, p.values.length, `${c.id}: ${name} needs one reason per value`);
      assert.equal(new Set(p.values).size, p.values.length, `${c.id}: ${name} repeats a value`);
    }
    // Every claim the referee's review names has its row answered in the record.
    if (review !== null && review.includes(c.id)) assert.ok((c.review ?? "").length > 20, `${c.id}: the review's row is not answered`);
  }
});

test("verdictTable shows every measured claim with its grid and repairs", async () => {
  const measured = await measureClaims(["p3.2-step2-basin", "p2.2-bft-quadratic"], { cache: true });
  const table = verdictTable(measured);
  assert.equal(table.rows.length, 2);
  assert.deepEqual(table.columns.slice(3, 7), ["verdict", "grid", "repairs", "stability"]);
});

test("README and docs/verdicts.md: the verdict summary and the full table are the committed run's rendering, and the committed run is what the registry measures now (npm run readme)", async () => {
  const run = readCommittedRun(ROOT);
  assert.ok(run, `no committed run ${COMMITTED_RUN}: run \`npm run readme\``);
  const blocks = verdictBlocks(run);
  assert.deepEqual(
    blocks.map((b) => b.file),
    ["README.md", "docs/verdicts.md"],
  );
  for (const { file, markers, block } of blocks)
    assert.equal(
      readmeBlock(fs.readFileSync(path.join(ROOT, file), "utf8"), markers),
      block,
      `${file}: its verdict block is not the committed run's rendering: run \`npm run readme\``,
    );
  // The table is the full rendering (links from docs/), the summary counts every claim by verdict.
  assert.equal(blocks[1]!.block, rebaseLinks(verdictMarkdown(run), "docs"));
  const counts = [...blocks[0]!.block.matchAll(/^\| [a-z]+ \| (\d+) \|/gm)].map((m) => Number(m[1]));
  // A row per verdict, and one for the claims no verdict stands for (unstable) when there are any.
  const unstable = run.claims.filter((c) => !c.stability.stable).length;
  assert.equal(counts.length, 5 + (unstable > 0 ? 1 : 0), "a row per verdict (and unstable)");
  assert.equal(
    counts.reduce((a, b) => a + b, 0),
    run.claims.length,
  );
  assert.ok(run.provenance.replicates >= 20, `the committed run has ${run.provenance.replicates} replicates (at least 20)`);
  assert.equal(run.provenance.seed, 0);
  assert.deepEqual(
    run.claims.map((c) => c.id),
    CLAIMS.map((c) => c.id),
    "the committed run does not cover the registry: run `npm run readme`",
  );
  await ready({ backend: "wasm" });
  const stale: string[] = [];
  for (const [i, claim] of CLAIMS.entries()) {
    const now = measuredOnce.get(claim.id) ?? (await measureRecorded(claim.id));
    measuredOnce.set(claim.id, now);
    if (!sameMeasurement(run.claims[i]!, verdictRecord(now))) stale.push(claim.id);
  }
  assert.deepEqual(stale, [], "the committed run is older than these claims' measurements: run `npm run readme`");
});

/**
 * What an inconclusive finding lacks to say how many runs would decide it (VERDICTS.md §5; issue 50), or null:
 * against a margin fixed in advance, a plan whose MDE is above the margin must carry `runsToDecide`; a threshold
 * test (margin 0) whose MDE is above the distance seen carries the runs at that distance (`runsAtObserved`). Either
 * counts what a user launches: runs, or the sizes of a fit (`runsUnit`).
 */
function lacksRunsToDecide(f: Finding): string | null {
  if (f.kind !== "inconclusive" || f.mde === undefined) return null;
  if (f.runsUnit !== undefined && f.runsUnit !== "sizes") return `counts "${f.runsUnit}", not runs or sizes`;
  const threshold = f.threshold !== undefined;
  const against = threshold ? f.distance : f.margin;
  if (against === undefined || !(f.mde > against)) return null;
  const runs = threshold ? (f.runsAtObserved ?? f.runsToDecide) : f.runsToDecide;
  return runs !== undefined && Number.isInteger(runs) && runs > 0
    ? null
    : `MDE ${f.mde} above its ${threshold ? "distance" : "margin"} ${against}, and no runs to decide`;
}

test("every inconclusive cell of every claim and repair whose plan cannot reach its margin carries the runs that would decide it (issue 50)", async () => {
  await ready({ backend: "wasm" });
  const problems: string[] = [];
  let walked = 0;
  for (const claim of CLAIMS) {
    const m = measuredOnce.get(claim.id) ?? (await measureRecorded(claim.id));
    measuredOnce.set(claim.id, m);
    const grids = [{ name: "proposal", grid: m.proposal }, ...m.repairs.map((r) => ({ name: r.variant, grid: r.measured }))];
    for (const { name, grid } of grids)
      for (const { cell, measurement } of [...grid.cells, { cell: { at: "the grid" }, measurement: grid }]) {
        walked++;
        const lack = lacksRunsToDecide(measurement.result.finding);
        if (lack) problems.push(`${claim.id} (${name}) ${JSON.stringify(cell.at)}: ${lack}`);
      }
  }
  assert.ok(walked > 200, `walked ${walked} cells`);
  assert.deepEqual(problems, []);
});

test("lacksRunsToDecide names a plan short of its margin without runs, and passes the findings that decide or carry them", () => {
  const base = { kind: "inconclusive" as const, text: "" };
  assert.equal(lacksRunsToDecide({ ...base, mde: 0.05, margin: 0.1 }), null); // planned below its margin
  assert.match(lacksRunsToDecide({ ...base, mde: 0.2, margin: 0.1 })!, /MDE 0.2 above its margin 0.1/);
  assert.equal(lacksRunsToDecide({ ...base, mde: 0.2, margin: 0.1, runsToDecide: 400 }), null);
  assert.match(lacksRunsToDecide({ ...base, mde: 0.03, margin: 0, threshold: 0.95, distance: 0.01 })!, /distance 0.01/);
  assert.equal(lacksRunsToDecide({ ...base, mde: 0.03, margin: 0, threshold: 0.95, distance: 0.01, runsAtObserved: 948 }), null);
  assert.match(lacksRunsToDecide({ ...base, mde: 0.2, margin: 0.1, runsToDecide: 9, runsUnit: "networks" })!, /networks/);
  assert.equal(lacksRunsToDecide({ kind: "supported", text: "" }), null);
});

const BIN = path.join(ROOT, "bin", "emtd.js");

test("emtd verdicts --json --only: the contract's fields, identical bytes twice with --no-timing", () => {
  const args = [BIN, "verdicts", "--json", "--quiet", "--no-timing", "--only", "p3.2-step4-detailed-balance,p2.2-bft-quadratic"];
  const a = execFileSync(process.execPath, args, { encoding: "utf8" });
  const b = execFileSync(process.execPath, args, { encoding: "utf8" });
  assert.equal(a, b);
  const out = JSON.parse(a) as { claims: Array<Record<string, unknown>> };
  assert.deepEqual(
    out.claims.map((c) => c.id),
    ["p3.2-step4-detailed-balance", "p2.2-bft-quadratic"],
  );
  for (const c of out.claims) {
    for (const field of [
      "id",
      "source",
      "section",
      "quote",
      "verdict",
      "reading",
      "finding",
      "grid",
      "repairs",
      "notebook",
      "headline",
      "reason",
    ])
      assert.ok(field in c, field);
    assert.ok(fs.existsSync(path.join(ROOT, c.notebook as string)));
  }
});

test("emtd verdicts on worker processes prints the bytes of the run in one process (--workers 1), in registry order", () => {
  // The detachment claims share a run (registry SHARED_RUNS): one task, in one process.
  const only = "p1.1-state-tensor,e-detached-dissolve,p3.2-step2-basin,e-value-circulates,p2.2-bft-quadratic,e-identity-participation";
  const run = (workers: number) =>
    execFileSync(process.execPath, [BIN, "verdicts", "--json", "--quiet", "--no-timing", "--only", only, "--workers", String(workers)], {
      encoding: "utf8",
    });
  const serial = run(1);
  assert.equal(run(3), serial);
  assert.deepEqual(
    (JSON.parse(serial) as { claims: Array<{ id: string }> }).claims.map((c) => c.id),
    only.split(","),
  );
});

test("emtd verdicts --only with an unknown id: one line on stderr, exit 2", () => {
  const r = spawnSync(process.execPath, [BIN, "verdicts", "--only", "p1.1-nope"], { encoding: "utf8" });
  assert.equal(r.status, 2);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr.trim().split("\n").length, 1);
  assert.match(r.stderr, /--only must be claim ids/);
});

test("notebooks: each notebook with claims shows them through the registry, and no verdict is a literal", () => {
  const byNotebook = new Set(CLAIMS.map((c) => c.notebook));
  const literal = /verdict:\s*["'`]|["'`](HOLDS|FAILS|PARTLY|MIXED|INCONCLUSIVE|DOES NOT HOLD)|CONFIRMED/;
  for (const name of fs.readdirSync(path.join(ROOT, "notebooks")).filter((n) => n.endsWith(".ipynb"))) {
    const nb = JSON.parse(fs.readFileSync(path.join(ROOT, "notebooks", name), "utf8")) as {
      cells: Array<{ cell_type: string; source: string[] | string }>;
    };
    const code = nb.cells
      .filter((c) => c.cell_type === "code")
      .map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source))
      .join("\n");
    assert.doesNotMatch(code, literal, `${name} types a verdict`);
    if (byNotebook.has(`notebooks/${name}`))
      assert.ok(
        code.includes(`showNotebookVerdicts("${name}")`) || code.includes("showVerdicts("),
        `${name} does not show its claims' verdicts from the registry`,
      );
  }
});
