// The evaluation budget: a step counter and a wall-clock deadline. Checking the clock costs more than
// counting, so the deadline is only looked at every 256 steps.

import { RegoBudgetError } from '../errors.ts';

export class Budget {
  steps = 0;
  private readonly deadline: number;

  constructor(readonly maxSteps: number, readonly timeoutMs: number) {
    this.deadline = Number.isFinite(timeoutMs) ? performance.now() + timeoutMs : Infinity;
  }

  /** `n` steps of work at once (a built-in's share), checked against both limits right away. */
  charge(n: number): void {
    if (!(n > 0)) return;
    const before = this.steps;
    this.steps += n;
    if (this.steps > this.maxSteps) throw new RegoBudgetError(`evaluation exceeded ${this.maxSteps} steps`);
    // The clock is read when the charge is large or crosses a multiple of 256 steps, as step() does.
    if ((n >= 256 || (before >>> 8) !== (this.steps >>> 8)) && this.deadline !== Infinity && performance.now() > this.deadline) {
      throw new RegoBudgetError(`evaluation exceeded its time limit of ${this.timeoutMs} ms`);
    }
  }

  step(): void {
    const s = ++this.steps;
    if (s > this.maxSteps) throw new RegoBudgetError(`evaluation exceeded ${this.maxSteps} steps`);
    if ((s & 255) === 0 && this.deadline !== Infinity && performance.now() > this.deadline) {
      throw new RegoBudgetError(`evaluation exceeded its time limit of ${this.timeoutMs} ms`);
    }
  }
}
