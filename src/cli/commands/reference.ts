/**
 * `emtd reference`: the faithful port of the proposal's §3.3 script over many seeds (run r uses seed S + r).
 * → `{ runs: [{ seed, steps, agreement }, …], summary }` (DESIGN.md), summary = steps mean/median/min/max, mean
 * agreement, fraction fully agreeing, fraction of rejected injections, seconds.
 */
import { BACKENDS, ready } from "../../engine/backend";
import { referenceRuns, summariseReference } from "../../reference-port/port-runs";
import { referenceTensorRuns, type TensorOrder } from "../../reference-port/tensor-port";
import type { Command, RunSession } from "../../command/command";
import { timingText } from "../format";
import { fixed } from "../../format";
import { progressOption } from "../../command/options";
import { progressSession, progressWanted } from "../progress";

const summary =
  "The proposal's §3.3 script ported faithfully (Watts–Strogatz k=4 p=0.1, node 0 injected, sequential sweeps, per-node cooling), over many seeds.";

const options: Command["options"] = {
  nodes: { kind: "int", min: 5, max: 10_000_000, default: 50, help: "number of nodes N" },
  signal: { kind: "number", default: 3.14159, help: "the injected value input_signal (finite)" },
  decay: { kind: "number", min: 0, exclusiveMin: true, max: 1, default: 0.95, help: "per-node cooling factor decay_rate in (0, 1]" },
  runs: { kind: "int", min: 1, max: 1_000_000, default: 100, help: "number of runs K (seeds S … S+K−1)" },
  implementation: {
    kind: "choice",
    choices: ["port", "tensor", "colour"],
    default: "port",
    help: "port = typed arrays (faithful); tensor = tfjs, runs batched, sequential sweep (faithful); colour = tfjs colour-parallel (a different sweep order)",
  },
  backend: {
    kind: "choice",
    choices: [...BACKENDS],
    help: "tfjs backend for tensor/colour (default: EMTD_BACKEND, else the best available)",
  },
  progress: progressOption,
};

async function reference(values: Parameters<Command["run"]>[0]): Promise<Record<string, unknown>> {
  const nodes = values.nodes as number;
  const seed = values.seed as number;
  const runs = values.runs as number;
  const options = { nodes, signal: values.signal as number, decay: values.decay as number };
  const implementation = values.implementation as string;
  if (implementation === "port") {
    // In segments, for progress on stderr: the runs are independent, so the records are the same.
    const session = progressSession("reference", progressWanted(values));
    try {
      return await referenceResumable(values, () => undefined as never, session);
    } finally {
      session.end();
    }
  }
  const backend = await ready(values.backend ? { backend: values.backend as string } : {});
  const tensor = referenceTensorRuns(options, runs, seed, implementation === "colour" ? "colour" : ("sequential" as TensorOrder));
  const result: ReturnType<typeof referenceRuns> = { runs: tensor.runs, summary: summariseReference(tensor.runs, tensor.seconds) };
  return {
    command: "reference",
    implementation,
    backend,
    nodes,
    signal: values.signal,
    decay: values.decay,
    seed,
    runs: result.runs.map(({ seed: s, steps, agreement }) => ({ seed: s, steps, agreement })),
    summary: withoutSeconds(result.summary),
    timing: { seconds: result.summary.seconds },
  };
}

/** The summary without its wall-clock seconds (they go to `timing`, so the JSON is the same for one seed). */
function withoutSeconds(
  summary: ReturnType<typeof referenceRuns>["summary"],
): Omit<ReturnType<typeof referenceRuns>["summary"], "seconds"> {
  const { seconds: _seconds, ...rest } = summary;
  return rest;
}

/**
 * `reference` in segments for `emtd run`: the port's runs are independent (run r uses seed S + r), so the records
 * done so far are the whole state; the tensor implementations batch their runs and restart instead.
 */
async function referenceResumable(
  values: Parameters<Command["run"]>[0],
  _fail: (message: string) => never,
  session: RunSession,
): Promise<Record<string, unknown>> {
  if (values.implementation !== "port") {
    session.uncheckpointed?.(); // the tensor implementations batch all runs in one computation
    return reference(values);
  }
  const nodes = values.nodes as number;
  const seed = values.seed as number;
  const total = values.runs as number;
  const options = { nodes, signal: values.signal as number, decay: values.decay as number };
  const records = ((session.checkpoint as { records?: ReturnType<typeof referenceRuns>["runs"] } | null)?.records ?? []).slice();
  const started = performance.now();
  let length = 1;
  while (records.length < total) {
    const every = session.checkpointEvery || Math.max(1, Math.ceil(total / 20));
    const count = Math.min(total - records.length, length, every - (records.length % every));
    const segmentStart = performance.now();
    records.push(...referenceRuns(options, count, seed + records.length).runs);
    if (records.length < total) await session.segment(records.length, total, () => ({ records }));
    if ((performance.now() - segmentStart) / 1000 < 0.25) length *= 2;
    else if (length > 1) length = Math.ceil(length / 2);
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    command: "reference",
    implementation: "port",
    backend: null,
    nodes,
    signal: values.signal,
    decay: values.decay,
    seed,
    runs: records.map(({ seed: s, steps, agreement }) => ({ seed: s, steps, agreement })),
    summary: withoutSeconds(summariseReference(records, seconds)),
    timing: { seconds },
  };
}

function render(r: Record<string, unknown>): string {
  const s = r.summary as ReturnType<typeof referenceRuns>["summary"];
  return (
    [
      `§3.3 reference (${r.implementation}${r.backend ? `, ${r.backend}` : ""}): N=${r.nodes}, signal=${r.signal}, decay=${r.decay}, ${s.runs} runs from seed ${r.seed}`,
      `steps: mean ${fixed(s.steps.mean)}, median ${s.steps.median}, min ${s.steps.min}, max ${s.steps.max}`,
      `agreement: mean ${fixed(s.meanAgreement, 3)}; fully agreeing ${fixed(s.fullAgreement, 3)}; injection rejected ${fixed(s.injectionRejected, 3)}`,
    ].join("\n") + (r.timing ? `\n${timingText(r).slice(2)}` : "")
  );
}

export const referenceCommand: Command = { name: "reference", summary, options, run: reference, render, resumable: referenceResumable };
