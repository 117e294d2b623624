/**
 * The step size during burn-in, one rule for every front end of `run` (one chain, R chains):
 *
 * - with `adapt`: Robbins–Monro on log h toward the target acceptance, γ_t = (t + 10)^−0.6 (Σγ = ∞, Σγ² < ∞),
 *   frozen at the mean of log h over the second half of burn-in;
 * - without it, for integrators with accept/reject: the warm-up ramp (RunOptions `warmup`): the same recursion
 *   toward the integrator's own target, capped at the given step, which the ramp returns to at its end, so a chain
 *   started at a mode leaves it with small adjusted steps and every kept step uses the given one.
 *
 * Its state is plain numbers (saved in checkpoints), so a resumed run continues it exactly.
 */
import { ArgumentError, check } from "../errors";

/** The controller's state between steps (the checkpoint's fields of the same names). */
export interface StepControlState {
  stepSize: number;
  logStep: number;
  logStepSum: number;
  logStepCount: number;
}

export interface StepControlOptions {
  /** The given step h. */
  step: number;
  /** The integrator's target acceptance, or null without accept/reject. */
  integratorTarget: number | null;
  burnIn: number;
  adapt?: boolean | { target: number };
  /** Warm-up steps (default ⌊burnIn/2⌋); used only without `adapt`. */
  warmup?: number;
}

/** The step size at each step of a run, given the acceptance probability each step reported. */
export interface StepControl {
  /** The adaptation target, or null when the step is not adapted. */
  readonly target: number | null;
  /** Warm-up steps that apply (0 with `adapt` or without accept/reject). */
  readonly warmup: number;
  /** The step to use now. */
  readonly stepSize: number;
  /** Feed step t's mean acceptance probability; updates the step for step t + 1. */
  observe(t: number, acceptanceProbability: number): void;
  /** The state to checkpoint. */
  state(): StepControlState;
}

/**
 * The burn-in step-size rule of the module comment, starting from `resume` when given. `where` names the caller
 * in errors (a bad `adapt.target` or `warmup`).
 *
 * @example
 * ```ts
 * const control = stepControl("example", { step: 0.1, integratorTarget: 0.574, burnIn: 100, adapt: true });
 * control.observe(0, 0); // nothing accepted: the step shrinks
 * control.stepSize < 0.1; // → true
 * ```
 */
export function stepControl(where: string, options: StepControlOptions, resume?: StepControlState): StepControl {
  const { burnIn, integratorTarget } = options;
  const given = options.step;
  const target = adaptationTarget(where, integratorTarget, options.adapt);
  const warmupSteps = check.integer(where, "warmup", options.warmup ?? Math.floor(burnIn / 2), 0, burnIn);
  const warmup = target === null && integratorTarget !== null ? warmupSteps : 0;
  let stepSize = resume ? resume.stepSize : given;
  let logStep = resume ? resume.logStep : Math.log(stepSize);
  const givenLogStep = Math.log(given);
  let logStepSum = resume?.logStepSum ?? 0;
  let logStepCount = resume?.logStepCount ?? 0;
  return {
    target,
    warmup,
    get stepSize() {
      return stepSize;
    },
    observe(t, p) {
      if (t < warmup) {
        logStep = Math.min(logStep + (p - integratorTarget!) * (t + 10) ** -0.6, givenLogStep);
        stepSize = t === warmup - 1 ? given : Math.exp(logStep);
      }
      if (target !== null && t < burnIn) {
        logStep += (p - target) * (t + 10) ** -0.6;
        stepSize = Math.exp(logStep);
        if (t >= burnIn / 2) {
          logStepSum += logStep;
          logStepCount++;
        }
        if (t === burnIn - 1 && logStepCount > 0) stepSize = Math.exp(logStepSum / logStepCount);
      }
    },
    state: () => ({ stepSize, logStep, logStepSum, logStepCount }),
  };
}

function adaptationTarget(where: string, integratorTarget: number | null, adapt: StepControlOptions["adapt"]): number | null {
  if (!adapt || integratorTarget === null) return null;
  if (adapt === true) return integratorTarget;
  const target = adapt.target;
  if (!(target > 0 && target < 1)) throw new ArgumentError(where, "adapt.target", "a number in (0, 1)", target);
  return target;
}
