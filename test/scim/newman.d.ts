// The part of newman's Node API the suites use (newman ships no type declarations).
declare module 'newman' {
  interface RunFailure {
    source?: { name?: string };
    error: { message: string; test?: string };
  }
  interface RunSummary {
    run: { stats: { assertions: { total?: number; failed?: number } }; failures: RunFailure[] };
  }
  interface RunOptions {
    collection: unknown;
    reporters?: string[];
    envVar?: { key: string; value: string }[];
    folder?: string[];
    timeoutRequest?: number;
  }
  const newman: { run(options: RunOptions, callback: (err: Error | null, summary: RunSummary) => void): unknown };
  export default newman;
}
