/**
 * Stability of verdicts over seeds, provenance, and the `emtd verdicts` contract (issue 20): `--seed` and the
 * replicates change every stream; planted stochastic claims (test/fixtures/planted-claims.ts) keep a stable verdict
 * with changing evidence, or are reported unstable; `--replicates K` on the sweep engine gives the records and counts
 * of the same replicates measured in this process, resumes from its --out directory, and gives the same counts
 * through a real one-node Slurm cluster; the notebook table and the README block show the rubric and the stability.
 */
import { TEST_DIR } from "../../support/dirs";
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { ready } from "../../../src/engine/backend";
import { measureContext } from "../../../src/claims/machinery/registry";
import { measureClaims } from "../../../src/claims/machinery/measure";
import { verdictRecord, type VerdictRecord } from "../../../src/claims/machinery/verdict-record";
import { STABLE_AGREEMENT, measureReplicates, stabilityOf, withStability } from "../../../src/claims/machinery/stability";
import { stabilityText, verdictTable } from "../../../src/claims/machinery/display";
import { verdictMarkdown } from "../../../src/claims/machinery/verdict-markdown";
import { committedRunFile, readCommittedRun, sameMeasurement, type VerdictRun } from "../../../src/claims/machinery/committed";
import { VERDICTS, type Verdict } from "../../../src/claims/machinery/types";
import {
  PLANTED,
  PLANTED_NO_GRID,
  PLANTED_NO_MDE,
  PLANTED_STABLE,
  PLANTED_TYPED,
  PLANTED_UNSTABLE,
  RUBRIC_BREAKERS,
} from "../../fixtures/planted-claims";
import { resource } from "../../support/resources";

resource("slurm");

const ROOT = path.resolve(TEST_DIR, "../..");
const BIN = path.join(ROOT, "bin/emtd.js");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "emtd-verdicts-test-"));
after(() => fs.rmSync(work, { recursive: true, force: true, maxRetries: 5 }));

/** Two cheap claims (about a second each), so that the engine tests stay short. */
const CHEAP = ["p1.2-entropic-penalty", "p2.1-merkle-as-mass"];

function emtd(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 600_000, env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("stabilityOf: counts per verdict, the modal share, stable at ≥ STABLE_AGREEMENT (0.9)", () => {
  const votes = (holds: number, fails: number): Verdict[] => [
    ...Array<Verdict>(holds).fill("holds"),
    ...Array<Verdict>(fails).fill("fails"),
  ];
  const s = stabilityOf(votes(18, 2));
  assert.deepEqual(s.counts, { holds: 18, fails: 2, mixed: 0, inconclusive: 0, untestable: 0 });
  assert.deepEqual([s.replicates, s.agreement, s.modal, s.stable], [20, 0.9, "holds", true]);
  assert.equal(STABLE_AGREEMENT, 0.9);
  assert.equal(stabilityOf(votes(17, 3)).stable, false);
  assert.equal(stabilityOf(votes(3, 17)).modal, "fails");
  assert.equal(stabilityOf(votes(2, 2)).modal, "holds", "a tie goes to the first verdict in VERDICTS order");
  assert.throws(() => stabilityOf([]), /no replicates/);
  assert.throws(() => stabilityOf(["maybe" as Verdict]), /unknown verdict "maybe"/);
});

test("withStability: replicate 0's records, each verdict counted over the replicates; mismatched replicates refused", async () => {
  await ready({ backend: "wasm" });
  const rounds: VerdictRecord[][] = [];
  for (const replicate of [0, 1]) rounds.push((await measureClaims(undefined, { claims: PLANTED, replicate })).map(verdictRecord));
  const records = withStability(rounds);
  assert.deepEqual(
    records.map((r) => r.id),
    PLANTED.map((c) => c.id),
  );
  assert.equal(records[0]!.reading.evidence[0]!.value, rounds[0]![0]!.reading.evidence[0]!.value);
  assert.equal(records[0]!.stability.replicates, 2);
  assert.throws(() => withStability([rounds[0]!, rounds[1]!.slice(1)]), /replicate 1 measured other claims/);
});

test("measureContext: --seed and the replicate change every named stream of every claim", () => {
  const streams = ["graph", "field", "runs", "noise", "adversary", "draws"];
  const ids = ["p1.1-state-tensor", "p4.1-scale-invariance", "e-sybil"];
  const keys = (seed: number, replicate: number) =>
    ids.flatMap((id) => streams.map((s) => measureContext(id, seed, replicate).key(s).join(",")));
  assert.deepEqual(keys(0, 0), keys(0, 0));
  const all = [keys(0, 0), keys(1, 0), keys(0, 1), keys(1, 1), keys(7, 3)].flat();
  assert.equal(new Set(all).size, all.length, "two (claim, seed, replicate, stream) gave the same key");
  assert.throws(() => measureContext("x", -1, 0), /seed/);
  assert.throws(() => measureContext("x", 0, 2 ** 32), /replicate/);
  assert.throws(() => measureContext("x", 0, 0).key(""), /stream/);
});

test("the rubric refuses a typed verdict, an inconclusive without its MDE, and an empty grid under seed-dependent evidence", async () => {
  await ready({ backend: "wasm" });
  await assert.rejects(measureClaims([PLANTED_TYPED.id], { claims: RUBRIC_BREAKERS }), /p9\.9-planted-typed: its verdict was typed/);
  await assert.rejects(
    measureClaims([PLANTED_NO_MDE.id], { claims: RUBRIC_BREAKERS }),
    /p9\.9-planted-no-mde: an inconclusive finding must carry its MDE/,
  );
  // One replicate cannot tell; two do: the evidence moves with the seed while the grid declares nothing.
  await measureClaims([PLANTED_NO_GRID.id], { claims: RUBRIC_BREAKERS });
  await assert.rejects(
    measureReplicates([PLANTED_NO_GRID.id], { claims: RUBRIC_BREAKERS, replicates: 2 }),
    /claim p9\.9-planted-no-grid: its evidence depends on the seed but its grid is empty/,
  );
  // The same claim with its grid declared passes (the planted stable claim differs only there).
  const ok = await measureReplicates([PLANTED_STABLE.id], { claims: PLANTED, replicates: 2 });
  assert.equal(ok.claims[0]!.grid.cells.length, 1);
});

test("planted stochastic claim: two seeds give different evidence and the same verdict; stable over 20 replicates", async () => {
  await ready({ backend: "wasm" });
  const ids = [PLANTED_STABLE.id];
  const [a] = await measureClaims(ids, { claims: PLANTED, seed: 0 });
  const [b] = await measureClaims(ids, { claims: PLANTED, seed: 7 });
  const [again] = await measureClaims(ids, { claims: PLANTED, seed: 7 });
  const value = (m: typeof a) => m!.proposal.result.evidence[0]!.value;
  assert.notEqual(value(a), value(b), "--seed did not change the claim's stream");
  assert.equal(value(b), value(again), "one seed, two measurements: not deterministic");
  // The true mean 0.5 is 14 standard errors above the asserted 0.3: every stream supports it.
  assert.equal(a!.proposal.result.verdict, "holds");
  assert.equal(b!.proposal.result.verdict, "holds");
  const run = await measureReplicates(ids, { claims: PLANTED, replicates: 20 });
  assert.deepEqual(run.claims[0]!.stability, {
    replicates: 20,
    counts: { holds: 20, fails: 0, mixed: 0, inconclusive: 0, untestable: 0 },
    agreement: 1,
    modal: "holds",
    stable: true,
  });
});

test("planted unstable claim: a noisy number decided as an exact fact is reported unstable over 20 replicates", async () => {
  await ready({ backend: "wasm" });
  // Its verdict is a fair coin per stream: P(≥ 18 of 20 agree) = 2·P(Bin(20, ½) ≥ 18) ≈ 4·10⁻⁴.
  const run = await measureReplicates([PLANTED_UNSTABLE.id], { claims: PLANTED, replicates: 20 });
  const s = run.claims[0]!.stability;
  assert.equal(s.stable, false, stabilityText(s));
  assert.ok(s.agreement < STABLE_AGREEMENT);
  assert.ok(s.counts.holds > 0 && s.counts.fails > 0, stabilityText(s));
  assert.match(stabilityText(s), /^unstable: \d+\/20 (holds|fails), \d+\/20 (holds|fails)$/);
});

test("notebook table: the verdict, its grid and repairs, the decision, and the committed stability where it is current", async () => {
  await ready({ backend: "wasm" });
  const measured = await measureClaims(undefined, { claims: PLANTED });
  const replicated = await measureReplicates(undefined, { claims: PLANTED, replicates: 20 });
  const committed: VerdictRun = {
    provenance: {
      commit: "0123456789abcdef",
      dirty: false,
      version: "0",
      backend: "wasm",
      node: "v0",
      tfjs: "0",
      seed: 0,
      replicates: 20,
      seconds: 1,
    },
    claims: replicated.claims,
  };
  assert.ok(sameMeasurement(committed.claims[0]!, verdictRecord(measured[0]!)));
  const table = verdictTable(measured, { committed });
  const column = (name: string) => table.rows.map((row) => String(row[table.columns.indexOf(name)]));
  assert.deepEqual(column("verdict"), [
    measured[0]!.proposal.result.verdict,
    measured[1]!.proposal.result.verdict.replace("fails", "FAILS"),
  ]);
  assert.deepEqual(column("grid"), ["1 cell", "1 cell"]);
  assert.deepEqual(column("repairs"), ["—", "—"]);
  assert.deepEqual(
    column("stability"),
    replicated.claims.map((c) => stabilityText(c.stability)),
  );
  assert.match(column("decision")[0]!, /^see the fixture; threshold see the fixture \(a planted test case\)$/);
  assert.match(table.options.caption ?? "", /stability over 20 seed streams of the committed run \(commit 0123456\)/);

  // A committed record that is not this measurement: its stability is not shown as if it applied.
  const older = { ...committed, claims: committed.claims.map((c) => ({ ...c, headline: `${c.headline} (old)` })) };
  assert.match(String(verdictTable(measured, { committed: older }).rows[0]![6]), /older than this code/);
  assert.match(String(verdictTable(measured, { committed: null }).rows[0]![6]), /no committed run/);

  // The README block: provenance, then one row per claim; an unstable verdict in bold.
  const md = verdictMarkdown(committed).split("\n");
  assert.match(
    md[0]!,
    /commit `0123456` · emtd 0 · backend wasm · Node v0 · tfjs 0 · seed 0 · 20 replicates per claim · 1 s wall for the last regeneration(; \d+ task-seconds over every claim's replicates)?\.$/,
  );
  const header =
    /^\| claim \| § \| in a few words \| verdict \| grid \| repairs \| stability \(seed \d+'s \d+ streams?\) \| key number \| notebook \|$/;
  assert.ok(md.some((l) => header.test(l)));
  // The table's last row (the page ends with the one by-construction test after it).
  const rows = md.filter((l) => l.startsWith("| `"));
  assert.match(rows.at(-1)!, /^\| `p9\.9-planted-unstable` \| 9\.9 \|.*\| \*\*unstable\*\*: \d+\/20/);
  assert.ok(md.includes("#### By construction") && md.includes("No cell of the committed run is set aside by it."));
});

test("emtd verdicts --help says what --seed, --replicates, --workers, --executor do", () => {
  const r = emtd(["verdicts", "--help"]);
  assert.equal(r.code, 0);
  for (const pattern of [
    /--seed <int>\s+offset of every random stream of every claim/,
    /--replicates <int>\s+measure every claim under K independent seed streams/,
    /--workers <int>\s+processes at once, each measuring one claim \(one replicate; 1 measures them in this process\) or one claim × replicate task/,
    /--executor <local\|slurm>\s+where the tasks run/,
    /--out <dir>/,
  ])
    assert.match(r.stdout.replace(/\n\s+/g, " "), pattern);
});

test("emtd verdicts with a bad value: one line naming the argument and its range, exit 2", () => {
  const cases: Array<[string[], RegExp]> = [
    [["--replicates", "0"], /--replicates must be an integer in \[1, 1000\] \(got "0"\)/],
    [["--seed", "-1"], /--seed must be an integer in \[0, 4294967295\] \(got "-1"\)/],
    [["--seed", String(2 ** 32)], /--seed must be an integer in \[0, 4294967295\]/],
    [["--workers", "0"], /--workers must be an integer in \[1, 1024\]/],
    [["--executor", "cloud"], /--executor must be one of local, slurm \(got "cloud"\)/],
    [["--replicate", "1", "--replicates", "2"], /--replicate \(one task\) must come without --replicates > 1/],
    [["--executor", "slurm", "--replicates", "2"], /--executor slurm needs --out DIR/],
    [["--from", "x.json", "--only", CHEAP[0]!], /--from \(render a saved run\) must come without --only/],
  ];
  for (const [args, message] of cases) {
    const r = emtd(["verdicts", ...args]);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.match(r.stderr, message);
  }
});

interface RunJson extends VerdictRun {
  command: string;
}

function verdictsJson(args: string[], env?: NodeJS.ProcessEnv): RunJson {
  const r = emtd(["verdicts", "--json", "--quiet", ...args], env);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as RunJson;
}

const localDir = path.join(work, "local");

test("emtd verdicts --json: the contract's fields (issue 34), identical bytes for one seed with --no-timing", () => {
  const args = ["--only", CHEAP.join(","), "--no-timing"];
  const a = emtd(["verdicts", "--json", "--quiet", ...args]);
  const b = emtd(["verdicts", "--json", "--quiet", ...args]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(a.stdout, b.stdout);
  const out = JSON.parse(a.stdout) as RunJson & { timing?: unknown };
  assert.equal(out.timing, undefined);
  assert.deepEqual(Object.keys(out.provenance).sort(), [
    "backend",
    "commit",
    "dirty",
    "node",
    "replicates",
    "seconds",
    "seed",
    "tfjs",
    "version",
  ]);
  assert.deepEqual([out.provenance.seed, out.provenance.replicates, out.provenance.seconds], [0, 1, null]);
  for (const c of out.claims) {
    for (const field of [
      "id",
      "section",
      "quote",
      "verdict",
      "model",
      "byConstruction",
      "reading",
      "finding",
      "decision",
      "grid",
      "repairs",
      "stability",
      "source",
      "uses",
      "short",
      "reference",
    ])
      assert.ok(field in c, field);
    // What the verdict was compared with (issue 44 item 1): computed from the mechanism, never not-comparable for the proposal.
    assert.deepEqual(Object.keys(c.reference).sort(), ["kind", "text"]);
    assert.notEqual(c.reference.kind, "not-comparable");
    assert.ok(!("readings" in c), "the literal/strongest pair is gone");
    assert.deepEqual(Object.keys(c.reading).sort(), ["evidence", "mechanism", "statement"]);
    assert.ok(["proposal", "essay"].includes(c.reading.mechanism));
    assert.ok(["supported", "refuted", "mixed", "inconclusive", "undecidable"].includes(c.finding.kind));
    assert.deepEqual(Object.keys(c.decision).sort(), ["rule", "threshold", "why"]);
    for (const field of ["parameters", "cells", "counts", "agreement", "testable"]) assert.ok(field in c.grid, `grid.${field}`);
    assert.deepEqual(Object.keys(c.stability).sort(), ["agreement", "counts", "modal", "replicates", "stable"]);
    for (const cell of c.grid.cells) {
      for (const k of Object.keys(cell))
        assert.ok(["at", "verdict", "finding", "parts", "headline", "sizes", "stability"].includes(k), `grid.cells[].${k}`);
      // Every cell and every part carries its stability over the replicates (issue 50 item 3): one replicate here.
      assert.deepEqual(cell.stability!.counts, { ...Object.fromEntries(VERDICTS.map((v) => [v, 0])), [cell.verdict]: 1 });
      for (const p of cell.parts ?? []) assert.equal(p.stability!.modal, p.verdict);
    }
    for (const r of c.repairs) {
      assert.deepEqual(Object.keys(r).sort(), [
        "evidence",
        "finding",
        "grid",
        "headline",
        "name",
        "reference",
        "source",
        "stability",
        "variant",
        "verdict",
        "why",
      ]);
      // Each repair's stability over the replicates, as the claim's (sign-off N2): one replicate here.
      assert.deepEqual(r.stability.counts, { ...Object.fromEntries(VERDICTS.map((v) => [v, 0])), [r.verdict]: 1 });
      // A repair's grid is the claim's own cells, measured under the repair (review 3, defect 5), less the choices
      // inside the part the repair replaces (re-review R3): the claim's cells projected on the repair's parameters,
      // each once.
      assert.deepEqual(
        Object.keys(r.grid)
          .filter((k) => !["decidedBy", "decidedByInWords", "testableAgreement", "ruleAgreement"].includes(k))
          .sort(),
        ["agreement", "cells", "counts", "ruleEntries", "testable"],
      );
      const kept = [...new Set(r.grid.cells.flatMap((x) => Object.keys(x.at)))];
      const project = (at: Record<string, unknown>) => JSON.stringify(kept.filter((k) => k in at).map((k) => [k, at[k]]));
      const repairCells = r.grid.cells.map((x) => project(x.at));
      assert.equal(new Set(repairCells).size, repairCells.length, `${c.id} / ${r.variant}: a repair measures each cell once`);
      assert.deepEqual(repairCells, [...new Set(c.grid.cells.map((x) => project(x.at)))]);
    }
    assert.deepEqual(c.stability.counts, { ...Object.fromEntries(VERDICTS.map((v) => [v, 0])), [c.verdict]: 1 });
  }
  const timed = verdictsJson(["--only", CHEAP.join(",")]) as RunJson & { timing: { seconds: number; claims: Record<string, number> } };
  assert.ok(timed.provenance.seconds! > 0);
  assert.deepEqual(Object.keys(timed.timing.claims), CHEAP);
});

test("emtd verdicts --replicates 3 on local workers: replicate 0's records, the counts of the same replicates measured here; resumes", async () => {
  await ready({ backend: "wasm" });
  const run = verdictsJson(["--only", CHEAP.join(","), "--replicates", "3", "--workers", "2", "--out", localDir]);
  assert.equal(run.provenance.replicates, 3);
  const here = await measureReplicates(CHEAP, { replicates: 3 });
  assert.deepEqual(run.claims, JSON.parse(JSON.stringify(here.claims)));
  const single = verdictsJson(["--only", CHEAP.join(",")]);
  // Every field but the stabilities, at any depth (the claim's, each repair's, sign-off N2; each cell's and part's).
  const measurement = (record: (typeof run.claims)[number]): unknown =>
    JSON.parse(JSON.stringify(record, (k, value: unknown) => (k === "stability" ? undefined : value)));
  assert.deepEqual(run.claims.map(measurement), single.claims.map(measurement), "replicate 0 of a stability run is the one-replicate run");
  assert.equal(run.claims[0]!.repairs[0]!.stability.replicates, 3, "a repair's stability counts the 3 replicates");
  const tasks = fs.readdirSync(path.join(localDir, "tasks"));
  assert.equal(tasks.length, 6, "one task per claim × replicate");
  // A lost task is recomputed alone; the others are read back.
  fs.rmSync(path.join(localDir, "tasks", tasks[4]!), { recursive: true });
  const resumed = verdictsJson(["--only", CHEAP.join(","), "--replicates", "3", "--workers", "2", "--out", localDir]);
  assert.deepEqual(resumed.claims, run.claims);
  assert.equal(fs.readdirSync(path.join(localDir, "tasks")).length, 6);
  // Another seed: other streams, other tasks beside the first ones.
  const seeded = verdictsJson(["--only", CHEAP.join(","), "--replicates", "3", "--seed", "5", "--out", localDir]);
  assert.equal(seeded.provenance.seed, 5);
  assert.equal(fs.readdirSync(path.join(localDir, "tasks")).length, 12);
  // Task ids do not name the code: a result measured by another commit is refused, not mixed in.
  const file = path.join(localDir, "tasks", tasks[0]!, "result.json");
  const saved = fs.readFileSync(file, "utf8");
  const result = JSON.parse(saved) as { provenance: { commit: string } };
  result.provenance.commit = "0000000000000000000000000000000000000000";
  fs.writeFileSync(file, JSON.stringify(result));
  const mixed = emtd(["verdicts", "--json", "--quiet", "--only", CHEAP.join(","), "--replicates", "3", "--out", localDir]);
  assert.equal(mixed.code, 1);
  assert.match(
    mixed.stderr,
    /was measured by commit 0000000000000000000000000000000000000000, this code is commit [0-9a-f]{40}: use a fresh --out/,
  );
  fs.writeFileSync(file, saved);
});

test("emtd verdicts --from FILE renders a saved run without measuring (what npm run readme:render calls)", () => {
  const run = readCommittedRun(ROOT);
  assert.ok(run, "no committed run: npm run readme");
  const r = emtd(["verdicts", "--from", committedRunFile(ROOT), "--markdown"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `${verdictMarkdown(run)}\n`);
  const bad = emtd(["verdicts", "--from", path.join(work, "none.json")]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^emtd verdicts: --from must be a readable verdict run .*none\.json: does not exist \(ENOENT\)/);
});

/** Debian's slurm-wlm and munge, and root: what a one-node cluster needs. */
function slurmUnavailable(): string | null {
  if (process.getuid?.() !== 0) return "needs root to start slurmd";
  for (const tool of ["slurmctld", "slurmd", "sbatch", "munged"]) {
    if (spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0) return `${tool} not installed (apt-get install slurm-wlm munge)`;
  }
  return null;
}

test(
  "emtd verdicts --executor slurm: one job array on a real one-node cluster gives the local records and counts",
  { skip: slurmUnavailable() ?? false, timeout: 600_000 },
  () => {
    const cluster = path.join(work, "cluster");
    const script = path.join(ROOT, "scripts", "slurm", "local-cluster.sh");
    // Ports of its own, so that it does not meet the cluster of test/integration/slurm/sweep.test.ts.
    const ports = { SLURMCTLD_PORT: "16917", SLURMD_PORT: "16918" };
    const started = spawnSync(script, ["start", cluster], { encoding: "utf8", timeout: 60_000, env: { ...process.env, ...ports } });
    assert.equal(started.status, 0, started.stderr);
    try {
      const env = { ...process.env, SLURM_CONF: path.join(cluster, "slurm.conf") };
      const args = ["--only", CHEAP.join(","), "--replicates", "3"];
      const slurm = verdictsJson([...args, "--executor", "slurm", "--out", path.join(work, "slurm")], env);
      const local = verdictsJson([...args, "--out", localDir]);
      assert.deepEqual(slurm.claims, local.claims);
      assert.deepEqual(
        slurm.claims.map((c) => c.stability.counts),
        local.claims.map((c) => c.stability.counts),
      );
      assert.match(fs.readFileSync(path.join(work, "slurm", "slurm", "array.sbatch"), "utf8"), /#SBATCH --array=0-5\n/);
    } finally {
      spawnSync(script, ["stop", cluster]);
    }
  },
);

/** Verdict string literals ("holds", "fails", "mixed", "inconclusive", "untestable" as a string's whole text) in a TypeScript file. */
function verdictLiterals(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    // A finding kind handed to `verdictOf` ("mixed", "inconclusive" name both) is the decision table's own mapping, not a typed verdict.
    const mapped = node.parent !== undefined && ts.isCallExpression(node.parent) && node.parent.expression.getText() === "verdictOf";
    if (
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) &&
      (VERDICTS as readonly string[]).includes(node.text) &&
      !mapped
    ) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${path.basename(file)}:${line + 1} ${JSON.stringify(node.text)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const CLAIM_DIR = path.join(ROOT, "src", "claims");
/**
 * Every module of src/claims (the records and their machinery, claims/machinery/) but those that name verdicts by
 * design: the type, the decision table (findings.ts), the rules (decide.ts, combine.ts) and the group-sequential
 * rule's bridge to them (sequential-cell.ts), which reads decide.ts's verdict and checks that the design's stop for or
 * against the claim is that verdict; the verdict it returns is decide.ts's.
 */
const RULES = ["types.ts", "decide.ts", "findings.ts", "combine.ts", "sequential-cell.ts"];
const SCANNED = [CLAIM_DIR, path.join(CLAIM_DIR, "machinery")].flatMap((dir) =>
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !RULES.includes(f))
    .map((f) => path.join(dir, f)),
);

test("the literal scan finds a typed verdict (it can fail)", () => {
  const file = path.join(work, "typed.ts");
  fs.writeFileSync(
    file,
    'const v = cond ? "holds" : `fails`; // "mixed" in a comment is no literal\nconst w = "holds up";\nconst m = verdictOf("mixed");\nconst x = "inconclusive";\n',
  );
  assert.deepEqual(verdictLiterals(file), ['typed.ts:1 "holds"', 'typed.ts:1 "fails"', 'typed.ts:4 "inconclusive"']);
});

test("no verdict is typed as a string in src/claims (verdicts come from decide.ts only)", () => {
  assert.deepEqual(SCANNED.flatMap(verdictLiterals), []);
});
