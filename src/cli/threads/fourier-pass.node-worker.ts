/** A Node worker_threads end of the CPU Fourier bank's pool (fourier-pool.ts spawns it). */
import { parentPort } from 'node:worker_threads';
import { runFourierPass, type FourierPassTask } from '../../core/proposals/fourier-pass.ts';
import { serveTasks, type TaskRequest } from '../../core/parallel/task-pool.ts';

const port = parentPort;
if (!port) throw new Error('fourier-pass.node-worker.ts must run in a worker thread');
serveTasks<FourierPassTask>(
  { onRequest: (handler) => port.on('message', (request: TaskRequest<FourierPassTask>) => handler(request)), reply: (reply) => port.postMessage(reply) },
  runFourierPass,
);
