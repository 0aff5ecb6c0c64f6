/**
 * IMOD point lists as model2point writes them (`.coords`, `.txt`, `.pts`): `x y z`,
 * `contour x y z` (-contour) or `object contour x y z` (-object), numbers 1-based.
 * IMOD model coordinates put the centre of the first voxel at (0.5, 0.5, 0): x,y shift by 0.5.
 */
import { baseName, contentLines, decodeText, parseFiniteNumber, rejectRow } from './text-lines.ts';
import { CoordinateFormatError, type CoordinateContext, type CoordinateRecord } from './types.ts';

/** IMOD model X/Y of a voxel centre minus our 0-based index (Z sections are integers in both). */
export const IMOD_XY_CENTRE = 0.5;

export function readImodText(
  fileName: string,
  bytes: Uint8Array,
  ctx: CoordinateContext,
): { records: CoordinateRecord[]; warnings: string[] } {
  const lines = contentLines(decodeText(bytes));
  const first = lines[0];
  if (!first) throw new CoordinateFormatError(`${fileName}: no points`);
  const columns = first.text.split(/[\s,]+/).length;
  if (columns < 3 || columns > 5) {
    throw new CoordinateFormatError(
      `${fileName}, line ${first.line}: ${columns} columns; an IMOD point list has 3 (x y z), 4 (contour x y z) or 5 (object contour x y z)`,
    );
  }
  const tomogram = ctx.tomoName ?? baseName(fileName);
  const warnings: string[] = [];
  const records: CoordinateRecord[] = [];
  for (const { line, text } of lines) {
    const tokens = text.split(/[\s,]+/);
    if (tokens.length !== columns) {
      rejectRow(fileName, line, `${tokens.length} columns, the first point line has ${columns}`, ctx, warnings);
      continue;
    }
    const values = tokens.map(parseFiniteNumber);
    const bad = values.findIndex((v) => v === undefined);
    if (bad >= 0) {
      rejectRow(fileName, line, `"${tokens[bad]}" is not a finite number`, ctx, warnings);
      continue;
    }
    const numbers = values as number[];
    const [x, y, z] = numbers.slice(-3) as [number, number, number];
    const record: CoordinateRecord = { tomogram, x: x - IMOD_XY_CENTRE, y: y - IMOD_XY_CENTRE, z };
    if (columns === 5) record.classId = numbers[0] ?? 1;
    if (columns >= 4) record.extra = { contour: String(numbers[columns - 4]) };
    records.push(record);
  }
  return { records, warnings };
}

function number3(n: number): string {
  return String(Number(n.toFixed(3)));
}

/** `x y z` lines, or `object contour x y z` (object = class) when any record has a class. */
export function writeImodText(records: CoordinateRecord[]): string {
  const withObjects = records.some((r) => r.classId !== undefined);
  const lines = records.map((r) => {
    const xyz = `${number3(r.x + IMOD_XY_CENTRE)} ${number3(r.y + IMOD_XY_CENTRE)} ${number3(r.z)}`;
    return withObjects ? `${r.classId ?? 1} 1 ${xyz}` : xyz;
  });
  return `${lines.join('\n')}\n`;
}
