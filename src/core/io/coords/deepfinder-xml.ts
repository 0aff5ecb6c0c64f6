/**
 * DeepFinder object lists (XML `<objlist><object tomo_idx class_label x y z phi psi the/>`),
 * read-only: 0-based voxel positions (numpy indices written as x, y, z), class_label → classId,
 * ZXZ angles kept in `extra`. A small attribute scanner is enough for this flat, generated format.
 */
import { baseName, decodeText, parseFiniteNumber, rejectRow } from './text-lines.ts';
import { CoordinateFormatError, type CoordinateContext, type CoordinateRecord } from './types.ts';

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" };

function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
    const raw = m[3] ?? m[4] ?? '';
    out.set(m[1] ?? '', raw.replace(/&(lt|gt|amp|quot|apos);/g, (e) => ENTITIES[e] ?? e));
  }
  return out;
}

/** Line numbers of increasing offsets, counted incrementally (one pass over the text). */
function lineCounter(text: string): (index: number) => number {
  let at = 0;
  let line = 1;
  return (index) => {
    for (; at < index; at++) if (text.charCodeAt(at) === 10) line++;
    return line;
  };
}

export function readDeepFinderXml(
  fileName: string,
  bytes: Uint8Array,
  ctx: CoordinateContext,
): { records: CoordinateRecord[]; warnings: string[] } {
  const text = decodeText(bytes);
  if (!/<objlist[\s>/]/.test(text)) {
    throw new CoordinateFormatError(`${fileName}: XML without <objlist>; only DeepFinder object lists are read`);
  }
  const warnings: string[] = [];
  const records: CoordinateRecord[] = [];
  const lineAt = lineCounter(text);
  for (const m of text.matchAll(/<object\b([^>]*)\/?>/g)) {
    const attrs = attributes(m[1] ?? '');
    const line = lineAt(m.index ?? 0);
    const xyz = ['x', 'y', 'z'].map((k) => parseFiniteNumber(attrs.get(k)));
    if (xyz.some((v) => v === undefined)) {
      rejectRow(fileName, line, 'object needs numeric x, y and z attributes', ctx, warnings);
      continue;
    }
    const classText = attrs.get('class_label');
    const classId = parseFiniteNumber(classText);
    if (classText !== undefined && (classId === undefined || !Number.isInteger(classId))) {
      rejectRow(fileName, line, `class_label "${classText}" is not an integer`, ctx, warnings);
      continue;
    }
    const tomo = attrs.get('tomo_idx');
    const record: CoordinateRecord = {
      tomogram: tomo ?? ctx.tomoName ?? baseName(fileName),
      x: xyz[0] ?? 0,
      y: xyz[1] ?? 0,
      z: xyz[2] ?? 0,
    };
    if (classId !== undefined) record.classId = classId;
    const extra: Record<string, string> = {};
    for (const [k, v] of attrs) if (!['x', 'y', 'z', 'class_label', 'tomo_idx'].includes(k)) extra[k] = v;
    if (Object.keys(extra).length > 0) record.extra = extra;
    records.push(record);
  }
  if (records.length === 0 && warnings.length === 0) warnings.push(`${fileName}: the object list is empty`);
  return { records, warnings };
}
