// The evaluation budget: a step counter and a wall-clock deadline. Checking the clock costs more than
// counting, so the deadline is only looked at every 256 steps.

import { RegoBudgetError } from '../errors.ts';

export class Budget {
  steps = 0;
  private readonly deadline: number;

  constructor(readonly maxSteps: number, readonly timeoutMs: number) {
    this.deadline = Number.isFinite(timeoutMs) ? performance.now() + timeoutMs : Infinity;
  }

  step(): void {
    const s = ++this.steps;
    if (s > this.maxSteps) throw new RegoBudgetError(`evaluation exceeded ${this.maxSteps} steps`);
    if ((s & 255) === 0 && this.deadline !== Infinity && performance.now() > this.deadline) {
      throw new RegoBudgetError(`evaluation exceeded its time limit of ${this.timeoutMs} ms`);
    }
  }
}
