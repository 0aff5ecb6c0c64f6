/** `tomopick info FILE [--json] [--bin 2|4] [--volume N]`: what a tomogram file holds. */
import { basename } from 'node:path';
import { CliError, type CliCommand } from '../command.ts';
import { parseCommandArgs } from '../parse-args.ts';
import { openFileSource, type FileByteSource } from '../file-source.ts';
import { openVolume, type OpenedVolume } from '../../core/io/open-volume.ts';
import type { BinFactor } from '../../core/volume/bin.ts';
import { modeForDtype } from '../../core/io/mrc/mrc-mode.ts';
import { describeSignedness } from '../../core/io/mrc/signedness.ts';

const usage = `Usage: tomopick info FILE [--json] [--bin 2|4] [--volume N]

Prints dimensions, mode, voxel size (Å), origin (Å), min/max/mean/rms computed from the data,
the mode-0 signedness rule that applied, and warnings. Reads MRC/CCP4 (.mrc .map .ccp4 .rec .st,
also gzipped) and TIFF stacks (.tif .tiff).

  --json        print one JSON object {nx, ny, nz, mode, voxelSize, origin, min, max, mean, rms,
                signed?, warnings, ...}
  --bin N       bin by 2 or 4 while reading (figures then describe the binned volume)
  --volume N    volume of an MRC volume stack to open (0-based, default 0)`;

function parseBin(text: string | undefined): BinFactor {
  if (text === undefined) return 1;
  if (text === '1' || text === '2' || text === '4') return Number(text) as BinFactor;
  throw new CliError(`--bin expects 1, 2 or 4, got "${text}"`, 2);
}

function parseVolumeIndex(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new CliError(`--volume expects a non-negative integer, got "${text}"`, 2);
  return n;
}

/** DESIGN.md §7 fields first, then extras. `mode` is the MRC mode, or for TIFF the mode of its dtype. */
export function infoJson(opened: OpenedVolume, file: string, bin: BinFactor): Record<string, unknown> {
  const { volume, header } = opened;
  // Signedness belongs to the file's bytes, so it is reported even when binning made the volume float32.
  const signed = header ? (header.mode === 0 ? header.int8Signed : undefined) : volume.dtype === 'int8' || volume.dtype === 'uint8' ? volume.dtype === 'int8' : undefined;
  return {
    nx: volume.nx,
    ny: volume.ny,
    nz: volume.nz,
    mode: header ? header.mode : modeForDtype(volume.dtype),
    voxelSize: volume.voxelSize,
    origin: volume.origin,
    min: volume.stats.min,
    max: volume.stats.max,
    mean: volume.stats.mean,
    rms: volume.stats.rms,
    ...(signed === undefined ? {} : { signed }),
    warnings: opened.warnings,
    file,
    format: opened.format,
    dtype: volume.dtype,
    bin,
    nonFinite: volume.stats.nonFinite,
    ...(header && header.mode === 0 ? { signednessRule: header.signednessRule } : {}),
    ...(header ? { byteOrder: header.littleEndian ? 'little' : 'big', byteOrderSource: header.byteOrderSource, mapcrs: [header.mapc, header.mapr, header.maps] } : {}),
  };
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toPrecision(6).replace(/\.?0+$/, ''));

function infoText(opened: OpenedVolume, file: string, bin: BinFactor): string {
  const { volume: v, header } = opened;
  const lines = [
    `file        ${file}`,
    `format      ${opened.format.toUpperCase()}${header ? ` mode ${header.mode}, ${header.littleEndian ? 'little' : 'big'}-endian (${header.byteOrderSource})` : ''}`,
    `dtype       ${v.dtype}${bin > 1 ? ` (binned ${bin}× on load)` : ''}`,
    `dimensions  ${v.nx} × ${v.ny} × ${v.nz} (x, y, z)`,
    `voxel size  ${v.voxelSize.map(fmt).join(' × ')} Å`,
    `origin      ${v.origin.map(fmt).join(', ')} Å`,
    `min / max   ${fmt(v.stats.min)} / ${fmt(v.stats.max)}`,
    `mean / rms  ${fmt(v.stats.mean)} / ${fmt(v.stats.rms)}`,
  ];
  if (header && header.mode === 0) lines.push(`signedness  ${describeSignedness({ signed: header.int8Signed, rule: header.signednessRule })}`);
  if (v.stats.nonFinite > 0) lines.push(`non-finite  ${v.stats.nonFinite} voxels (left out of the statistics)`);
  for (const w of opened.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}

async function openFile(file: string): Promise<FileByteSource> {
  try {
    return await openFileSource(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === undefined) throw new CliError((err as Error).message); // ours, already naming the file
    throw new CliError(`cannot open ${file}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
}

export const infoCommand: CliCommand = {
  name: 'info',
  summary: 'Show dimensions, voxel size, statistics and warnings of a tomogram (MRC/CCP4/TIFF)',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { json: { type: 'boolean' }, bin: { type: 'string' }, volume: { type: 'string' } },
      usage,
    );
    if (positionals.length !== 1) throw new CliError(`expected exactly one FILE, got ${positionals.length}\n\n${usage}`, 2);
    const file = positionals[0]!;
    const bin = parseBin(values.bin);
    const volumeIndex = parseVolumeIndex(values.volume);
    const source = await openFile(file);
    let opened: OpenedVolume;
    try {
      opened = await openVolume(source, basename(file), { bin, volumeIndex });
    } catch (err) {
      throw new CliError((err as Error).message);
    } finally {
      await source.close();
    }
    io.stdout(values.json ? JSON.stringify(infoJson(opened, file, bin)) : infoText(opened, file, bin));
    return 0;
  },
};
