/**
 * Measures some claims from the sources (no build): `npx tsx scripts/measure-claims.ts ID[,ID…] [--replicates K]
 * [--seed S] [--json]`. Prints each claim's grid verdict, its cells, repairs and seconds per replicate: the quick
 * loop for whoever edits a claim file (the full run is `npx emtd verdicts`).
 */
import { ready } from "../src/engine/backend";
import { measureClaims } from "../src/claims/machinery/measure";
import { verdictRecord } from "../src/claims/machinery/verdict-record";
import { withStability } from "../src/claims/machinery/stability";

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string, fallback: number) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const ids = (args[0] ?? "").split(",").filter((s) => s !== "");
  const replicates = opt("replicates", 1),
    seed = opt("seed", 0);
  await ready();
  const rounds = [];
  const seconds: Record<string, number[]> = {};
  for (let r = 0; r < replicates; r++) {
    const measured = await measureClaims(ids.length ? ids : undefined, { seed, replicate: r });
    for (const m of measured) (seconds[m.claim.id] ??= []).push(m.seconds);
    rounds.push(measured.map(verdictRecord));
  }
  const records = withStability(rounds);
  if (args.includes("--json")) {
    console.log(JSON.stringify(records, null, 2));
    return;
  }
  for (const c of records) {
    console.log(`${c.id}: ${c.verdict} — ${c.headline}  [${seconds[c.id]!.map((s) => s.toFixed(2)).join(", ")} s]`);
    console.log(`  finding: ${c.finding.kind}: ${c.finding.text.slice(0, 400)}`);
    if (c.finding.mde !== undefined)
      console.log(`  mde ${c.finding.mde}, margin ${c.finding.margin}, runsToDecide ${c.finding.runsToDecide}`);
    for (const cell of c.grid.cells) console.log(`  cell ${JSON.stringify(cell.at)}: ${cell.verdict} — ${cell.headline}`);
    if (c.grid.decidedBy) console.log(`  decidedBy ${c.grid.decidedBy}`);
    if (c.sizes) console.log(`  sizes: ${JSON.stringify(c.sizes)}`);
    for (const r of c.repairs) console.log(`  repair ${r.name}: ${r.verdict} — ${r.headline}`);
    console.log(`  stability: ${JSON.stringify(c.stability.counts)} stable=${c.stability.stable}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
