import * as Comlink from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { marchingCubes } from '../src/core/mesh/marching-cubes.ts';
import { spawnEngine, type Engine } from './rpc/spawn.ts';
import { isAbortError } from './rpc/jobs.ts';
import { createMeshEngine, type MeshEngine } from './mesh.engine.ts';

// The engine runs inline: exposed on one end of a MessageChannel, driven through spawnEngine on the
// other, so progress, transfer and cancellation cross a real structured-clone boundary.
const ports: MessagePort[] = [];
function inlineEngine(): Engine<MeshEngine> {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  Comlink.expose(createMeshEngine(), port1 as unknown as Comlink.Endpoint);
  const worker = Object.assign(port2, { terminate: () => port2.close() });
  return spawnEngine<MeshEngine>(worker as unknown as Worker, 'mesh');
}
afterEach(() => ports.splice(0).forEach((p) => p.close()));

const N = 48;
function ballField(): Float32Array {
  const data = new Float32Array(N * N * N);
  let i = 0;
  for (let z = 0; z < N; z++) for (let y = 0; y < N; y++) for (let x = 0; x < N; x++) data[i++] = 15 - Math.hypot(x - 23.5, y - 24.2, z - 22.8);
  return data;
}

describe('mesh engine', () => {
  it('returns the isosurface with progress, its buffers arriving intact', async () => {
    const data = ballField();
    const seen: [number, string | undefined][] = [];
    const mesh = await inlineEngine().job(
      (api, jobId, progress) => api.isosurface(jobId, { dims: [N, N, N], data }, 0, { step: 2 }, progress),
      { onProgress: (f, stage) => seen.push([f, stage]) },
    );
    expect(mesh).toEqual(marchingCubes(data, [N, N, N], 0, { step: 2 }));
    expect(mesh.positions).toBeInstanceOf(Float32Array);
    // Progress travels on the callback's own channel: it may land just after the result.
    await vi.waitFor(() => expect(seen.at(-1)).toEqual([1, 'meshing']));
  });

  it('stops a running job when its signal aborts', async () => {
    const controller = new AbortController();
    const pending = inlineEngine().job(
      (api, jobId, progress) => api.isosurface(jobId, { dims: [N, N, N], data: ballField() }, 0, { yieldEveryMs: 0 }, progress),
      { signal: controller.signal, onProgress: (f) => f > 0 && controller.abort() },
    );
    await expect(pending).rejects.toSatisfy(isAbortError);
  });
});
