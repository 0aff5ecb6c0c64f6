import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { debianPython, referencePath } from '../../testing/reference-paths.ts';
import type { CliIO } from '../command.ts';
import { simulateCommand } from './simulate.ts';

const out = mkdtempSync(join(tmpdir(), 'tomopick-simulate-ref-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const io: CliIO & { err: string[] } = { err: [], stdout: () => {}, stderr: (t) => io.err.push(t) };
const run = simulateCommand.run(
  ['--out', out, '--case', 'demo', '--shape', '128,128,32', '--voxel', '20', '--particles', '8', '--templates', referencePath('templates/polnet_10A')],
  io,
);

function python(script: string): string {
  return execFileSync(debianPython, ['-c', script], { encoding: 'utf8' });
}

describe('tomopick simulate with the polnet templates', () => {
  it('renders every species from its density map', async () => {
    expect(await run).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'simulation.json'), 'utf8'));
    expect(summary.templatesUsed).toEqual(['ribosome', 'proteasome', 'lobed', 'tiny']);
    // Radii come from the maps (4v4r ribosome ≈ 16 map voxels of 10 Å from its centre), not the procedural sizes.
    const ribosome = summary.classes[0];
    expect(ribosome.radiusAngstrom).toBeGreaterThan(140);
    expect(ribosome.radiusAngstrom).toBeLessThan(200);
    expect(summary.counts.reduce((n: number, c: { placed: number }) => n + c.placed, 0)).toBe(8);
  });

  it('writes MRC files that mrcfile validates, with the expected modes and values', async () => {
    await run;
    const report = python(`
import mrcfile, sys, json, numpy as np
ok = [mrcfile.validate(p, print_file=open('/dev/null', 'w')) for p in ('${out}/tomogram.mrc', '${out}/labels.mrc')]
t = mrcfile.open('${out}/tomogram.mrc'); l = mrcfile.open('${out}/labels.mrc')
print(json.dumps({'ok': ok, 'mode': [int(t.header.mode), int(l.header.mode)], 'shape': list(t.data.shape),
  'voxel': float(t.voxel_size.x), 'mean': float(t.data.mean()), 'sd': float(t.data.std()),
  'labels': sorted(int(v) for v in np.unique(l.data))}))
`);
    const r = JSON.parse(report);
    expect(r.ok).toEqual([true, true]);
    expect(r.mode).toEqual([2, 0]);
    expect(r.shape).toEqual([32, 128, 128]);
    expect(r.voxel).toBeCloseTo(20, 4);
    expect(r.mean).toBeCloseTo(0, 3);
    expect(r.sd).toBeCloseTo(1, 3);
    expect(r.labels).toEqual([0, 1, 2, 3, 4]);
  });

  it('writes a truth.star that gemmi parses, with RELION 5 centred coordinates', async () => {
    await run;
    const report = python(`
import gemmi, json
doc = gemmi.cif.read_file('${out}/truth.star')
table = doc.find_block('particles').find('_rln', ['TomoName', 'CenteredCoordinateXAngst', 'CenteredCoordinateZAngst', 'AngleTilt', 'ClassNumber'])
print(json.dumps([[row[0], float(row[1]), float(row[2]), float(row[3]), int(row[4])] for row in table]))
`);
    const rows = JSON.parse(report) as [string, number, number, number, number][];
    const summary = JSON.parse(readFileSync(join(out, 'simulation.json'), 'utf8'));
    expect(rows).toHaveLength(8);
    rows.forEach(([name, x, z, tilt, cls], i) => {
      const p = summary.particles[i];
      expect(name).toBe('demo');
      expect(x).toBeCloseTo((p.x - 64) * 20, 1);
      expect(z).toBeCloseTo((p.z - 16) * 20, 1);
      expect(tilt).toBeCloseTo(p.relionAngles[1], 3);
      expect(cls).toBe(p.classId);
    });
  });
});
