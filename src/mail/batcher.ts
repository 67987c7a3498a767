// Gathers the requests concurrent jobs make within a moment into one statement: with fifty mails
// in flight, fifty single-row commits become one, and a commit is what a mail waits for longest.
// Each caller still gets its own answer, and nothing is acknowledged before its batch commits.

export class Batcher<In, Out> {
  private pending: { input: In; resolve: (out: Out) => void; reject: (err: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    /** Runs one batch; answers in the order of the inputs. */
    private readonly run: (inputs: In[]) => Promise<Out[]>,
    private readonly maxBatch = 200,
    private readonly maxWaitMs = 2,
  ) {}

  submit(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (this.pending.length >= this.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending.splice(0, this.pending.length);
    if (!batch.length) return;
    this.run(batch.map((b) => b.input)).then(
      (outs) => batch.forEach((b, i) => b.resolve(outs[i]!)),
      (err: unknown) => batch.forEach((b) => b.reject(err)),
    );
  }
}
