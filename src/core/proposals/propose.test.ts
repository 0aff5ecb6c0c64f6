import { describe, expect, it } from 'vitest';
import { computeProposalField, proposeParticles, recentreRadius, resolveTopK, selectProposals } from './propose.ts';
import { ballVolume, type Ball } from './test-volumes.ts';
import { computeStats } from '../volume/volume.ts';

const shape: [number, number, number] = [48, 48, 32];
const balls: Ball[] = [
  { x: 10, y: 10, z: 16, diameter: 8, contrast: -1 },
  { x: 36, y: 12, z: 15, diameter: 10, contrast: -1 },
  { x: 12, y: 36, z: 17, diameter: 8, contrast: -1 },
  { x: 36, y: 36, z: 16, diameter: 9, contrast: -1 },
];
const volume = ballVolume(shape, balls, 0.3, 4);
// Voxels are 10 Å: the balls are 80–100 Å across.
const options = { diameterAngstrom: [70, 110] as [number, number], autoMask: false };

function nearest(p: { x: number; y: number; z: number }): number {
  return Math.min(...balls.map((b) => Math.hypot(p.x - b.x, p.y - b.y, p.z - b.z)));
}

/** A dark ball with six bumps on its surface (its parts) and isolated bumps (particles), 64³ voxels of 10 Å. */
function rimScene(object: Ball, isolated: readonly [number, number, number][]) {
  const bump = { diameter: 4, contrast: -1.5 };
  const onSurface = object.diameter / 2 + bump.diameter / 2;
  const axes = [[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 1], [0, 0, -1]] as const;
  const rim: Ball[] = axes.map(([a, b, c]) => ({ ...bump, x: object.x + a * onSurface, y: object.y + b * onSurface, z: object.z + c * onSurface }));
  const alone: Ball[] = isolated.map(([x, y, z]) => ({ ...bump, x, y, z }));
  const near = (proposals: readonly { x: number; y: number; z: number }[], blobs: Ball[]) =>
    proposals.filter((p) => blobs.some((b) => Math.hypot(p.x - b.x, p.y - b.y, p.z - b.z) <= 2)).length;
  return { scene: ballVolume([64, 64, 64], [object, ...rim, ...alone], 0.2, 3), rim, isolated: alone, near };
}

describe('proposeParticles', () => {
  it('finds every ball, strongest first, with its diameter', async () => {
    const { proposals } = await proposeParticles(volume, { ...options, topK: 4 });
    expect(proposals).toHaveLength(4);
    for (const p of proposals) {
      expect(nearest(p)).toBeLessThanOrEqual(1);
      const ball = balls.find((b) => Math.hypot(p.x - b.x, p.y - b.y, p.z - b.z) <= 1)!;
      expect(Math.abs(p.diameterAngstrom - 10 * ball.diameter)).toBeLessThan(25);
    }
    for (let i = 1; i < proposals.length; i++) expect(proposals[i]!.score).toBeLessThanOrEqual(proposals[i - 1]!.score);
  });

  it("keeps a small particle beside a large one on a wide range (the recentring window is the candidate's size)", async () => {
    // 40 Å and 200 Å balls 16 voxels apart, asked for 30–260 Å: a d_max / 2 window (13 voxels)
    // pulled the small one's proposal towards the large one's response.
    const pair: Ball[] = [
      { x: 16, y: 32, z: 24, diameter: 4, contrast: -1.5 },
      { x: 32, y: 32, z: 24, diameter: 20, contrast: -1 },
    ];
    const scene = ballVolume([64, 64, 48], pair, 0.1, 5);
    const { proposals } = await proposeParticles(scene, { diameterAngstrom: [30, 260], autoMask: false, contextPass: false, topK: 2 });
    for (const ball of pair) expect(proposals.some((p) => Math.hypot(p.x - ball.x, p.y - ball.y, p.z - ball.z) <= 1)).toBe(true);
  });

  it("recentres within the candidate's d_best, at most d_max / 2", () => {
    expect(recentreRadius(4, 26)).toBe(4);
    expect(recentreRadius(20, 26)).toBe(13);
  });

  it('is deterministic', async () => {
    const a = await proposeParticles(volume, { ...options, topK: 10 });
    const b = await proposeParticles(volume, { ...options, topK: 10 });
    expect(b.proposals).toEqual(a.proposals);
  });

  it('finds bright balls with bright polarity and not with dark', async () => {
    const bright = ballVolume(shape, balls.map((b) => ({ ...b, contrast: 1 })), 0.3, 4);
    const withBright = await proposeParticles(bright, { ...options, polarity: 'bright', topK: 4 });
    expect(withBright.proposals.every((p) => nearest(p) <= 1)).toBe(true);
    const withDark = await proposeParticles(bright, { ...options, topK: 4 });
    expect(withDark.proposals.filter((p) => nearest(p) <= 1).length).toBeLessThan(2);
  });

  it('drops proposals outside a user mask', async () => {
    const userMask = new Uint8Array(volume.data.length).fill(1);
    for (let z = 0; z < shape[2]; z++) for (let y = 0; y < 24; y++) for (let x = 0; x < 24; x++) userMask[x + 48 * (y + 48 * z)] = 0;
    const { proposals } = await proposeParticles(volume, { ...options, userMask, topK: 4 });
    expect(proposals.some((p) => p.x < 24 && p.y < 24)).toBe(false);
    expect(proposals.filter((p) => nearest(p) <= 1)).toHaveLength(3);
  });

  it('re-selects with another threshold and K without filtering again', async () => {
    const field = await computeProposalField(volume, options);
    expect(field.scales.diameters).toHaveLength(11);
    expect(field.maximaScores.length).toBeGreaterThan(4);
    const strict = selectProposals(field, { threshold: Infinity });
    expect(strict.proposals).toHaveLength(0);
    const loose = selectProposals(field, { threshold: -Infinity, expectedCount: 2 });
    expect(loose.proposals).toHaveLength(3);
    expect(selectProposals(field).threshold).toBe(field.defaultThreshold);
  });

  it('reports progress and honours cancellation', async () => {
    const fractions: number[] = [];
    await proposeParticles(volume, options, { onProgress: (f) => fractions.push(f) });
    expect(fractions.at(-1)).toBe(1);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]!).toBeGreaterThanOrEqual(fractions[i - 1]!);
    const controller = new AbortController();
    const run = proposeParticles(volume, options, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toThrow();
  });

  it('finds a particle whose centre is hidden in LoG_best by a dense detail beside it', async () => {
    // A faint 140 Å particle with a dense 30 Å feature 30 Å off its centre (a metal cluster, a
    // barrel's rim): at the voxels next to the particle's own maximum the feature's fine scale
    // wins LoG_best, so the particle's centre is no maximum of LoG_best. Its maximum over the
    // in-range scales is, and its best scale there is in the range.
    const particle = { x: 20, y: 20, z: 20 };
    const lumpy = ballVolume([40, 40, 40], [{ ...particle, diameter: 14, contrast: -0.5 }, { x: 23, y: 20, z: 20, diameter: 3, contrast: -4 }], 0.3, 5);
    const { proposals } = await proposeParticles(lumpy, { diameterAngstrom: [90, 160], autoMask: false, topK: 3 });
    const hits = proposals.filter((p) => Math.hypot(p.x - particle.x, p.y - particle.y, p.z - particle.z) <= 3.5);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.diameterAngstrom).toBeGreaterThanOrEqual(90);
  });

  it('leaves out blobs on the rim of an object larger than the bank, and keeps isolated ones', async () => {
    // Range 30–60 Å at 10 Å voxels (d_max = 6 voxels): the bank's coarsest scale is 12 voxels, the
    // dark ball is 24 (4·d_max), so its peaks saturate at d_best = 12 and sit off its centre. Six
    // 40 Å bumps sit on its surface (parts), three more stand alone (particles).
    const { scene, rim, isolated, near } = rimScene({ x: 32, y: 32, z: 32, diameter: 24, contrast: -1 }, [[8, 8, 8], [56, 8, 56], [8, 56, 56]]);
    const { proposals } = await proposeParticles(scene, { diameterAngstrom: [30, 60], autoMask: false, topK: 9 });
    const on = (blobs: Ball[]) => near(proposals, blobs);
    expect(on(isolated)).toBe(3);
    expect(on(rim)).toBe(0);
  });

  it('leaves out blobs on an object far larger than the bank (context pass), and keeps isolated ones', async () => {
    // Range 30–60 Å at 10 Å voxels: the ball is 360 Å (6·d_max), three times the bank's coarsest
    // scale, and faint next to its bumps (as a ribosome's body next to its stalks after the CTF).
    // Its bank peaks saturate at 120 Å around its inner rim and are not clearly significant, so the
    // surface bumps lie beyond their reach; the context pass sees the ball whole (on a 2× binned
    // copy; its d_best saturates at 285 Å, the largest scale that fits twice in 640 Å) and
    // suppresses them.
    const object = { x: 32, y: 32, z: 32, diameter: 36, contrast: -0.4 };
    const { scene, rim, isolated, near: on } = rimScene(object, [[6, 6, 6], [58, 6, 58], [6, 58, 58]]);
    const sceneOptions = { diameterAngstrom: [30, 60] as [number, number], autoMask: false, topK: 9 };

    const field = await computeProposalField(scene, sceneOptions);
    // Found whole at its centre (a uniform ball's edge also gives rim objects at ~140 Å).
    const whole = field.largeObjects.filter((o) => Math.hypot(o.x - object.x, o.y - object.y, o.z - object.z) <= 2);
    expect(whole).toHaveLength(1);
    expect(whole[0]!.diameterAngstrom).toBeGreaterThan(240);
    const { proposals } = selectProposals(field, sceneOptions);
    expect(on(proposals, isolated)).toBe(3);
    expect(on(proposals, rim)).toBe(0);

    // The bank's own above-range peaks are not enough here.
    const without = await proposeParticles(scene, { ...sceneOptions, contextPass: false });
    expect(on(without.proposals, isolated)).toBe(3);
    expect(on(without.proposals, rim)).toBeGreaterThan(0);
  });

  it('ranks faint small balls above a stronger dark sheet (a membrane, a CTF fringe): compactness', async () => {
    const small: Ball[] = [
      { x: 12, y: 12, z: 12, diameter: 6, contrast: -1 },
      { x: 36, y: 14, z: 13, diameter: 6, contrast: -1 },
      { x: 14, y: 36, z: 12, diameter: 6, contrast: -1 },
      { x: 36, y: 36, z: 13, diameter: 6, contrast: -1 },
    ];
    const scene = ballVolume([48, 48, 40], small, 0.25, 6);
    const data = scene.data as Float32Array;
    // A sheet 4 voxels thick at z = 26–29, twice the balls' contrast: its LoG is as strong everywhere along it.
    for (let z = 26; z < 30; z++) data.fill(-2, 48 * 48 * z, 48 * 48 * (z + 1));
    const sheetScene = { ...scene, stats: computeStats({ dtype: 'float32', data }) };
    const request = { diameterAngstrom: [40, 80] as [number, number], autoMask: false, contextPass: false, topK: 4 };
    const onBalls = (proposals: readonly { x: number; y: number; z: number }[]) =>
      proposals.filter((p) => small.some((b) => Math.hypot(p.x - b.x, p.y - b.y, p.z - b.z) <= 1.5)).length;
    // The default ranks by LoG_best × compactness.
    const weighted = await proposeParticles(sheetScene, request);
    expect(onBalls(weighted.proposals)).toBe(4);
    expect(weighted.proposals.every((p) => p.compactness > 0.5)).toBe(true);
    // UPicker's plain LoG_best: the sheet's peaks outrank the balls.
    const plain = await proposeParticles(sheetScene, { ...request, compactness: false });
    expect(plain.proposals.every((p) => p.compactness === 1 && p.score === p.logBest)).toBe(true);
    expect(onBalls(plain.proposals)).toBeLessThan(2);
  });

  it('rejects bad input with clear messages', async () => {
    await expect(proposeParticles(volume, { ...options, userMask: new Uint8Array(3) })).rejects.toThrow(/mask has 3 voxels/);
    await expect(proposeParticles({ ...volume, voxelSize: [0, 0, 0] }, options)).rejects.toThrow(/voxel size/);
    expect(() => resolveTopK({ topK: 0 })).toThrow(/positive integer/);
  });
});
