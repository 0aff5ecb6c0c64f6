import { describe, expect, it } from 'vitest';
import { unetParamSpecs } from '../unet/param-specs.ts';
import type { UNetConfig } from '../unet/config.ts';
import { deserializeWeights, parseModelJson, serializeModel, type ModelProvenance } from './model-format.ts';
import { packTensors, unpackTensors } from './checkpoint-format.ts';

const config: UNetConfig = { nClasses: 3, baseWidth: 2, depth: 1, patch: 8, upsampling: 'transpose' };
const provenance: ModelProvenance = {
  createdAt: '2026-11-23T00:00:00Z', steps: 5, labels: 'shape', backend: 'cpu', voxelSizeAngstrom: 10,
  trainingTomograms: ['a.mrc'], finalLoss: 0.5, validationMacroF1: null,
};

function weights(): Record<string, Float32Array> {
  return Object.fromEntries(unetParamSpecs(config).map((s, k) => [s.name, Float32Array.from({ length: s.shape.reduce((a, b) => a * b, 1) }, (_, i) => k + i / 100)]));
}

describe('model files', () => {
  it('round-trips configuration, classes and every weight', () => {
    const values = weights();
    const saved = serializeModel(config, [{ id: 1, name: 'ribosome', radiusAngstrom: 130 }, { id: 2, name: 'tiny' }], provenance, values);
    const json = parseModelJson(JSON.stringify(saved.json));
    expect(json.config).toEqual(config);
    expect(json.classes.map((c) => c.name)).toEqual(['ribosome', 'tiny']);
    const back = deserializeWeights(json, saved.weights);
    for (const [name, v] of Object.entries(values)) expect(Array.from(back[name]!)).toEqual(Array.from(v));
  });

  it('refuses truncated weights, NaN weights, other formats and newer versions with clear messages', () => {
    const saved = serializeModel(config, [], provenance, weights());
    expect(() => deserializeWeights(saved.json, saved.weights.slice(0, 100))).toThrow(/truncated or from another model/);
    const corrupt = new Float32Array(saved.weights.slice(0));
    corrupt[3] = NaN;
    expect(() => deserializeWeights(saved.json, corrupt.buffer)).toThrow(/NaN or Inf/);
    expect(() => parseModelJson('{"format":"keras"}')).toThrow(/not a Tomopick U-Net model/);
    expect(() => parseModelJson(JSON.stringify({ ...saved.json, formatVersion: 99 }))).toThrow(/newer than this Tomopick/);
    expect(() => parseModelJson('{')).toThrow(/not valid JSON/);
  });

  it('refuses to save a model with a missing weight', () => {
    const values = weights();
    delete values['head.b'];
    expect(() => serializeModel(config, [], provenance, values)).toThrow(/"head.b" is missing/);
  });

  it('packs optimiser state for checkpoints', () => {
    const packed = packTensors({ a: Float32Array.from([1, 2]), b: Float32Array.from([3]) });
    expect(Object.fromEntries(Object.entries(unpackTensors(packed)).map(([k, v]) => [k, Array.from(v)]))).toEqual({ a: [1, 2], b: [3] });
    expect(() => unpackTensors({ index: [{ name: 'a', length: 5 }], data: packed.data })).toThrow(/index says 5/);
  });
});
