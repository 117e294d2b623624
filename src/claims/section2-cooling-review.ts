/**
 * p2.2-crystallisation's review: every referee's row on it and the house's answer, in order (./section2-cooling
 * appends it to the record; kept apart so that the claim's file holds its measurement). The numbers are the claim's
 * designs, handed in.
 */
import { REVIEW_FIFTEENTH } from "./reviews";
import { num } from "./machinery/evidence";

/** The designs the review names: the injection cells' blocks and floor, the split cells' runs, the landscape's d*. */
export interface CrystallisationDesigns {
  portRuns: number;
  survived: number;
  most: number;
  splitRuns: number;
  depth: number;
}

export const crystallisationReview = (n: CrystallisationDesigns): string =>
  "Review: the four phases started at T₀ = 0.05, not the proposal's 100. Now the text's schedule T = " +
  "100·0.95^t from the first step (no hot plateau), on §3.3's N = 50 graph; the pinned model is gone " +
  "(the consensus of ℋ needs no pin), and §3.3's copy rule is the grid's second cell. Review 2 (defect " +
  "1, the kernel never gridded; T₀ note): the copy cell is split by `kernel` (node0, neighbour) read " +
  "through kernelIn, on studies/cooling/injection (the library's copyAndAccept); the node-0 consensus is " +
  "said to form at T ≈ 95 (the first sweep's T₀·0.95), not the old 'T ≈ 90'. Internal review 3: " +
  "'p2.2-crystallisation reports \"300/300 in consensus (0 on the signal)\"' (defect 1, literal but vacuous: " +
  "node 0 erases the injection) and the flow cell duplicated across `kernel` as a fact() (defect 3). " +
  "Fixed: a copy run counts only when the injection survives node 0's first update; the neighbour cell, " +
  "where none does, is untestable with that reason, declared in byConstruction; the flow cell is a rate " +
  "over 300 runs decided by rateBeyond (no fact()); `kernel` is nested under update = copy. Re-review " +
  "R5 (latent): 'section2-cooling.ts:94 makes a cell with 1–72 surviving runs untestable even when " +
  "those runs refute. Such a cell should go to `rateBeyond`, which can refute, or be inconclusive'. Fixed: " +
  "only a cell with no surviving run is untestable; any other goes to rateBeyond on its survivors " +
  "(fails, or inconclusive with its MDE, below 73; the finding says so). The filter stays here: an erased " +
  "injection never leaves the old consensus, so counting it would be a vacuous hold (re-review R2 keeps " +
  'it for this claim and the messages claim). Sign-off N3: \'p2.2-crystallisation now "holds" on two ' +
  "cells that are both by construction; its neighbour cell is untestable by design while a testable " +
  "design is at hand … (a) Measure the neighbour cell (or every copy cell) from the two-ledger split … " +
  "(b) At least, say in the finding that both testable cells hold by construction, and point to " +
  "p2.2-annealing's neighbour cells.' Done: (a), for every copy cell, beside the injection start (grid `start`: " +
  "injection | split, nested under update = copy): p4.1-scale-invariance's two-ledger split " +
  "(studies/scale/copy-scale) at N = 50, 300 runs, rateBeyond above 0.95, the design committed before its first " +
  "run (34fd60f); and (b) in byConstruction, with the pointer to p2.2-annealing. At seed 0 the neighbour " +
  "cell from the split ends in consensus in 234/300 runs (66 stop split on a quiet sweep): fails; " +
  "node0 from the split 300/300, by construction. The claim: holds → mixed (3 holds, 1 fails, decided " +
  "by kernel; the neighbour injection cell still untestable). Sign-off N1 (the general gap): 'crystallisation " +
  "and propagates list interaction and terms in uses, but their copy cells read neither'. Fixed: " +
  "under a variant replacing either, the copy cells are not comparable (untestable with why; the record's " +
  "cellScopes), save the pinned-injection anchor in the injection cells, which they apply as a pin, " +
  "and an interaction numerically the proposal's with no added energy (machinery/references proposalEnergyParts: " +
  "the variant law's hand-written quadratic is the proposal's there). Sign-off N5: 'Crystallisation " +
  "reads holds with agreement 0.667': the record keeps agreement (every cell) and adds grid.testable and " +
  'grid.testableAgreement, the share the 90 % rule reads. Review 3 (issue 50): \'"as T_net → 0", but ' +
  "the copy runs stop at §3.3's quiet sweep (T ≈ 2.6), while p2.2-annealing grids end = horizon for " +
  "the same phrase'. Fixed then (the fourth edition replaced it, below: `end` is no longer a parameter): " +
  "the copy cells gridded `end` (stop, horizon) as p2.2-annealing does; at the horizon a run ends only " +
  "in a consensus (which a copy kernel never leaves) or at the 1000th sweep (T ≈ 5·10⁻²¹). At seed 0 " +
  "the neighbour split cell goes 234/300 (stop: fails) → 280/300 (horizon: inconclusive, its Wilson " +
  "interval straddles 0.95); node0's cells hold at both ends and the neighbour injection cells stay " +
  "untestable (erased in node 0's first update). The claim stayed mixed, with no single parameter deciding " +
  "it then (the grid today is update, kernel and start; the record's decidedBy says what decides it). " +
  (`Fourth-edition referee: '"as T_net → 0" is decided with the end = stop cells (T ≈ 2.6); the only ` +
    `stably failing cell is one of them; the limit cell is underpowered (300 runs for 0.93 against 0.95) ` +
    `and moves with the seed'. Fixed: end is no longer a grid parameter; every copy cell runs to the ` +
    `horizon and decides there, with §3.3's stop beside it as evidence on the same keys; the split ` +
    `cells run ${n.splitRuns} runs, planned to resolve 0.02 from 0.95. Fifth-edition referee: 'A cell fails ` +
    `(neighbour split …) and no repair is shown. Through --variant the Hajek pair cannot be run in its ` +
    `best form here: copyDecision calls copyAndAccept without limit … The claim passes no landscape ` +
    `to schedule(T0) … d* ≈ 6·π²/4 ≈ 14.8'; and the flow headline hard-coded the text's schedule. Fixed: ` +
    `every copy run goes to a schedule's stated horizon (studies/scale/copy-scale and studies/cooling/injection ` +
    `take a limit), the schedule is handed this landscape's d* (${num(n.depth)}, ` +
    `spin/ws-landscape wsLandscapeFor) in the copy cells and d* = 0 in the convex flow cell, the pair ` +
    `\`hajek\` is shown beside the verdict, and the headlines name the schedule that ran. Seventh-edition ` +
    `referee: 'the injection cell decides on the runs whose injection survived, a count with no ` +
    `floor: 35, 34 and 42 under the hajek pair against the 73 a hold needs, so the repair can only be ` +
    `inconclusive'. Fixed: the injection cells draw blocks of ${n.portRuns} runs until ${n.survived} ` +
    `kept the injection (at most ${n.most} runs; a block keeping none ends it, as ` +
    `under the neighbour kernel, where node 0 erases every injection), so the filter, which keeps an ` +
    `erased injection from counting as a vacuous hold, no longer fixes the verdict by the sample's size.`) +
  (" Thirteenth-edition referee: 'the Hajek and logarithmic repairs turn d* = 0 into T ≡ 0 in the flow cell (a quench); " +
    'it is harmless here, since the flow holds at T = 0, but "logarithmic(c = d* = 0): T = 0" is not logarithmic cooling\'. ' +
    "Fixed: on a convex ℋ (d* = 0), outside Hajek's finite-state theorem, both repairs keep the text's cooling (repairs " +
    "CONVEX_KEEPS_TEXT_COOLING); the flow cell holds under either.") +
  " Outside referee (2026-11-28): 'the label rests on one measured cell (neighbour, split start): 0.923, " +
  "0.934, 0.929 against 0.95; inconclusive in 1 of 20 replicates; its 1278 runs were planned at the observed " +
  "p = 0.93, not at p = ½'; both referees: all 3 holding cells are by construction. Fixed: the split cells " +
  `run ${n.splitRuns} runs, planned with p = ½ (a still-straddling interval is inconclusive with the runs ` +
  "that decide); the flow cell and node0's cells were marked by construction then, " +
  "evidence and not holding cells, so the neighbour split cell decided. Was mixed " +
  "(h h h u f); at seed 0, replicate 0 it fails: 2273/2453 = 0.927 vs 0.95, stopped at look 2 of 4 (20 of 20 in the re-draw)." +
  REVIEW_FIFTEENTH +
  " Eighteenth-edition referee (2026-11-29): 'decision.why still declares the flow and node0 cells evidence, not " +
  "holding cells, while the grid counts them: the stated rule gives fails, the implemented one mixed; choose'. " +
  "Chosen: the one by-construction test (the fifteenth edition's), under which the text's own mechanisms are " +
  "measured and counted; the stale sentence now says so, and the label stays mixed. Twenty-sixth-edition: no " +
  "push gossip cell here, though the injection start is its setting (a gap; mechanism PUSH_NOT_GRIDDED); with " +
  "3 holding cells and 1 failing, a fifth of either kind leaves the label mixed. Thirty-third-edition referee: relabel the " +
  "neighbour-injection cell, 'a vacuous hold labelled untestable', by construction. Kept untestable: by construction is for what our " +
  "model decides (VERDICTS.md §6), and the text's own update (§3.3's sweep from node 0, §3.1's kernel) erases the injection: no run is asked it. " +
  "Thirty-fifth-edition referee, the same: 'an observable decides it: 300/300 runs end in the old consensus, a global minimum; by the " +
  "record's own derivation the cell holds by construction, which makes it evidence'. Done: its rate of runs in a consensus is marked by " +
  "construction (erasedInjection); the count does not change. Thirty-sixth-edition referee: 'the repair is not in its best " +
  "form … hold T at T₀ until the copy chain fixates, then run the text's ×0.95 cooling down to the sentence's limit; my " +
  "variant (2000 sweeps held) makes the failing cell hold, 1227/1227'. Done: the repair hold-then-cool (repairs " +
  "HOLD_THEN_COOL_WHY; its hold held-to-absorption's, derived, not 2000), beside hajek here and in p2.1-ising-alignment, " +
  "p2.2-annealing and p3.2-ground-state, measured at 20 replicates. Thirty-seventh-edition referee: 'the hajek injection " +
  "floor of 100 survivors is under-powered (16/20): raise it to one that decides at 80 % power for a true rate of 0.99'. " +
  `Done: the floor is ${n.survived} survivors (stats/binomial wilsonFloor, exact binomial sums, at every count a block ` +
  `overshoots to), within ${n.most} runs.`;
