/**
 * A claim's error under a variant (compareVariant's error rows), in one line and in the variant's terms.
 */
import { NumericalError } from "../../errors";
import type { Mechanism } from "./types";

/**
 * A claim's error under a variant, said in the variant's terms (issue 51 item 6): a sampler that diverges or sticks
 * names the parts the variant replaced and what its file can change (its integrator, its coupling), never the stable
 * bound of the proposal's Hamiltonian, which is what the claim's step is planned for. Other errors: their first line.
 */
export function variantError(e: unknown, m: Mechanism): string {
  const line = firstLine(e);
  if (!(e instanceof NumericalError)) return line;
  // What happened, without the sampler's own advice (it speaks of the proposal's H or of a step the user cannot set).
  const what = line.split(/: the step is above|: the chain is stuck/)[0]!;
  const cause =
    `the claim's step is planned for the proposal's Hamiltonian, and under this ` +
    `variant (it replaces ${m.replaced.join(", ")}) the sampler cannot run at it`;
  const fix = m.replaced.includes("integrator")
    ? "use a smaller coupling in its terms, or an integrator that takes a smaller step"
    : "set integrator: (energy, options) => mala(energy, options) (Metropolis-adjusted: a " +
      "step that is too large is rejected, it does not diverge), or use a smaller coupling";
  return `${what}: ${cause}; in the variant file, ${fix}`;
}

/** The error's first line, or its name where it has no message. */
function firstLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split("\n")[0]!.trim() || (e instanceof Error ? e.name : "an error");
}
