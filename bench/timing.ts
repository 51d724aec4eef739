export type Timing = { label: string; median: number; max: number };

/** Runs `run` five times and reports the median and the slowest (the benches' one way of timing). */
export async function time(label: string, run: () => Promise<unknown>): Promise<Timing> {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await run();
    runs.push(performance.now() - start);
  }
  runs.sort((a, b) => a - b);
  return { label, median: runs[2]!, max: runs[4]! };
}
