import { describe, expect, it } from 'vitest';
import { serveTasks, TaskPool, type PoolWorker, type TaskReply, type TaskRequest } from './task-pool.ts';

/** An in-process worker: runs its task on a later tick, as a real one would. */
function fakeWorker(run: (task: number) => void, log: number[][], index: number) {
  let reply: (r: TaskReply) => void = () => {};
  let fail: (e: Error) => void = () => {};
  let onRequest: (r: TaskRequest<number>) => void = () => {};
  serveTasks<number>({ onRequest: (h) => (onRequest = h), reply: (r) => setTimeout(() => reply(r), 1) }, (task) => {
    log[index]!.push(task);
    run(task);
  });
  const worker: PoolWorker<number> & { crash: (e: Error) => void; terminated: boolean } = {
    postMessage: (request) => setTimeout(() => onRequest(request), 1),
    listen: (onReply, onFailure) => {
      reply = onReply;
      fail = onFailure;
    },
    terminate: () => (worker.terminated = true),
    crash: (e) => fail(e),
    terminated: false,
  };
  return worker;
}

describe('TaskPool', () => {
  it('runs every task once, spread over its workers, more tasks than workers', async () => {
    const log = [[], []] as number[][];
    const workers = [0, 1].map((i) => fakeWorker(() => {}, log, i));
    const pool = new TaskPool(workers);
    await pool.run([1, 2, 3, 4, 5]);
    expect(log.flat().sort()).toEqual([1, 2, 3, 4, 5]);
    expect(log.every((tasks) => tasks.length > 0)).toBe(true);
    await expect(pool.run([])).resolves.toBeUndefined();
  });

  it("rejects a run with a task's error and stays usable", async () => {
    const log = [[]] as number[][];
    const pool = new TaskPool([
      fakeWorker((t) => {
        if (t === 2) throw new Error('task 2 went wrong');
      }, log, 0),
    ]);
    await expect(pool.run([1, 2, 3])).rejects.toThrow('task 2 went wrong');
    await expect(pool.run([4])).resolves.toBeUndefined();
  });

  it('a crashed worker breaks the pool: the pending run and every later one reject, all workers end', async () => {
    const log = [[], []] as number[][];
    const workers = [0, 1].map((i) => fakeWorker(() => {}, log, i));
    const pool = new TaskPool(workers);
    const pending = pool.run([1, 2, 3, 4]);
    workers[0]!.crash(new Error('worker 0 was killed'));
    await expect(pending).rejects.toThrow('worker 0 was killed');
    await expect(pool.run([5])).rejects.toThrow('worker 0 was killed');
    expect(workers.every((w) => w.terminated)).toBe(true);
  });

  it('an abort rejects the run at once, even while a thread that died silently holds a task', async () => {
    const log = [[], []] as number[][];
    const silent: PoolWorker<number> = { postMessage: () => {}, listen: () => {}, terminate: () => {} };
    const pool = new TaskPool([silent, fakeWorker(() => {}, log, 1)]);
    const controller = new AbortController();
    const pending = pool.run([1, 2, 3], controller.signal);
    setTimeout(() => controller.abort(new Error('cancelled by the user')), 20);
    await expect(pending).rejects.toThrow('cancelled by the user');
    // The live thread still serves (the silent one keeps its task and is never given another).
    await expect(pool.run([4, 5])).resolves.toBeUndefined();
    expect(log[1]).toEqual(expect.arrayContaining([4, 5]));
    await expect(pool.run([6], controller.signal)).rejects.toThrow('cancelled by the user');
  });

  it('needs a worker', () => {
    expect(() => new TaskPool([])).toThrow(/at least one worker/);
  });
});
