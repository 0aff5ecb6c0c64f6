/**
 * Issue 2 must-show: the real RELION-5 picks of the cylindra project land on the real microtubule
 * tomogram they were picked on. tomograms.star gives TS_01 a size (84×136×44) that differs from the
 * opened 13pf_MT.tif; the opened tomogram wins and the user is warned.
 */
import { openAsBlob, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { referencePath } from '../../testing/reference-paths.ts';
import { isInsideVolume, meanInSphere } from '../volume/sample.ts';
import { voxelIndex, voxelValue, type Volume } from '../volume/volume.ts';
import { readCoordinates, readRelionTomogramsStar } from './coords/registry.ts';
import { openVolume } from './open-volume.ts';

const jobs = 'star/relion5_cylindra_jobs';

/**
 * Mean intensity by distance (whole voxels) from the axis through the first and last pick, over
 * the segment between them. cylindra's picks run along the microtubule axis, so the profile shows the
 * hollow lumen near 0 and the bright protein wall at the microtubule radius (~11 nm).
 */
function radialProfile(volume: Volume, a: number[], b: number[], maxDistance: number): number[] {
  const axis = [b[0]! - a[0]!, b[1]! - a[1]!, b[2]! - a[2]!];
  const length2 = axis[0]! ** 2 + axis[1]! ** 2 + axis[2]! ** 2;
  const sums = new Array<number>(maxDistance).fill(0);
  const counts = new Array<number>(maxDistance).fill(0);
  for (let z = 0; z < volume.nz; z++) {
    for (let y = 0; y < volume.ny; y++) {
      for (let x = 0; x < volume.nx; x++) {
        const d = [x - a[0]!, y - a[1]!, z - a[2]!];
        const t = (d[0]! * axis[0]! + d[1]! * axis[1]! + d[2]! * axis[2]!) / length2;
        if (t < 0 || t > 1) continue;
        const r = Math.hypot(d[0]! - t * axis[0]!, d[1]! - t * axis[1]!, d[2]! - t * axis[2]!);
        const bin = Math.floor(r);
        if (bin >= maxDistance) continue;
        sums[bin]! += voxelValue(volume, voxelIndex(volume, x, y, z));
        counts[bin]! += 1;
      }
    }
  }
  return sums.map((s, i) => s / counts[i]!);
}

async function importOnto(tif: string) {
  const { volume } = await openVolume(await openAsBlob(referencePath(`tomograms/cylindra_microtubules/${tif}`)), tif);
  const tomograms = readRelionTomogramsStar(readFileSync(referencePath(`${jobs}/Tomograms/job_tomo/tomograms.star`), 'utf8'));
  const imported = readCoordinates('particles.star', readFileSync(referencePath(`${jobs}/Picks/job_picks/particles.star`)), {
    tomoSize: [volume.nx, volume.ny, volume.nz],
    voxelSize: volume.voxelSize[0],
    tomoName: tif,
    relionTomograms: tomograms,
  });
  const inside = imported.records.filter((r) => isInsideVolume(volume, r.x, r.y, r.z));
  // Microtubule wall ≈ 5 nm thick: a 2-voxel (21 Å) sphere samples the density under the pick.
  const atPicks = inside.map((r) => meanInSphere(volume, r.x, r.y, r.z, 2));
  const meanAtPicks = atPicks.reduce((a, b) => a + b, 0) / atPicks.length;
  const ends = [inside[0]!, inside[inside.length - 1]!].map((r) => [r.x, r.y, r.z]);
  const profile = radialProfile(volume, ends[0]!, ends[1]!, 16);
  const wallRadius = profile.indexOf(Math.max(...profile));
  const report = {
    tif,
    size: [volume.nx, volume.ny, volume.nz],
    picks: imported.records.length,
    inside: inside.length,
    meanAtPicks,
    tomogramMean: volume.stats.mean,
    tomogramSd: volume.stats.rms,
    radialProfile: profile.map((v) => Math.round(v * 10) / 10),
    wallRadiusVoxels: wallRadius,
  };
  console.log(JSON.stringify(report));
  return { volume, imported, report };
}

/** Protein is bright in these crops: the lumen under the picks is dim, the wall ~1 nm further out bright. */
function expectOnMicrotubuleAxis(report: { radialProfile: number[]; wallRadiusVoxels: number; tomogramMean: number; tomogramSd: number }) {
  const { radialProfile: profile, wallRadiusVoxels: wall, tomogramMean: mean, tomogramSd: sd } = report;
  expect(wall).toBeGreaterThanOrEqual(7); // 13/14-protofilament microtubules: wall at 10–12 nm = 9.5–11.4 voxels
  expect(wall).toBeLessThanOrEqual(13);
  expect(profile[wall]!).toBeGreaterThan(mean + 0.5 * sd);
  expect(profile[0]!).toBeLessThan(profile[wall]! - 0.5 * sd);
}

describe('cylindra RELION-5 picks on the real microtubule tomograms', () => {
  it('13pf_MT.tif: TS_01 picks import, all inside, on density darker than average; size mismatch warned', async () => {
    const { imported, report } = await importOnto('13pf_MT.tif');
    expect(imported.records.every((r) => r.tomogram === 'TS_01')).toBe(true);
    expect(report.picks).toBe(3);
    expect(report.inside).toBe(3);
    expect(imported.warnings.join('\n')).toMatch(/84×136×44.*94×206×36.*using the opened tomogram/);
    expect(imported.warnings.join('\n')).not.toMatch(/TS_02/);
    expectOnMicrotubuleAxis(report);
  });

  it('14pf_MT.tif: TS_02 picks import inside, no warning since sizes agree', async () => {
    const { imported, report } = await importOnto('14pf_MT.tif');
    expect(report.picks).toBe(2);
    expect(report.inside).toBe(2);
    expect(imported.warnings).toEqual([]);
    expectOnMicrotubuleAxis(report);
  });
});
