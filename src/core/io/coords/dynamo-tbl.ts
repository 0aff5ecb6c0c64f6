/**
 * Dynamo tables (`.tbl`), read-only. Columns (1-based, Dynamo wiki "Table"): 1 tag, 4–6 shifts
 * dx dy dz, 7–9 tdrot tilt narot (ZXZ, kept in `extra`), 10 cc, 20 tomo, 22 class, 24–26 x y z.
 * Positions are MATLAB 1-based voxels: voxel = x + dx − 1.
 */
import { contentLines, decodeText, parseFiniteNumber, rejectRow } from './text-lines.ts';
import { CoordinateFormatError, type CoordinateContext, type CoordinateRecord } from './types.ts';

const COLUMN = { tag: 1, dx: 4, dy: 5, dz: 6, tdrot: 7, tilt: 8, narot: 9, cc: 10, tomo: 20, class: 22, x: 24, y: 25, z: 26 };
const NUMERIC_FIELDS = ['dx', 'dy', 'dz', 'x', 'y', 'z'] as const;

/** Dynamo writes MATLAB complex values ("0+1.2e-06i"); we read their real part. */
function dynamoNumber(token: string | undefined): { value: number; complex: boolean } | undefined {
  const plain = parseFiniteNumber(token);
  if (plain !== undefined) return { value: plain, complex: false };
  const match = token?.match(/^([+-]?[\d.]+(?:[eE][+-]?\d+)?)([+-][\d.]+(?:[eE][+-]?\d+)?)i$/);
  const real = parseFiniteNumber(match?.[1]);
  return real === undefined ? undefined : { value: real, complex: true };
}

export function readDynamoTbl(
  fileName: string,
  bytes: Uint8Array,
  ctx: CoordinateContext,
): { records: CoordinateRecord[]; warnings: string[] } {
  const warnings: string[] = [];
  const records: CoordinateRecord[] = [];
  let complexSeen = false;
  const lines = contentLines(decodeText(bytes));
  if (lines.length === 0) throw new CoordinateFormatError(`${fileName}: empty Dynamo table`);
  for (const { line, text } of lines) {
    const tokens = text.split(/\s+/);
    if (tokens.length < COLUMN.z) {
      rejectRow(fileName, line, `${tokens.length} columns; a Dynamo table row has at least 26 (x y z in 24–26)`, ctx, warnings);
      continue;
    }
    const at = (column: number) => tokens[column - 1];
    const values: Partial<Record<(typeof NUMERIC_FIELDS)[number], number>> = {};
    let bad: string | undefined;
    for (const field of NUMERIC_FIELDS) {
      const parsed = dynamoNumber(at(COLUMN[field]));
      if (!parsed) {
        bad = `column ${COLUMN[field]} (${field}) "${at(COLUMN[field])}" is not a finite number`;
        break;
      }
      complexSeen ||= parsed.complex;
      values[field] = parsed.value;
    }
    if (bad) {
      rejectRow(fileName, line, bad, ctx, warnings);
      continue;
    }
    const tomo = dynamoNumber(at(COLUMN.tomo))?.value;
    const classId = dynamoNumber(at(COLUMN.class))?.value;
    const cc = dynamoNumber(at(COLUMN.cc))?.value;
    const record: CoordinateRecord = {
      tomogram: tomo !== undefined ? String(tomo) : (ctx.tomoName ?? '1'),
      x: (values.x ?? 0) + (values.dx ?? 0) - 1,
      y: (values.y ?? 0) + (values.dy ?? 0) - 1,
      z: (values.z ?? 0) + (values.dz ?? 0) - 1,
      extra: {
        tag: at(COLUMN.tag) ?? '',
        tdrot: at(COLUMN.tdrot) ?? '',
        tilt: at(COLUMN.tilt) ?? '',
        narot: at(COLUMN.narot) ?? '',
      },
    };
    if (classId !== undefined && Number.isInteger(classId)) record.classId = classId;
    if (cc !== undefined) record.score = cc;
    records.push(record);
  }
  if (complexSeen) warnings.push(`${fileName}: complex values (MATLAB "a+bi") found; their real part was used`);
  return { records, warnings };
}
