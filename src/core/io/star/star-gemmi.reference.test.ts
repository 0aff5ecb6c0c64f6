/**
 * STAR we write must parse with a third-party parser (gemmi, Debian python3-gemmi) and our RELION 5
 * export must match the cylindra RELION-5 reference: same block name, same coordinate columns in
 * the same order, and the same values when we re-export what we imported from it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { debianPython, referencePath } from '../../../testing/reference-paths.ts';
import { readCoordinates, readRelionTomogramsStar, writeCoordinates } from '../coords/registry.ts';
import type { CoordinateContext, CoordinateRecord } from '../coords/types.ts';

interface GemmiLoop {
  tags: string[];
  rows: string[][];
}
interface GemmiBlock {
  name: string;
  loops: GemmiLoop[];
  pairs: [string, string][];
}

const GEMMI_DUMP = `
import json, sys, gemmi
out = []
for path in sys.argv[1:]:
    blocks = []
    for block in gemmi.cif.read_file(path):
        loops, pairs = [], []
        for item in block:
            if item.loop is not None:
                loop = item.loop
                width = loop.width()
                values = [gemmi.cif.as_string(v) for v in loop.values]
                loops.append({'tags': list(loop.tags), 'rows': [values[i:i + width] for i in range(0, len(values), width)]})
            elif item.pair is not None:
                pairs.append([item.pair[0], gemmi.cif.as_string(item.pair[1])])
        blocks.append({'name': block.name, 'loops': loops, 'pairs': pairs})
    out.append(blocks)
print(json.dumps(out))
`;

function gemmiRead(...paths: string[]): GemmiBlock[][] {
  const stdout = execFileSync(debianPython, ['-c', GEMMI_DUMP, ...paths], { encoding: 'utf8' });
  return JSON.parse(stdout) as GemmiBlock[][];
}

const dir = mkdtempSync(join(tmpdir(), 'tomopick-gemmi-'));
const cylindraParticles = referencePath('star/relion5_cylindra_jobs/Picks/job_picks/particles.star');
const cylindraCtx: CoordinateContext = {
  relionTomograms: readRelionTomogramsStar(
    readFileSync(referencePath('star/relion5_cylindra_jobs/Tomograms/job_tomo/tomograms.star'), 'utf8'),
  ),
};

describe('STAR files we write, read by gemmi', () => {
  it('parses our RELION 5, 4 and 3 exports with the values we meant', () => {
    const records: CoordinateRecord[] = [
      { tomogram: 'TS 1', x: 10.5, y: 20, z: 5, classId: 2, score: 0.25, angles: [10, 20, 30] },
      { tomogram: 'TS 1', x: 0, y: 0, z: 0 },
    ];
    const ctx: CoordinateContext = { tomoSize: [100, 100, 50], voxelSize: 10, binning: 2 };
    const paths = (['relion5', 'relion4', 'relion3'] as const).map((format) => {
      const path = join(dir, `${format}.star`);
      writeFileSync(path, writeCoordinates(format, records, ctx));
      return path;
    });
    const [r5, r4, r3] = gemmiRead(...paths);
    expect(r5?.[0]?.loops[0]?.tags).toEqual([
      '_rlnTomoName', '_rlnCenteredCoordinateXAngst', '_rlnCenteredCoordinateYAngst', '_rlnCenteredCoordinateZAngst',
      '_rlnAngleRot', '_rlnAngleTilt', '_rlnAnglePsi', '_rlnClassNumber', '_rlnAutopickFigureOfMerit',
    ]);
    expect(r5?.[0]?.loops[0]?.rows[0]).toEqual(['TS 1', '-395.000000', '-300.000000', '-200.000000', '10.000000', '20.000000', '30.000000', '2', '0.250000']);
    expect(r4?.[0]?.loops[0]?.tags.slice(0, 4)).toEqual(['_rlnTomoName', '_rlnCoordinateX', '_rlnCoordinateY', '_rlnCoordinateZ']);
    expect(r4?.[0]?.loops[0]?.rows[0]?.slice(0, 4)).toEqual(['TS 1', '21.000000', '40.000000', '10.000000']);
    expect(r3?.[0]?.loops[0]?.tags[0]).toBe('_rlnMicrographName');
    expect(r3?.[0]?.loops[0]?.rows[1]?.slice(0, 4)).toEqual(['TS 1', '0.000000', '0.000000', '0.000000']);
  });

  it('re-exports the cylindra RELION-5 picks with its block, columns and values', () => {
    const imported = readCoordinates(cylindraParticles, new Uint8Array(readFileSync(cylindraParticles)), cylindraCtx);
    const ours = join(dir, 'cylindra-again.star');
    writeFileSync(ours, writeCoordinates('relion5', imported.records, cylindraCtx));
    const [reference, again] = gemmiRead(cylindraParticles, ours);
    expect(again?.map((b) => b.name)).toEqual(reference?.map((b) => b.name));
    const refLoop = reference?.[0]?.loops[0];
    const ourLoop = again?.[0]?.loops[0];
    expect(ourLoop?.tags).toEqual(refLoop?.tags);
    expect(ourLoop?.rows.length).toBe(refLoop?.rows.length);
    refLoop?.rows.forEach((row, i) => {
      const mine = ourLoop?.rows[i] ?? [];
      expect(mine[0]).toBe(row[0]);
      for (let c = 1; c < 4; c++) expect(Number(mine[c])).toBeCloseTo(Number(row[c]), 5);
    });
  });
});
