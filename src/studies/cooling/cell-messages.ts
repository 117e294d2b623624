/**
 * §2.2's messages per decision, one grid cell of p2.2-diffusion-messages at a time (moved from its claim's record,
 * claims/section2-messages, so that the claim, notebook 06's figure and the notebook run this one function): the
 * §3.1 chart's gossip with its Metropolis step, the averaging flow, or §3.3's update with the cell's kernel, counted
 * by size on ws(n, 4, 0.1) from the cell's streams under the mechanism's schedule from T₀.
 */
import { fold } from "../../engine/random";
import { averagingMessagesBySize, metropolisGossipBySize } from "../../analysis/messages";
import { UPDATE_SWEEP_CAP } from "../../spin/update-kernels";
import { num } from "../../format";
import { copyMessagesBySize, DECISION_ATTEMPTS, SIGNAL } from "./injection";
import type { CoolingCell } from "./cooling-cell";

/** Sizes of the cheap counts (§3.3's update with node 0's value, the chart's gossip): six decades. */
export const MESSAGE_SIZES = [10, 100, 1e3, 1e4, 1e5, 1e6];
/**
 * The chart's gossip (analysis/messages metropolisGossip) to 10⁶: one run at 10⁶ cost 1.9 s when measured (under
 * the ~3 s a size may cost, even when it runs to the 1000-round cap), so it keeps six decades; where no run delivers,
 * all {@link DECISION_ATTEMPTS} runs are tried (≈ 20 s at 10⁶).
 */
const GOSSIP_SIZES = MESSAGE_SIZES;
/**
 * Sizes of the slower counts, four decades: the averaging flow (rounds grow slowly with n, each costs 2E, so 10⁵
 * takes a few seconds) and §3.3's update with a neighbour's value (a voter-like run of up to 1000 sweeps).
 */
export const FLOW_SIZES = [10, 100, 1e3, 1e4, 1e5];

/** §3.3's starting temperature and per-sweep factor (the text's schedule T₀ = 100, ×0.95). */
export const T0 = 100;

/** The messages of one cell: sizes, counts and what they count. */
export interface MessageSeries {
  ns: number[];
  ys: number[];
  what: string;
  /** The sizes at which no run decided on the injected value (no run ended with every node on it). */
  undecided: number[];
  /** Why no run decided there, said when `undecided` is not empty. */
  none?: string;
  /** Runs tried at each size (copy and gossip: the first of up to DECISION_ATTEMPTS that decides). */
  attempts?: number[];
}

/**
 * The measurement of p2.2-diffusion-messages' cost part and of notebook 06's message figure: one cell's counts by
 * size, by its update ("gossip": the §3.1 chart's; "flow": the averaging flow; else §3.3's copy with the cell's kernel).
 */
export function coolingMessages(c: CoolingCell): MessageSeries {
  const update = c.cell.update;
  const schedule = c.schedule;
  if (update === "gossip") {
    const name = schedule(T0).name;
    // Keyed by the mechanism too: a schedule's name need not say all it does (a floor, a variant's own schedule).
    return c.memo(`p2.2 messages metropolis gossip ${name} ${GOSSIP_SIZES.join(",")} | ${c.mechanismKey}`, [c.key("gossip")], () => {
      const r = metropolisGossipBySize(GOSSIP_SIZES, { value: SIGNAL, schedule: () => schedule(T0), attempts: DECISION_ATTEMPTS }, (n) =>
        fold(c.key("gossip"), n),
      );
      const undecided = r.sizes.filter((_, i) => !r.decided[i]);
      const held = r.sizes.flatMap((n, i) => (r.decided[i] ? [] : [`${num((100 * r.holding[i]!) / n)} % at N = ${n}`]));
      return {
        ns: r.sizes,
        ys: r.messages,
        what: `§3.1 chart's gossip (push, Metropolis at T = ${name} by round) messages per decision on the injected value (ws:n:4:0.1)`,
        undecided,
        none:
          `at N = ${undecided.join(", ")} none of ${DECISION_ATTEMPTS} runs ended ` +
          `with every node holding v within ${UPDATE_SWEEP_CAP} rounds (the last ` +
          `run tried held v at ${held.join(", ")}: the cooling froze the spread)`,
        attempts: r.attempts,
      };
    });
  }
  if (update === "flow")
    return c.memo(`p2.2 messages flow ${FLOW_SIZES.join(",")}`, [c.key("graph")], () => {
      const r = averagingMessagesBySize(FLOW_SIZES, (n) => fold(c.key("graph"), n));
      return {
        ns: r.sizes,
        ys: r.messages,
        what: "averaging-flow messages to its consensus on v/n, nothing pinned (ws:n:4:0.1)",
        undecided: r.sizes,
        none: "the flow conserves the mean, so at every size its consensus is v/n, not the injected value v",
      };
    });
  const kernel = c.kernel;
  const ns = kernel === "node0" ? MESSAGE_SIZES : FLOW_SIZES;
  const r = copyMessagesBySize(
    kernel,
    ns,
    () => schedule(T0),
    (n) => fold(c.key(`copy/${kernel}`), n),
  );
  const undecided = r.sizes.filter((_, i) => !r.decided[i]);
  return {
    ns: r.sizes,
    ys: r.messages,
    what:
      undecided.length === 0
        ? `§3.3 update (${kernel} proposal) messages per decision on the injected value (ws:n:4:0.1)`
        : `§3.3 update (${kernel} proposal) messages of the runs tried, no decision at N = ${undecided.join(", ")} (ws:n:4:0.1)`,
    undecided,
    none:
      `at N = ${undecided.join(", ")} none of ${DECISION_ATTEMPTS} runs ` +
      `ended with every node on the injected ` +
      `value${kernel === "neighbour" ? " (node 0, swept first, copies its neighbours' old value back)" : ""}`,
    attempts: r.attempts,
  };
}
