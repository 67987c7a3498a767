// A background loop that does one step at a time: again at once while a step says there is more to
// do, otherwise after an interval or when woken. A failed step is logged once until one succeeds.
import type { Logger } from 'pino';

export class PollLoop {
  /** The last failure, cleared by the next success (read by /readyz). */
  lastError: string | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private woken = false;

  constructor(
    private readonly what: string,
    /** Returns true when there is more to do right away. */
    private readonly step: () => Promise<boolean>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes the step in hand, then stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp();
    await this.loop;
  }

  /** Runs the next step now instead of after the interval. */
  wakeUp(): void {
    this.woken = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let more = false;
      this.woken = false;
      try {
        more = await this.step();
        if (this.lastError) this.logger.info(`${this.what}: working again`);
        this.lastError = null;
      } catch (err) {
        const message = (err as Error).message;
        if (this.lastError === null) this.logger.warn({ err: message }, `${this.what} failed; retrying`);
        this.lastError = message;
      }
      if (!more && !this.woken && this.running) await this.sleep(this.lastError ? Math.max(this.intervalMs, 500) : this.intervalMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wake = null;
        resolve();
      }
      this.wake = done;
    });
  }
}
