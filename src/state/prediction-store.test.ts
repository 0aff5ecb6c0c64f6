import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_OVERLAY, usePredictionStore } from './prediction-store.ts';

const grid = { nx: 2, ny: 2, nz: 2, modelName: 'm' };

beforeEach(() => usePredictionStore.setState({ byTomogram: {}, overlay: { ...DEFAULT_OVERLAY } }));

describe('prediction store', () => {
  it('keeps the last maps per tomogram and clears them', () => {
    const store = usePredictionStore.getState();
    store.setMaps('t1', { ...grid, classIds: [1], maps: [new Uint8Array(8)] });
    const newer = { ...grid, classIds: [1, 2], maps: [new Uint8Array(8), new Uint8Array(8)] };
    store.setMaps('t1', newer);
    store.setMaps('t2', { ...grid, classIds: [1], maps: [new Uint8Array(8)] });
    expect(usePredictionStore.getState().byTomogram.t1).toBe(newer);
    usePredictionStore.getState().clearMaps('t1');
    expect(Object.keys(usePredictionStore.getState().byTomogram)).toEqual(['t2']);
  });

  it('rejects maps that do not fit their grid or class list', () => {
    const store = usePredictionStore.getState();
    expect(() => store.setMaps('t', { ...grid, classIds: [1, 2], maps: [new Uint8Array(8)] })).toThrow('1 probability maps for 2 classes');
    expect(() => store.setMaps('t', { ...grid, classIds: [3], maps: [new Uint8Array(7)] })).toThrow('class 3 has 7 voxels, the grid 2×2×2 has 8');
  });

  it('changes overlay settings one at a time and keeps them in [0, 1]', () => {
    usePredictionStore.getState().setOverlay({ threshold: 0.7 });
    usePredictionStore.getState().setOverlay({ visible: false });
    expect(usePredictionStore.getState().overlay).toEqual({ visible: false, opacity: DEFAULT_OVERLAY.opacity, threshold: 0.7 });
    expect(() => usePredictionStore.getState().setOverlay({ opacity: 1.5 })).toThrow('overlay opacity must lie in [0, 1], got 1.5');
  });
});
