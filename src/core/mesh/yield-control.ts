/**
 * Cooperative yielding for long synchronous loops in a worker: comlink delivers a cancel message
 * only between tasks, so a loop must return to the event loop now and then. Yielding by elapsed
 * time (not by iteration count) keeps the overhead negligible on big and small inputs alike.
 */
export type Yielder = () => Promise<void> | undefined;

/** A function that, once `everyMs` have passed since the last yield, returns a promise to await. */
export function createYielder(everyMs: number, signal?: AbortSignal): Yielder {
  let last = performance.now();
  return () => {
    signal?.throwIfAborted();
    if (performance.now() - last < everyMs) return undefined;
    return new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => {
      signal?.throwIfAborted();
      last = performance.now();
    });
  };
}
