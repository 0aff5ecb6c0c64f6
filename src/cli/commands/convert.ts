import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { CliError, type CliCommand, type CliIO } from '../command.ts';
import { parseCommandArgs, parseNumberList, parsePositiveNumber } from '../parse-args.ts';
import {
  CoordinateFormatError,
  FORMAT_EXTENSIONS,
  WRITABLE_FORMATS,
  readCoordinates,
  readRelionTomogramsStar,
  writeCoordinates,
  type CoordinateContext,
  type CoordinateFormat,
} from '../../core/io/coords/registry.ts';

const usage = `Usage: tomopick convert IN OUT [options]

Converts particle coordinates between formats. IN's format is detected from its name and content
(RELION 3/4/5 STAR, CSV, IMOD point list or binary .mod, copick JSON, CZ portal ndjson, Dynamo
.tbl, DeepFinder XML, SHREC text). OUT's format comes from --to or OUT's extension
(.star → relion5, .csv, .coords, .json → copick, .ndjson). Units and origins: docs/formats.md.

Options:
  --to FORMAT           ${WRITABLE_FORMATS.join(' | ')}
  --tomo-size NX,NY,NZ  tomogram size in voxels (RELION 5 centred coordinates); wins over tomograms.star
  --voxel Å             tomogram voxel size in Å (RELION 5, copick, origins in Å)
  --binning B           tomogram voxel / tilt-series pixel (RELION 4 coordinates; default 1)
  --tomo-name NAME      keep only this tomogram's rows; name to write
  --tomograms FILE      RELION tomograms.star with sizes and pixel sizes (default: tomograms.star next to IN)
  --center-minus-one    IN comes from RELION's own picker (centre at n/2 − 1 tilt-series pixel)
  --skip-bad-rows       skip malformed rows with a warning instead of failing`;

function outputFormat(outPath: string, to: string | undefined): CoordinateFormat {
  if (to !== undefined) {
    if (!(WRITABLE_FORMATS as readonly string[]).includes(to)) {
      throw new CliError(`--to must be one of ${WRITABLE_FORMATS.join(', ')}, got "${to}"`, 2);
    }
    return to as CoordinateFormat;
  }
  const byExtension = FORMAT_EXTENSIONS[extname(outPath).toLowerCase()];
  if (!byExtension) {
    throw new CliError(`cannot tell the output format from "${outPath}": add --to ${WRITABLE_FORMATS.join('|')}`, 2);
  }
  return byExtension;
}

async function readBytes(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (err) {
    throw new CliError(`cannot read ${what} "${path}": ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** Adds the tomogram table from --tomograms, or from a tomograms.star beside a STAR input. */
async function attachTomograms(ctx: CoordinateContext, inPath: string, explicit: string | undefined, io: CliIO) {
  const beside = join(dirname(inPath), 'tomograms.star');
  const path = explicit ?? (extname(inPath).toLowerCase() === '.star' && existsSync(beside) ? beside : undefined);
  if (!path) return;
  const text = new TextDecoder().decode(await readBytes(path, 'tomogram set'));
  ctx.relionTomograms = readRelionTomogramsStar(text, path);
  if (!explicit) io.stderr(`using tomogram sizes from ${path}`);
}

export const convertCommand: CliCommand = {
  name: 'convert',
  summary: 'convert particle coordinates between RELION 3/4/5, CSV, IMOD, copick, ndjson, …',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        to: { type: 'string' },
        'tomo-size': { type: 'string' },
        voxel: { type: 'string' },
        binning: { type: 'string' },
        'tomo-name': { type: 'string' },
        tomograms: { type: 'string' },
        'center-minus-one': { type: 'boolean' },
        'skip-bad-rows': { type: 'boolean' },
      },
      usage,
    );
    if (positionals.length !== 2) throw new CliError(`expected IN and OUT, got ${positionals.length} argument(s)\n\n${usage}`, 2);
    const [inPath, outPath] = positionals as [string, string];
    const format = outputFormat(outPath, values.to);
    const ctx: CoordinateContext = {};
    const voxel = parsePositiveNumber(values.voxel, '--voxel');
    if (voxel !== undefined) ctx.voxelSize = voxel;
    const binning = parsePositiveNumber(values.binning, '--binning');
    if (binning !== undefined) ctx.binning = binning;
    if (values['tomo-name'] !== undefined) ctx.tomoName = values['tomo-name'];
    if (values['center-minus-one']) ctx.centerMinusOne = true;
    if (values['skip-bad-rows']) ctx.skipMalformedRows = true;
    if (values['tomo-size'] !== undefined) {
      const size = parseNumberList(values['tomo-size'], 3, '--tomo-size');
      if (size.some((n) => !Number.isInteger(n) || n <= 0)) {
        throw new CliError(`--tomo-size expects three positive integers, got "${values['tomo-size']}"`, 2);
      }
      ctx.tomoSize = size as [number, number, number];
    }

    try {
      await attachTomograms(ctx, inPath, values.tomograms, io);
      const imported = readCoordinates(inPath, await readBytes(inPath, 'input'), ctx);
      for (const warning of imported.warnings) io.stderr(`warning: ${warning}`);
      const text = writeCoordinates(format, imported.records, ctx);
      await writeFile(outPath, text);
      io.stdout(`${imported.records.length} particle(s): ${imported.format} → ${format} in ${outPath}`);
      return 0;
    } catch (err) {
      if (err instanceof CoordinateFormatError) throw new CliError(err.message);
      throw err;
    }
  },
};
