/// <reference lib="webworker" />
/**
 * One thread of the CPU Fourier bank's pool (fourier-pool.ts): runs shares of FFT passes over
 * SharedArrayBuffers. A data-parallel helper of the proposals engine, not an engine: it speaks the
 * task pool's request/reply protocol (src/core/parallel/task-pool.ts), not comlink.
 */
import { serveTasks, type TaskRequest } from '../src/core/parallel/task-pool.ts';
import { runFourierPass, type FourierPassTask } from '../src/core/proposals/fourier-pass.ts';

serveTasks<FourierPassTask>(
  {
    onRequest: (handler) => self.addEventListener('message', (event: MessageEvent<TaskRequest<FourierPassTask>>) => handler(event.data)),
    reply: (reply) => self.postMessage(reply),
  },
  runFourierPass,
);
