/**
 * `emtd verdicts`: measure every claim of the proposal and the essay (or one, with --only) and print the verdicts.
 * JSON: `{ claims: [{ id, source, section, quote, short, verdict, headline, evidence, reason, notebook }] }`, with
 * no timing inside, so two runs print identical bytes. Progress goes to stderr. `--markdown` prints the README
 * table; `--write-readme` replaces it in the package's README.md between its markers.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { ready } from "../../engine/backend";
import { CLAIMS, measureClaims, verdictRecord } from "../../claims/registry";
import { verdictLabel, verdictMarkdown } from "../../claims/display";
import { replaceReadmeBlock } from "../../claims/readme";
import { writeFileAtomic } from "../../runs/atomic";
import { packageRoot } from "../../jupyter/spec";
import type { Command } from "../command";

const summary =
  "Measure every claim of the proposal and the essay and print its verdict (holds, fails, partly, untestable) with the evidence. Each claim uses its own fixed seeds (--seed does not change them).";

const options: Command["options"] = {
  only: { kind: "string", placeholder: "id[,id…]", help: "measure only these claim ids (comma-separated)" },
  markdown: { kind: "flag", help: "print the README's Markdown verdict table instead of text" },
  "write-readme": { kind: "flag", help: "regenerate the verdict table in the package's README.md (between its markers)" },
  quiet: { kind: "flag", help: "no progress lines on stderr" },
};

async function verdicts(values: Parameters<Command["run"]>[0], fail: (message: string) => never): Promise<Record<string, unknown>> {
  let ids: string[] | undefined;
  if (values.only !== undefined) {
    ids = String(values.only)
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
    const known = new Set(CLAIMS.map((c) => c.id));
    const unknown = ids.find((id) => !known.has(id));
    if (ids.length === 0 || unknown !== undefined) {
      fail(
        `emtd verdicts: --only must be claim ids from \`emtd verdicts\` (e.g. ${CLAIMS[0]!.id}; ${CLAIMS.length} known), comma-separated (got ${JSON.stringify(unknown ?? values.only)})`,
      );
    }
  }
  const backend = await ready();
  const started = performance.now();
  const measured = await measureClaims(ids, {
    onProgress: values.quiet ? undefined : (i, n, claim) => process.stderr.write(`[${i + 1}/${n}] ${claim.id}\n`),
  });
  const markdown = verdictMarkdown(measured);
  if (values["write-readme"]) {
    const file = path.join(packageRoot(), "README.md");
    writeFileAtomic(file, replaceReadmeBlock(readFileSync(file, "utf8"), markdown));
    if (!values.quiet) process.stderr.write(`wrote the verdict table of ${file}\n`);
  }
  if (!values.quiet)
    process.stderr.write(`${measured.length} claims measured in ${((performance.now() - started) / 1000).toFixed(1)} s on ${backend}\n`);
  return { command: "verdicts", claims: measured.map(verdictRecord), markdown: values.markdown ? markdown : undefined };
}

function render(r: Record<string, unknown>): string {
  if (typeof r.markdown === "string") return r.markdown;
  const claims = r.claims as Array<{ id: string; section: string; verdict: string; headline: string }>;
  const width = Math.max(...claims.map((c) => c.id.length));
  const counts = ["holds", "partly", "fails", "untestable"].map((v) => `${claims.filter((c) => c.verdict === v).length} ${v}`).join(", ");
  return [
    ...claims.map((c) => `${c.id.padEnd(width)}  ${verdictLabel(c.verdict).padEnd(10)}  ${c.headline}`),
    "",
    `${claims.length} claims: ${counts}`,
  ].join("\n");
}

export const verdictsCommand: Command = { name: "verdicts", summary, options, run: verdicts, render };
