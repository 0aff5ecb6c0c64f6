import { describe, expect, it } from 'vitest';
import { ctfValue, electronWavelength, filterSignalAndNoise, isMeasured } from './fourier-filter.ts';
import type { CtfConfig } from './config.ts';
import { createRandom } from './random.ts';

const ctf: CtfConfig = { defocusMicrons: 3, voltageKv: 300, amplitudeContrast: 0.07, bFactor: 0, phaseFlipped: false };

describe('missing wedge', () => {
  it('keeps the kx–ky plane and tilts up to the maximum angle, drops the kz axis', () => {
    const tan60 = Math.tan(Math.PI / 3);
    expect(isMeasured(0.2, 0, tan60)).toBe(true);
    expect(isMeasured(0, 0, tan60)).toBe(true);
    expect(isMeasured(0, 0.1, tan60)).toBe(false);
    // 59° from the kx axis is inside ±60°, 61° is in the wedge.
    const at = (deg: number) => [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)] as const;
    expect(isMeasured(at(59)[0], at(59)[1], tan60)).toBe(true);
    expect(isMeasured(at(61)[0], at(61)[1], tan60)).toBe(false);
    expect(isMeasured(-at(59)[0], at(59)[1], tan60)).toBe(true);
    expect(isMeasured(0, 0.3, Infinity)).toBe(true);
  });
});

describe('CTF', () => {
  it('has the textbook wavelength and first zero', () => {
    expect(electronWavelength(300)).toBeCloseTo(0.01969, 4);
    expect(ctfValue(0, ctf)).toBeCloseTo(0.07, 6);
    // First zero: tan χ = −w/√(1−w²) → χ = π − atan(w/√(1−w²)).
    const chi0 = Math.PI - Math.atan(0.07 / Math.sqrt(1 - 0.07 ** 2));
    const k0 = Math.sqrt(chi0 / (Math.PI * electronWavelength(300) * 3e4));
    expect(Math.abs(ctfValue(k0, ctf))).toBeLessThan(1e-9);
    expect(ctfValue(k0 * 0.9, ctf)).toBeGreaterThan(0);
    expect(ctfValue(k0 * 1.1, ctf)).toBeLessThan(0);
    expect(ctfValue(k0 * 1.1, { ...ctf, phaseFlipped: true })).toBeGreaterThan(0);
    expect(ctfValue(0.05, { ...ctf, bFactor: 400 })).toBeCloseTo(ctfValue(0.05, ctf) * Math.exp(-0.25), 9);
  });
});

describe('filterSignalAndNoise', () => {
  it('filters signal (real part) and noise (imaginary part) separately', () => {
    const shape = [16, 8, 8] as const;
    const n = 16 * 8 * 8;
    const random = createRandom(5);
    const signal = Float32Array.from({ length: n }, () => random.gaussian());
    const noise = Float32Array.from({ length: n }, () => random.gaussian());
    const signalOnly = signal.slice();
    const zeros = new Float32Array(n);
    filterSignalAndNoise(signal, noise, { shape, voxelSize: 10, wedgeDegrees: 60, ctf });
    filterSignalAndNoise(signalOnly, zeros, { shape, voxelSize: 10, wedgeDegrees: 60, ctf });
    // The signal result does not depend on the noise, and zero noise stays zero.
    for (let i = 0; i < n; i++) {
      expect(signal[i]).toBeCloseTo(signalOnly[i]!, 4);
      expect(zeros[i]).toBeCloseTo(0, 5);
    }
    // With no wedge and no CTF both pass unchanged.
    const s = Float32Array.from({ length: n }, () => random.gaussian());
    const copy = s.slice();
    filterSignalAndNoise(s, new Float32Array(n), { shape, voxelSize: 10, wedgeDegrees: 90, ctf: null });
    for (let i = 0; i < n; i++) expect(s[i]).toBeCloseTo(copy[i]!, 4);
  });
});
