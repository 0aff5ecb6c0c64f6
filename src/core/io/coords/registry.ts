/**
 * The one entry point for coordinate files: detect the format, read to records in 0-based voxels,
 * write records back out. Each format lives in its own file; this file only dispatches.
 */
import {
  CoordinateFormatError,
  type CoordinateContext,
  type CoordinateFormat,
  type CoordinateImport,
  type CoordinateRecord,
} from './types.ts';
import { detectFromContent } from './detect.ts';
import { readRelion, writeRelion } from './relion.ts';
import { readCsv, writeCsv } from './csv.ts';
import { readImodText, writeImodText } from './imod-text.ts';
import { readCopick, writeCopick } from './copick.ts';
import { readCzNdjson, writeCzNdjson } from './cz-ndjson.ts';
import { readImodMod } from './imod-mod.ts';
import { readDynamoTbl } from './dynamo-tbl.ts';
import { readDeepFinderXml } from './deepfinder-xml.ts';
import { readShrecText } from './shrec-text.ts';
import { filterByTomogram } from './tomogram-name.ts';

export type {
  CoordinateContext,
  CoordinateFormat,
  CoordinateImport,
  CoordinateRecord,
  RelionTomogramInfo,
} from './types.ts';
export { CoordinateFormatError } from './types.ts';
export { readRelionTomogramsStar, writeRelionTomogramsStar, writeRelionOptimisationSet } from './relion-tomograms.ts';

export const WRITABLE_FORMATS: readonly CoordinateFormat[] = [
  'relion5',
  'relion4',
  'relion3',
  'coords',
  'csv',
  'copick',
  'ndjson',
];

/** Usual file extension for each writable format (used to pick a format from an output name). */
export const FORMAT_EXTENSIONS: Readonly<Record<string, CoordinateFormat>> = {
  '.star': 'relion5',
  '.coords': 'coords',
  '.csv': 'csv',
  '.json': 'copick',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
};

/** Throws CoordinateFormatError with the reason when the file is not a coordinates file we read. */
export function detectCoordinateFormat(fileName: string, bytes: Uint8Array): CoordinateFormat {
  return detectFromContent(fileName, bytes);
}

export function readCoordinates(fileName: string, bytes: Uint8Array, ctx: CoordinateContext = {}): CoordinateImport {
  const format = detectCoordinateFormat(fileName, bytes);
  const result = readAs(format, fileName, bytes, ctx);
  const warnings = [...result.warnings];
  const records = ctx.tomoName ? filterByTomogram(result.records, ctx.tomoName, fileName, warnings, ctx.relionTomograms) : result.records;
  return { format, records, warnings };
}

function readAs(
  format: CoordinateFormat,
  fileName: string,
  bytes: Uint8Array,
  ctx: CoordinateContext,
): { records: CoordinateRecord[]; warnings: string[] } {
  switch (format) {
    case 'relion5':
    case 'relion4':
    case 'relion3':
      return readRelion(format, fileName, bytes, ctx);
    case 'csv':
      return readCsv(fileName, bytes, ctx);
    case 'coords':
      return readImodText(fileName, bytes, ctx);
    case 'copick':
      return readCopick(fileName, bytes, ctx);
    case 'ndjson':
      return readCzNdjson(fileName, bytes, ctx);
    case 'imod-mod':
      return readImodMod(fileName, bytes, ctx);
    case 'dynamo-tbl':
      return readDynamoTbl(fileName, bytes, ctx);
    case 'deepfinder-xml':
      return readDeepFinderXml(fileName, bytes, ctx);
    case 'shrec-text':
      return readShrecText(fileName, bytes, ctx);
  }
}

/** Text of the file in `format`; throws CoordinateFormatError when a needed value (voxel size…) is missing. */
export function writeCoordinates(
  format: CoordinateFormat,
  records: CoordinateRecord[],
  ctx: CoordinateContext = {},
): string {
  switch (format) {
    case 'relion5':
    case 'relion4':
    case 'relion3':
      return writeRelion(format, records, ctx);
    case 'csv':
      return writeCsv(records);
    case 'coords':
      return writeImodText(records);
    case 'copick':
      return writeCopick(records, ctx);
    case 'ndjson':
      return writeCzNdjson(records);
    case 'imod-mod':
    case 'dynamo-tbl':
    case 'deepfinder-xml':
    case 'shrec-text':
      throw new CoordinateFormatError(
        `${format} is read-only here; write one of: ${WRITABLE_FORMATS.join(', ')}`,
      );
  }
}
