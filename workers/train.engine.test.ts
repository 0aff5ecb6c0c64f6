import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { BackendName } from '../src/core/backend-order.ts';
import { withBackend } from '../src/ml/testing/backends.ts';
import { isAbortError } from './rpc/jobs.ts';
import { spawnEngine, type Engine } from './rpc/spawn.ts';
import { createTrainEngine, type TrainEngine } from './train.engine.ts';
import type { PredictOptions, TrainEvent, TrainRequest, TrainTomogram } from './train.types.ts';
import { withCalibration } from './model-files.ts';

// The engine runs inline over a MessageChannel (as mesh.engine.test.ts), so events, checkpoints and
// transfers cross a real structured-clone boundary; tfjs runs on the cpu backend with a tiny network.
const ports: MessagePort[] = [];
function inlineEngine(): Engine<TrainEngine> {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  Comlink.expose(createTrainEngine(async () => tf.getBackend() as BackendName), port1 as unknown as Comlink.Endpoint);
  const worker = Object.assign(port2, { terminate: () => port2.close() });
  return spawnEngine<TrainEngine>(worker as unknown as Worker, 'train');
}
afterEach(() => ports.splice(0).forEach((p) => p.close()));

const N = 24;
const SPHERES = [
  { x: 6, y: 7, z: 6, classId: 1 },
  { x: 17, y: 16, z: 7, classId: 1 },
  { x: 7, y: 17, z: 17, classId: 2 },
  { x: 17, y: 6, z: 16, classId: 2 },
];

/** Bright balls (class 1, radius 3) and dark balls (class 2) on weak structured noise. */
function toyTomogram(name: string): TrainTomogram {
  const data = new Float32Array(N ** 3);
  for (let z = 0, i = 0; z < N; z++)
    for (let y = 0; y < N; y++)
      for (let x = 0; x < N; x++, i++) {
        data[i] = 0.2 * Math.sin(i * 12.9898);
        for (const s of SPHERES) if (Math.hypot(x - s.x, y - s.y, z - s.z) <= 3) data[i] = s.classId === 1 ? 3 : -3;
      }
  return { name, volume: { nx: N, ny: N, nz: N, dtype: 'float32', data }, picks: SPHERES.map((s) => ({ ...s })) };
}

function request(overrides: Partial<TrainRequest['settings']> = {}, validation = false): TrainRequest {
  return {
    train: [toyTomogram('a')],
    validation: validation ? [toyTomogram('b')] : [],
    classes: [
      { id: 1, name: 'bright', radiusAngstrom: 30 },
      { id: 2, name: 'dark', radiusAngstrom: 30 },
    ],
    voxelSizeAngstrom: 10,
    settings: { network: { patch: 8, baseWidth: 2, depth: 1 }, steps: 6, batchSize: 2, validateEvery: 3, checkpointEvery: 3, validationEdge: 16, ...overrides },
  };
}

function runTraining(engine: Engine<TrainEngine>, req: TrainRequest, onEvent: (e: TrainEvent, jobId: string) => void | Promise<void>, signal?: AbortSignal) {
  return engine.job((api, jobId) => api.train(jobId, req, Comlink.proxy((e: TrainEvent) => onEvent(e, jobId))), signal ? { signal } : {});
}

describe('train engine [cpu]', () => {
  it('trains with step, validation and checkpoint events, returns the model, leaks no tensor', async () => {
    await withBackend('cpu', async () => {
      const events: TrainEvent[] = [];
      const result = await runTraining(inlineEngine(), request({}, true), (e) => void events.push(e));
      expect(result.steps).toBe(6);
      expect(result.model.json.config).toMatchObject({ patch: 8, baseWidth: 2, depth: 1, nClasses: 3 });
      expect(result.model.weights.byteLength).toBeGreaterThan(0);
      await vi.waitFor(() => expect(events.filter((e) => e.kind === 'step')).toHaveLength(6));
      expect(events[0]).toMatchObject({ kind: 'started', backend: 'cpu', startStep: 0, steps: 6 });
      const steps = events.flatMap((e) => (e.kind === 'step' ? [e.report.step] : []));
      expect(steps).toEqual([1, 2, 3, 4, 5, 6]);
      const validations = events.flatMap((e) => (e.kind === 'validation' ? [e.scores] : []));
      expect(validations.map((v) => v.step)).toEqual([3, 6]);
      expect(validations[0]!.classes.map((c) => c.classId)).toEqual([1, 2]);
      const checkpoints = events.flatMap((e) => (e.kind === 'checkpoint' ? [e.checkpoint] : []));
      expect(checkpoints.map((c) => c.meta.step)).toEqual([3, 6]);
      expect(checkpoints[0]!.optimizer.data.byteLength).toBeGreaterThan(0);
      expect(checkpoints[0]!.meta.lossHistory).toHaveLength(3);
    });
  });

  it('resumes from a checkpoint at its step', async () => {
    await withBackend('cpu', async () => {
      const engine = inlineEngine();
      let checkpoint: Extract<TrainEvent, { kind: 'checkpoint' }>['checkpoint'] | undefined;
      await runTraining(engine, request({ steps: 3, validateEvery: 0 }), (e) => {
        if (e.kind === 'checkpoint') checkpoint = e.checkpoint;
      });
      expect(checkpoint?.meta.step).toBe(3);
      const events: TrainEvent[] = [];
      const result = await runTraining(engine, { ...request({ steps: 5, validateEvery: 0 }), resume: checkpoint! }, (e) => void events.push(e));
      expect(result.steps).toBe(5);
      expect(events[0]).toMatchObject({ kind: 'started', startStep: 3 });
      await vi.waitFor(() => expect(events.flatMap((e) => (e.kind === 'step' ? [e.report.step] : []))).toEqual([4, 5]));
    });
  });

  for (const mode of ['supervised', 'robpicker'] as const) {
    it(`resumes ${mode} exactly where the uninterrupted run would be (replayed patch streams)`, async () => {
      await withBackend('cpu', async () => {
        const engine = inlineEngine();
        const settings = { steps: 6, validateEvery: 0, checkpointEvery: 3, mode, ...(mode === 'robpicker' ? { metaEvery: 2, validationBatchSize: 1 } : {}) };
        type Checkpoint = Extract<TrainEvent, { kind: 'checkpoint' }>['checkpoint'];
        const checkpoints: Checkpoint[] = [];
        const whole = await runTraining(engine, request(settings, true), (e) => void (e.kind === 'checkpoint' && checkpoints.push(e.checkpoint)));
        const atStep3 = checkpoints.find((c) => c.meta.step === 3)!;
        expect(atStep3.meta.streamStart).toBe(0);
        const resumed = await runTraining(engine, { ...request(settings, true), resume: atStep3 }, () => undefined);
        expect(new Uint8Array(resumed.model.weights)).toEqual(new Uint8Array(whole.model.weights));

        // A checkpoint from before replays (no streamStart) keeps the streams it was resumed with: seeded at its step.
        const { streamStart: _dropped, ...oldMeta } = atStep3.meta;
        const later: Checkpoint[] = [];
        const fromOld = await runTraining(engine, { ...request(settings, true), resume: { ...atStep3, meta: oldMeta } }, (e) => void (e.kind === 'checkpoint' && later.push(e.checkpoint)));
        expect(later.at(-1)!.meta.streamStart).toBe(3);
        expect(new Uint8Array(fromOld.model.weights)).not.toEqual(new Uint8Array(whole.model.weights));
      });
    });
  }

  it('pauses between steps until resumed', async () => {
    await withBackend('cpu', async () => {
      const engine = inlineEngine();
      const seen: number[] = [];
      let pausedJob: string | undefined;
      const pending = runTraining(engine, request({ steps: 40, validateEvery: 0, checkpointEvery: 0 }), (e, jobId) => {
        if (e.kind !== 'step') return;
        seen.push(e.report.step);
        if (e.report.step === 2) pausedJob = jobId;
      });
      await vi.waitFor(() => expect(pausedJob).toBeDefined());
      await engine.api.pause(pausedJob!);
      // At most the step in flight finishes; then nothing moves while paused.
      await new Promise((r) => setTimeout(r, 300));
      const whilePaused = seen.length;
      await new Promise((r) => setTimeout(r, 400));
      expect(seen.length).toBe(whilePaused);
      expect(whilePaused).toBeLessThan(40);
      await engine.api.resume(pausedJob!);
      expect((await pending).steps).toBe(40);
      await vi.waitFor(() => expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => i + 1)));
    });
  });

  it('stops when cancelled, while running or while paused, and frees its tensors', async () => {
    await withBackend('cpu', async () => {
      const engine = inlineEngine();
      const running = new AbortController();
      await expect(
        runTraining(engine, request({ steps: 50, validateEvery: 0, checkpointEvery: 0 }), (e) => void (e.kind === 'step' && e.report.step === 2 && running.abort()), running.signal),
      ).rejects.toSatisfy(isAbortError);
      const paused = new AbortController();
      await expect(
        runTraining(
          engine,
          request({ steps: 50, validateEvery: 0, checkpointEvery: 0 }),
          (e, jobId) => {
            if (e.kind !== 'step' || e.report.step !== 1) return;
            void engine.api.pause(jobId).then(() => setTimeout(() => paused.abort(), 100));
          },
          paused.signal,
        ),
      ).rejects.toSatisfy(isAbortError);
    });
  });

  it('rejects bad requests with clear messages', async () => {
    await withBackend('cpu', async () => {
      const engine = inlineEngine();
      await expect(runTraining(engine, { ...request(), train: [] }, () => undefined)).rejects.toThrow(/at least one training tomogram/);
      await expect(runTraining(engine, { ...request(), classes: [{ id: 1, name: 'bright', radiusAngstrom: 30 }] }, () => undefined)).rejects.toThrow(
        /class 2 but no such class/,
      );
      await expect(runTraining(engine, request({ steps: 0 }), () => undefined)).rejects.toThrow(/steps must be an integer ≥ 1/);
    });
  });

  it('predicts picks and compact probability maps with a trained model', async () => {
    await withBackend('cpu', async () => {
      const engine = inlineEngine();
      // One species (the bright balls) so a tiny network learns it in a few seconds.
      const bright = (t: TrainTomogram): TrainTomogram => ({ ...t, picks: t.picks.filter((p) => p.classId === 1) });
      const req = request({ steps: 80, batchSize: 4, learningRate: 0.01, validateEvery: 0, checkpointEvery: 0 });
      const trained = await runTraining(engine, { ...req, train: req.train.map(bright), classes: req.classes.slice(0, 1) }, () => undefined);
      const fractions: number[] = [];
      const { volume } = toyTomogram('c');
      const result = await engine.job((api, jobId, progress) => api.predict(jobId, trained.model, volume, { overlap: 2 }, progress), {
        onProgress: (f) => fractions.push(f),
      });
      expect(result.backend).toBe('cpu');
      expect(result.probabilities).toHaveLength(1);
      expect(result.probabilities[0]).toBeInstanceOf(Uint8Array);
      expect(result.probabilities[0]!.length).toBe(N ** 3);
      // Each bright ball is found: a pick within 2 voxels of its centre, with a mean probability > 0.5.
      for (const s of SPHERES.filter((b) => b.classId === 1)) {
        const near = result.picks.filter((p) => p.classId === 1 && Math.hypot(p.x - s.x, p.y - s.y, p.z - s.z) <= 2);
        expect(near.length, `ball at ${s.x},${s.y},${s.z}`).toBe(1);
        expect(near[0]!.score).toBeGreaterThan(0.5);
      }
      await vi.waitFor(() => expect(fractions.at(-1)).toBe(1));

      // Calibrated to a cut above every pick, the model keeps none by default; an explicit minScore overrides it.
      const top = Math.max(...result.picks.map((p) => p.score));
      const threshold = { classId: 1, name: 'bright', minScore: Math.min(1, top + 1e-6), nTruth: 2, nPred: result.picks.length, nKept: 0, f1Before: 1, f1After: 0 };
      const strict = { ...trained.model, json: withCalibration(trained.model.json, [threshold], 'toy') };
      const predict = (options: PredictOptions) => engine.job((api, jobId, progress) => api.predict(jobId, strict, volume, options, progress), {});
      expect((await predict({ overlap: 2 })).picks).toHaveLength(0);
      expect((await predict({ overlap: 2, minScore: 0 })).picks).toHaveLength(result.picks.length);
    });
  });
});

describe('train engine: label-fix suggestions [cpu]', () => {
  it('a robpicker run keeps its label correction, which doubts a spurious pick; a dr-only model is refused', async () => {
    await withBackend('cpu', async () => {
      const engine = inlineEngine();
      const bright = (t: TrainTomogram): TrainTomogram => ({ ...t, picks: t.picks.filter((p) => p.classId === 1) });
      const base = request({ steps: 80, batchSize: 4, learningRate: 0.01, validateEvery: 0, checkpointEvery: 0 }, true);
      const oneClass = { ...base, train: base.train.map(bright), validation: base.validation.map(bright), classes: base.classes.slice(0, 1) };
      const warm = await runTraining(engine, oneClass, () => undefined);
      expect(warm.metaState).toBeNull();
      // The labels to review: the two bright balls and a pick on plain noise, far from every ball.
      const spurious = { x: 12, y: 12, z: 12, classId: 1 };
      const noisy = { ...oneClass, train: oneClass.train.map((t) => ({ ...t, picks: [...t.picks, spurious] })), initial: warm.model };
      const robpicker = await runTraining(engine, { ...noisy, settings: { ...noisy.settings, steps: 4, mode: 'robpicker', validationBatchSize: 2 } }, () => undefined);
      expect(robpicker.metaState?.index.some((e) => e.name.startsWith('meta/lc.'))).toBe(true);

      const tomogram = noisy.train[0]!;
      const before = tf.memory().numTensors;
      const fractions: number[] = [];
      const { suggestions, backend } = await engine.job(
        (api, jobId, progress) => api.suggestFixes(jobId, { model: robpicker.model, metaState: robpicker.metaState!, volume: tomogram.volume, picks: tomogram.picks, voxelSizeAngstrom: 10 }, progress),
        { onProgress: (f) => fractions.push(f) },
      );
      expect(backend).toBe('cpu');
      expect(tf.memory().numTensors).toBe(before);
      await vi.waitFor(() => expect(fractions.at(-1)).toBe(1));
      const confidences = suggestions.map((s) => s.confidence);
      expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
      const doubted = suggestions.filter((s) => s.kind === 'remove').map((s) => s.pickIndex);
      expect(doubted).toContain(tomogram.picks.length - 1);
      // The real balls are not doubted as strongly as the spurious pick.
      const confidenceOf = (i: number) => suggestions.find((s) => s.kind === 'remove' && s.pickIndex === i)?.confidence ?? 0;
      expect(confidenceOf(0)).toBeLessThan(confidenceOf(2));
      expect(confidenceOf(1)).toBeLessThan(confidenceOf(2));

      const drOnly = await runTraining(engine, { ...noisy, settings: { ...noisy.settings, steps: 1, mode: 'dr-only', validationBatchSize: 2 } }, () => undefined);
      await expect(
        engine.job((api, jobId, progress) => api.suggestFixes(jobId, { model: drOnly.model, metaState: drOnly.metaState!, volume: tomogram.volume, picks: tomogram.picks, voxelSizeAngstrom: 10 }, progress)),
      ).rejects.toThrow(/no label-correction network/);
    });
  });
});
