/** Best of `repeats` timed runs (ms) after one warm-up run (JIT, shader compilation), unless `warmUp` is false. */
export async function bestOfMs(repeats: number, fn: () => Promise<void>, warmUp = true): Promise<number> {
  if (warmUp) await fn();
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    await fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}
