import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError, type CliIO } from '../command.ts';
import { convertCommand } from './convert.ts';

function capture(): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
}

const dir = mkdtempSync(join(tmpdir(), 'tomopick-convert-'));
const tomograms = join(dir, 'tomograms.star');
writeFileSync(
  tomograms,
  'data_global\nloop_\n_rlnTomoName\n_rlnTomoTiltSeriesPixelSize\n_rlnTomoTomogramBinning\n_rlnTomoSizeX\n_rlnTomoSizeY\n_rlnTomoSizeZ\nTS 10 1 100 100 50\n',
);
const particles = join(dir, 'particles.star');
writeFileSync(
  particles,
  'data_particles\nloop_\n_rlnTomoName\n_rlnCenteredCoordinateXAngst\n_rlnCenteredCoordinateYAngst\n_rlnCenteredCoordinateZAngst\nTS 100 -100 0\n',
);

describe('tomopick convert', () => {
  it('converts RELION 5 to CSV using the tomograms.star beside the input', async () => {
    const io = capture();
    const out = join(dir, 'out.csv');
    expect(await convertCommand.run([particles, out], io)).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('x,y,z,class,score,tomogram\n60,40,25,,,TS\n');
    expect(io.out[0]).toMatch(/1 particle\(s\): relion5 → csv/);
    expect(io.err[0]).toMatch(/using tomogram sizes from/);
  });

  it('converts CSV to RELION 4 with --binning and back to RELION 5 with an explicit size', async () => {
    const csv = join(dir, 'in.csv');
    writeFileSync(csv, 'x,y,z\n10,20,30\n');
    const star4 = join(dir, 'out4.star');
    expect(await convertCommand.run([csv, star4, '--to', 'relion4', '--binning', '2', '--tomo-name', 'TS'], capture())).toBe(0);
    expect(readFileSync(star4, 'utf8')).toContain('TS\t20.000000\t40.000000\t60.000000');
    const star5 = join(dir, 'out5.star');
    expect(await convertCommand.run([csv, star5, '--tomo-size', '100,100,50', '--voxel', '10'], capture())).toBe(0);
    expect(readFileSync(star5, 'utf8')).toContain('in\t-400.000000\t-300.000000\t50.000000');
  });

  it('fails naming the flag to add when a value is missing', async () => {
    const csv = join(dir, 'in2.csv');
    writeFileSync(csv, 'x,y,z\n1,2,3\n');
    await expect(convertCommand.run([csv, join(dir, 'o.star')], capture())).rejects.toThrow(/--voxel/);
    await expect(convertCommand.run([csv, join(dir, 'o.star'), '--voxel', '10'], capture())).rejects.toThrow(/--tomo-size/);
    await expect(convertCommand.run([csv, join(dir, 'o.json')], capture())).rejects.toThrow(/--voxel/);
    await expect(convertCommand.run([csv, join(dir, 'o.xyz')], capture())).rejects.toThrow(/add --to/);
    await expect(convertCommand.run([join(dir, 'missing.csv'), join(dir, 'o.csv')], capture())).rejects.toThrow(/cannot read input .*ENOENT/);
  });

  it('refuses files that are not coordinates with a CliError', async () => {
    const error = await convertCommand.run([tomograms, join(dir, 'o.csv')], capture()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toMatch(/tomogram set/);
  });
});
