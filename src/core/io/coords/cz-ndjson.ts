/**
 * CZ cryoET Data Portal point annotations (ndjson, one JSON object per line): `type` "point" or
 * "orientedPoint", `location` {x,y,z} in voxels of the annotated tomogram (0-based), optional
 * `xyz_rotation_matrix` (3×3) kept verbatim in `extra`.
 */
import { baseName, contentLines, decodeText, rejectRow } from './text-lines.ts';
import { CoordinateFormatError, type CoordinateContext, type CoordinateRecord } from './types.ts';

const POINT_TYPES = new Set(['point', 'orientedPoint', 'instancePoint']);
const IDENTITY_3 = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];

export function readCzNdjson(
  fileName: string,
  bytes: Uint8Array,
  ctx: CoordinateContext,
): { records: CoordinateRecord[]; warnings: string[] } {
  const tomogram = ctx.tomoName ?? baseName(fileName);
  const warnings: string[] = [];
  const records: CoordinateRecord[] = [];
  for (const { line, text } of contentLines(decodeText(bytes))) {
    let item: { type?: unknown; location?: { x?: unknown; y?: unknown; z?: unknown }; xyz_rotation_matrix?: unknown; instance_id?: unknown };
    try {
      item = JSON.parse(text) as typeof item;
    } catch {
      rejectRow(fileName, line, 'not a JSON object', ctx, warnings);
      continue;
    }
    if (typeof item.type !== 'string' || !POINT_TYPES.has(item.type)) {
      throw new CoordinateFormatError(
        `${fileName}, line ${line}: annotation type "${String(item.type)}" is not a point (expected point or orientedPoint)`,
      );
    }
    const l = item.location ?? {};
    const values = [l.x, l.y, l.z];
    if (!values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      rejectRow(fileName, line, 'location needs finite numbers x, y, z', ctx, warnings);
      continue;
    }
    const [x, y, z] = values as number[];
    const record: CoordinateRecord = { tomogram, x: x ?? 0, y: y ?? 0, z: z ?? 0 };
    const extra: Record<string, string> = { type: item.type };
    if (item.xyz_rotation_matrix !== undefined) extra.xyz_rotation_matrix = JSON.stringify(item.xyz_rotation_matrix);
    if (item.instance_id !== undefined) extra.instance_id = String(item.instance_id);
    record.extra = extra;
    records.push(record);
  }
  if (records.length === 0 && warnings.length === 0) throw new CoordinateFormatError(`${fileName}: no annotations`);
  return { records, warnings };
}

export function writeCzNdjson(records: CoordinateRecord[]): string {
  const lines = records.map((r) =>
    JSON.stringify({
      type: 'orientedPoint',
      location: { x: r.x, y: r.y, z: r.z },
      xyz_rotation_matrix: r.extra?.xyz_rotation_matrix ? (JSON.parse(r.extra.xyz_rotation_matrix) as unknown) : IDENTITY_3,
    }),
  );
  return `${lines.join('\n')}\n`;
}
