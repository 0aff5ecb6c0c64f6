/**
 * Format detection from the file name and content. Files that are not coordinates (tilt angles,
 * mdoc, defocus, images, RELION tomogram sets…) are refused with a message saying what they are.
 */
import { parseStar } from '../star/star-parser.ts';
import { StarSyntaxError } from '../star/star-types.ts';
import { findParticleTable } from './relion-classify.ts';
import { isImodModel } from './imod-mod.ts';
import { contentLines, decodeText, extensionOf, parseFiniteNumber } from './text-lines.ts';
import { CoordinateFormatError, type CoordinateFormat } from './types.ts';

const NOT_COORDINATES: Record<string, string> = {
  '.mdoc': 'a SerialEM .mdoc (tilt-series acquisition metadata)',
  '.rawtlt': 'a list of tilt angles (.rawtlt)',
  '.tlt': 'a list of tilt angles (.tlt)',
  '.xtilt': 'a list of X-axis tilt angles',
  '.xf': 'an IMOD transform file (.xf)',
  '.defocus': 'an IMOD defocus file (.defocus)',
  '.doc': 'a Dynamo table map (.doc: tomogram index → file name); open the .tbl and name tomograms with --tomo-name',
  '.mrc': 'an image volume (MRC); open it as a tomogram',
  '.mrcs': 'an image stack (MRC)',
  '.rec': 'an image volume (MRC); open it as a tomogram',
  '.st': 'a tilt series (MRC)',
  '.map': 'an image volume (MRC/CCP4)',
  '.ccp4': 'an image volume (CCP4)',
  '.tif': 'an image (TIFF)',
  '.tiff': 'an image (TIFF)',
  '.eer': 'a movie (EER)',
};

const PREFIX = 'is not a coordinates file';

function refuse(fileName: string, what: string): never {
  throw new CoordinateFormatError(`${fileName} ${PREFIX}: it is ${what}`);
}

export function detectFromContent(fileName: string, bytes: Uint8Array): CoordinateFormat {
  const ext = extensionOf(fileName);
  if (isImodModel(bytes)) return 'imod-mod';
  const known = NOT_COORDINATES[ext];
  if (known) refuse(fileName, known);
  if (ext === '.mod') throw new CoordinateFormatError(`${fileName}: .mod file without the binary "IMOD" id (ASCII models are not read; use model2point)`);
  if (bytes.includes(0)) throw new CoordinateFormatError(`${fileName} ${PREFIX}: binary content of an unknown kind`);
  const text = decodeText(bytes);
  const lines = contentLines(text);
  const head = text.trimStart();
  if (ext === '.star' || /^(#[^\n]*\n\s*)*data_/.test(head)) return starFlavour(fileName, text);
  if (ext === '.tbl') return 'dynamo-tbl';
  if (ext === '.xml' || head.startsWith('<')) {
    if (/<objlist[\s>/]/.test(text)) return 'deepfinder-xml';
    refuse(fileName, 'XML without a DeepFinder <objlist>');
  }
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  if (ext === '.json' || head.startsWith('{')) return jsonFlavour(fileName, text, lines.length);
  if (lines.length === 0) throw new CoordinateFormatError(`${fileName}: empty file`);
  if (ext === '.csv' || ext === '.tsv') return 'csv';
  return plainTextFlavour(fileName, lines[0]?.text ?? '');
}

function starFlavour(fileName: string, text: string): CoordinateFormat {
  try {
    return findParticleTable(parseStar(text, fileName), fileName).flavour;
  } catch (err) {
    if (err instanceof StarSyntaxError) throw new CoordinateFormatError(err.message);
    throw err;
  }
}

function jsonFlavour(fileName: string, text: string, lineCount: number): CoordinateFormat {
  try {
    const doc = JSON.parse(text) as unknown;
    if (doc && typeof doc === 'object' && Array.isArray((doc as { points?: unknown }).points)) return 'copick';
    if (doc && typeof doc === 'object' && 'type' in doc && 'location' in doc) return 'ndjson';
  } catch {
    if (lineCount > 1) return 'ndjson'; // one JSON object per line
    throw new CoordinateFormatError(`${fileName}: not valid JSON`);
  }
  refuse(fileName, 'JSON without copick "points" or portal point annotations');
}

/** Text tables: SHREC `name x y z …`, IMOD point lists (3–5 numbers), numeric lists that are not coordinates. */
function plainTextFlavour(fileName: string, firstLine: string): CoordinateFormat {
  const tokens = firstLine.split(/[\s,]+/);
  const numeric = tokens.map((t) => parseFiniteNumber(t) !== undefined);
  if (!numeric[0] && (tokens.length === 4 || tokens.length === 7) && numeric.slice(1).every(Boolean)) return 'shrec-text';
  if (numeric.every(Boolean)) {
    if (tokens.length < 3) {
      refuse(fileName, `a list of ${tokens.length} number${tokens.length === 1 ? '' : 's'} per line (tilt angles, defocus or dose?); coordinates need x y z`);
    }
    if (tokens.length <= 5) return 'coords';
    return 'csv';
  }
  if (firstLine.includes(',') || firstLine.includes('\t')) return 'csv';
  refuse(fileName, `text whose first line ("${firstLine.slice(0, 60)}") matches no coordinates format`);
}
