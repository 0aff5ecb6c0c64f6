/**
 * copick picks JSON (one object type per file): `points[].location` in Å from the tomogram origin
 * (voxel i ↔ i·voxel_spacing Å), `transformation_` a 4×4 matrix kept verbatim in `extra`.
 */
import { baseName, decodeText } from './text-lines.ts';
import { CoordinateFormatError, type CoordinateContext, type CoordinateRecord } from './types.ts';

interface CopickPoint {
  location?: { x?: unknown; y?: unknown; z?: unknown };
  transformation_?: unknown;
  instance_id?: unknown;
  score?: unknown;
}

const IDENTITY_4 = [
  [1, 0, 0, 0],
  [0, 1, 0, 0],
  [0, 0, 1, 0],
  [0, 0, 0, 1],
];

function needVoxelSize(ctx: CoordinateContext, what: string): number {
  if (ctx.voxelSize === undefined) {
    throw new CoordinateFormatError(`${what}: copick locations are in Å; add --voxel Å (the tomogram's voxel size)`);
  }
  return ctx.voxelSize;
}

export function readCopick(
  fileName: string,
  bytes: Uint8Array,
  ctx: CoordinateContext,
): { records: CoordinateRecord[]; warnings: string[] } {
  let doc: { points?: unknown; pickable_object_name?: unknown; run_name?: unknown; unit?: unknown };
  try {
    doc = JSON.parse(decodeText(bytes)) as typeof doc;
  } catch (err) {
    throw new CoordinateFormatError(`${fileName}: not valid JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(doc.points)) throw new CoordinateFormatError(`${fileName}: copick JSON without a "points" array`);
  if (doc.unit !== undefined && doc.unit !== 'angstrom') {
    throw new CoordinateFormatError(`${fileName}: unit "${String(doc.unit)}" is not supported (copick uses "angstrom")`);
  }
  const voxel = needVoxelSize(ctx, fileName);
  const tomogram = typeof doc.run_name === 'string' ? doc.run_name : (ctx.tomoName ?? baseName(fileName));
  const className = typeof doc.pickable_object_name === 'string' ? doc.pickable_object_name : undefined;
  const records = (doc.points as CopickPoint[]).map((p, i) => {
    const l = p.location ?? {};
    const values = [l.x, l.y, l.z];
    if (!values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new CoordinateFormatError(`${fileName}: points[${i}].location needs finite numbers x, y, z`);
    }
    const [x, y, z] = values as number[];
    const record: CoordinateRecord = { tomogram, x: (x ?? 0) / voxel, y: (y ?? 0) / voxel, z: (z ?? 0) / voxel };
    if (className) record.className = className;
    if (typeof p.score === 'number' && Number.isFinite(p.score)) record.score = p.score;
    const extra: Record<string, string> = {};
    if (p.transformation_ !== undefined) extra.transformation_ = JSON.stringify(p.transformation_);
    if (p.instance_id !== undefined) extra.instance_id = String(p.instance_id);
    if (Object.keys(extra).length > 0) record.extra = extra;
    return record;
  });
  return { records, warnings: [] };
}

export function writeCopick(records: CoordinateRecord[], ctx: CoordinateContext): string {
  const voxel = needVoxelSize(ctx, 'copick export');
  const classes = [...new Set(records.map((r) => r.className ?? (r.classId !== undefined ? `class${r.classId}` : 'particle')))];
  if (classes.length > 1) {
    throw new CoordinateFormatError(`a copick file holds one object type; these records have ${classes.join(', ')}: export one class at a time`);
  }
  const tomograms = [...new Set(records.map((r) => ctx.tomoName ?? r.tomogram))];
  if (tomograms.length > 1) {
    throw new CoordinateFormatError(`a copick file holds one run; these records come from ${tomograms.join(', ')}`);
  }
  const doc = {
    pickable_object_name: classes[0] ?? 'particle',
    user_id: 'tomopick',
    session_id: '0',
    run_name: tomograms[0] ?? ctx.tomoName ?? 'tomogram',
    voxel_spacing: voxel,
    unit: 'angstrom',
    points: records.map((r, i) => ({
      location: { x: r.x * voxel, y: r.y * voxel, z: r.z * voxel },
      transformation_: r.extra?.transformation_ ? (JSON.parse(r.extra.transformation_) as unknown) : IDENTITY_4,
      instance_id: r.extra?.instance_id !== undefined ? Number(r.extra.instance_id) : i,
      score: r.score ?? 1,
    })),
    trust_orientation: records.some((r) => r.extra?.transformation_ !== undefined),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
