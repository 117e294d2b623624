/**
 * The design of e-no-byzantine's runs (moved from its claim's record, claims/essay-byzantine, so that the claim, its
 * figure and notebook 16 take it from here): the network sizes, the adversary strengths ω with their reasons, and
 * the runs per arm at each size, and the runs of a cell from the experiment's two streams.
 */
import { adversaryStrengths, type AdversaryStrengthPoint } from "./byzantine";
import { choiceTag, constantsOf, gammaTag, MODEL_CHOICE, MODEL_DECAY, networkFrom, type AmbientChoice } from "./essay-design";
import { runEveryTime, type ExperimentStreams, type Memo } from "./essay-plan";

/**
 * Network sizes: two decades from §3.3's scale up (32 … 3200), wider than the second edition's 32–128. The claim is
 * not about size (the quote names none; "every network size" is our reading's universal), so it is not a size claim;
 * 32 000 nodes × 5 arms × 2 cells would take a minute here.
 */
export const BYZANTINE_SIZES = [32, 320, 3200] as const;
/**
 * Adversary strengths ω (the weight of the one adversary identity on its 3 target nodes; an honest participant has
 * weight 1 per edge): the cases of the claim's universal ("there is nothing to betray"), each with its reason.
 */
export const OMEGAS = [
  { omega: 0.5, why: "the second edition's adversary: half an honest participant's pull on each target" },
  { omega: 0.25, why: "half of it: a weak adversary, whether the field shrugs off a small pull" },
  { omega: 1, why: "a full participant's weight: the adversary pulls as hard as one honest neighbour" },
  {
    omega: 10,
    why: "a stubborn adversary: a pull of 2ω = 20 on each target against its 6 neighbours' 12 and its own well's 1 pins the targets near B (the classic stubborn/Byzantine node); still a stable step (h·λ_max ≈ 1.7 < 2)",
  },
] as const;
/**
 * Runs per arm at each size, planned for the held share's equivalence within ±0.1: its run-to-run SD is about 0.15 at
 * N = 32 at T = 0.5 (the second edition's displacement rates, 0.3 of runs losing the majority for a while) and
 * shrinks about as 1/√N, so 64 runs at 32 give SE ≈ 0.019 per arm (MDE ≈ 0.075 < 0.1 for the difference); 16 at 320
 * and 4 at 3200 keep it there.
 */
export const byzantineRuns = (n: number) => (n <= 32 ? 64 : n <= 320 ? 16 : 4);
/** The design of e-no-byzantine's runs (per cell, with the cell's T): the claim, its figure and notebook 16 run it. */
export const BYZANTINE_DESIGN = { sizes: BYZANTINE_SIZES, runs: byzantineRuns, omegas: OMEGAS } as const;

/**
 * e-no-byzantine's runs at `temperature` (every size and strength ω) from the experiment's streams: the claim's,
 * shared with its figure and notebook 16 through the memo the claim passes (claims/machinery/memo).
 */
export function byzantinePointsFrom(
  temperature: number,
  streams: ExperimentStreams,
  decay = MODEL_DECAY,
  choice: AmbientChoice = MODEL_CHOICE,
  memo: Memo = runEveryTime,
): AdversaryStrengthPoint[] {
  const { runs, graph } = streams;
  return memo(`e-no-byzantine T=${temperature}${gammaTag(decay)}${choiceTag(choice)}`, [runs, graph], () =>
    adversaryStrengths(
      BYZANTINE_DESIGN.sizes,
      BYZANTINE_DESIGN.runs,
      BYZANTINE_DESIGN.omegas.map((o) => o.omega),
      runs,
      { ...constantsOf(choice), temperature, decay, network: networkFrom(graph, choice.degree), runsPerNetwork: 1 },
    ),
  );
}
