import { describe, expect, it } from 'vitest';
import { backendOrderFromQuery } from './backend-override.ts';

describe('backendOrderFromQuery', () => {
  it('forces exactly the named backend', () => {
    expect(backendOrderFromQuery('?backend=wasm')).toEqual(['wasm']);
    expect(backendOrderFromQuery('?demo=1&backend=cpu')).toEqual(['cpu']);
  });

  it('leaves the default order when the query names no backend', () => {
    expect(backendOrderFromQuery('')).toBeUndefined();
    expect(backendOrderFromQuery('?backend=')).toBeUndefined();
  });

  it('rejects an unknown name, listing the valid ones', () => {
    expect(() => backendOrderFromQuery('?backend=cuda')).toThrow('Unknown backend "cuda" in ?backend= (expected one of webgpu, webgl, wasm, cpu)');
  });
});
