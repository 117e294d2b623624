/**
 * The warnings every sampling result carries (library `run` with any sampler, and each command's output):
 * signs that an estimate should not be trusted as printed, none of which is an error by itself.
 *
 * - ESS < {@link ESS_WARNING}: the MCSE is itself unreliable (Vehtari, Gelman, Simpson, Carpenter & Bürkner 2021
 *   recommend ESS > 100).
 * - Acceptance outside the integrator's band ({@link acceptanceBand}): the acceptance rates at which the sampler's
 *   asymptotic efficiency is at least half its optimum. MALA: [0.15, 0.92] around the optimum 0.574, from the
 *   diffusion limit efficiency ∝ a·(Φ⁻¹(a/2))^{2/3} (Roberts & Rosenthal 1998). Single-site random-walk Metropolis:
 *   [0.15, 0.74] around 0.44, the expected squared jump of a Gaussian proposal on a one-dimensional Gaussian
 *   conditional (each site is one). Below the band the chain mostly stands still; above it the steps are too small
 *   to move. Unadjusted integrators accept everything and the Ising sampler's rate is set by T: no band.
 * - Burn-in shorter than the integrated autocorrelation time τ = n/ESS of the kept energies: the first kept
 *   states still remember the start.
 */

/** ESS below which the MCSE itself is unreliable. */
export const ESS_WARNING = 100;

/** An acceptance band and why it is that band. */
export interface AcceptanceBand {
  low: number;
  high: number;
  why: string;
}

const BANDS: Record<string, AcceptanceBand> = {
  mala: {
    low: 0.15,
    high: 0.92,
    why: "MALA's efficiency is at least half its optimum (at 0.574, Roberts & Rosenthal 1998) for acceptance in [0.15, 0.92]",
  },
  metropolis: {
    low: 0.15,
    high: 0.74,
    why: "single-site Metropolis's efficiency is at least half its optimum (at 0.44 on a Gaussian site) for acceptance in [0.15, 0.74]",
  },
};

/**
 * The band of acceptance rates at which integrator `name` works well (module comment), or null for integrators
 * without a tunable accept/reject (ULA, gradient flow, Ising).
 *
 * @example
 * ```ts
 * acceptanceBand("mala"); // → { low: 0.15, high: 0.92, why: "MALA's efficiency is at least half …" }
 * acceptanceBand("ula"); // → null
 * ```
 */
export function acceptanceBand(name: string): AcceptanceBand | null {
  // "metropolis-colour" and "metropolis-sequential" are the same single-site sampler.
  return BANDS[name] ?? (name.startsWith("metropolis") ? BANDS.metropolis! : null);
}

/** What {@link samplingWarnings} looks at. */
export interface SamplingDiagnostics {
  /** The integrator's name ("mala", "metropolis", "ula", …, or "ising"): selects the acceptance band. */
  integrator: string;
  /** ESS of the kept series (per chain where there are several). */
  ess: number;
  /** Kept samples the ESS is of. */
  kept: number;
  /** Accepted fraction after burn-in. */
  acceptance: number;
  burnIn: number;
  /** The estimate the ESS is of, in the message (default "⟨H⟩"). */
  of?: string;
  /** The chain the numbers are of, where there are several. */
  chain?: number;
}

/**
 * The warnings of the module comment for one result, as sentences naming the number, the threshold and what to
 * do. Empty for a healthy chain.
 *
 * @example
 * ```ts
 * samplingWarnings({ integrator: "mala", ess: 40, kept: 1000, acceptance: 0.05, burnIn: 10 });
 * // → [ "ESS = 40.0 < 100: the MCSE of ⟨H⟩ …", "acceptance 0.050 is outside [0.15, 0.92]: …", "burn-in 10 is shorter than …" ]
 * samplingWarnings({ integrator: "mala", ess: 400, kept: 1000, acceptance: 0.6, burnIn: 100 }); // → []
 * ```
 */
export function samplingWarnings(d: SamplingDiagnostics): string[] {
  const warnings: string[] = [];
  const of = d.of ?? "⟨H⟩";
  const where = d.chain === undefined ? "" : ` in chain ${d.chain}`;
  if (d.kept > 0 && d.acceptance === 0 && acceptanceBand(d.integrator)) {
    warnings.push(`no proposal was accepted after burn-in${where}: every kept state is the same, so the averages are those of one state`);
  }
  if (!(d.ess >= ESS_WARNING)) {
    warnings.push(`ESS = ${d.ess.toFixed(1)} < ${ESS_WARNING}${where}: the MCSE of ${of} is itself unreliable; run more steps`);
  }
  const band = acceptanceBand(d.integrator);
  if (band && d.kept > 0 && d.acceptance > 0 && !(d.acceptance >= band.low && d.acceptance <= band.high)) {
    const fix = d.acceptance < band.low ? "use a smaller step" : "use a larger step";
    warnings.push(
      `acceptance ${d.acceptance.toFixed(3)}${where} is outside [${band.low}, ${band.high}]: ${band.why}; ${fix}, or let it adapt`,
    );
  }
  const tau = d.kept / d.ess;
  if (Number.isFinite(tau) && d.burnIn < tau) {
    warnings.push(
      `burn-in ${d.burnIn} is shorter than the integrated autocorrelation time τ = n/ESS = ${tau.toFixed(1)} steps${where}: the first kept states still remember the start; use a longer burn-in`,
    );
  }
  return warnings;
}

/** R̂ above which the chains do not yet agree on a quantity's distribution (Vehtari et al. 2021, §5). */
export const RHAT_WARNING = 1.01;

/** Chains below which R̂ is weak at detecting chains that disagree (Vehtari et al. 2021 recommend at least 4). */
export const CHAINS_WARNING = 4;

/** R̂ and the bulk and tail ESS of one quantity (stats/diagnostics). */
export interface QuantityDiagnostics {
  rhat: number;
  essBulk: number;
  essTail: number;
}

/**
 * The multi-chain warnings of Vehtari, Gelman, Simpson, Carpenter & Bürkner (2021) for R chains: fewer than
 * {@link CHAINS_WARNING} chains; and per quantity (keyed by its name) R̂ > {@link RHAT_WARNING}, or a bulk or tail ESS
 * below {@link ESS_WARNING} per chain, in one sentence naming the numbers, the thresholds and what to do. A NaN R̂
 * (every draw the same value) is flagged too. Empty for converged chains.
 *
 * @example
 * ```ts
 * convergenceWarnings(2, { energy: { rhat: 1.05, essBulk: 150, essTail: 900 } });
 * // → [ "only 2 chains: R̂ detects chains that disagree reliably from 4 chains on (Vehtari et al. 2021); run at least 4",
 * //      "energy: R̂ = 1.050 > 1.01, bulk ESS = 150 < 200 (100 per chain): the chains do not agree on its distribution yet (not mixed, stuck, or in different modes); run more steps" ]
 * convergenceWarnings(4, { energy: { rhat: 1.002, essBulk: 1900, essTail: 1500 } }); // → []
 * ```
 */
export function convergenceWarnings(chains: number, quantities: Record<string, QuantityDiagnostics>): string[] {
  const warnings: string[] = [];
  if (chains < CHAINS_WARNING) {
    warnings.push(
      `only ${chains} chain${chains === 1 ? "" : "s"}: R̂ detects chains that disagree reliably from ${CHAINS_WARNING} chains on (Vehtari et al. 2021); run at least ${CHAINS_WARNING}`,
    );
  }
  const essFloor = ESS_WARNING * chains;
  for (const [name, d] of Object.entries(quantities)) {
    const problems: string[] = [];
    const rhatBad = !(d.rhat <= RHAT_WARNING);
    if (rhatBad) problems.push(`R̂ = ${d.rhat.toFixed(3)} > ${RHAT_WARNING}`);
    if (!(d.essBulk >= essFloor)) problems.push(`bulk ESS = ${d.essBulk.toFixed(0)} < ${essFloor} (${ESS_WARNING} per chain)`);
    if (!(d.essTail >= essFloor)) problems.push(`tail ESS = ${d.essTail.toFixed(0)} < ${essFloor} (${ESS_WARNING} per chain)`);
    if (problems.length === 0) continue;
    const why = rhatBad
      ? "the chains do not agree on its distribution yet (not mixed, stuck, or in different modes)"
      : "too few effective draws for its mean and quantiles to be trusted";
    warnings.push(`${name}: ${problems.join(", ")}: ${why}; run more steps`);
  }
  return warnings;
}
