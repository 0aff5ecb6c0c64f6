/**
 * Binary IMOD model (`.mod`, IMOD V1.2, big-endian), read-only, per IMOD's binspec.html.
 * Every contour point becomes a record: object number → classId, object name → className.
 * Model coordinates are image index coordinates with the first voxel centre at (0.5, 0.5, 0);
 * FLIPYZ models swap Y/Z, and a MINX chunk's subset offset (otrans − ctrans)/cscale is added.
 */
import { IMOD_XY_CENTRE } from './imod-text.ts';
import { baseName } from './text-lines.ts';
import { CoordinateFormatError, type CoordinateContext, type CoordinateRecord } from './types.ts';

const MODEL_HEADER_END = 8 + 232;
const OBJECT_BYTES = 176;
const FLAG_FLIP_YZ = 1 << 16;

class Cursor {
  offset = 0;
  private readonly view: DataView;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly fileName: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  need(count: number, what: string): void {
    if (count < 0 || this.offset + count > this.bytes.byteLength) {
      throw new CoordinateFormatError(`${this.fileName}: IMOD model truncated in ${what} at byte ${this.offset}`);
    }
  }
  id(): string {
    this.need(4, 'a chunk id');
    const text = String.fromCharCode(...this.bytes.subarray(this.offset, this.offset + 4));
    this.offset += 4;
    return text;
  }
  int32(what: string): number {
    this.need(4, what);
    const v = this.view.getInt32(this.offset, false);
    this.offset += 4;
    return v;
  }
  uint32At(at: number): number {
    return this.view.getUint32(at, false);
  }
  float32At(at: number): number {
    return this.view.getFloat32(at, false);
  }
  text(at: number, length: number): string {
    const raw = this.bytes.subarray(at, at + length);
    const end = raw.indexOf(0);
    return new TextDecoder('latin1').decode(end >= 0 ? raw.subarray(0, end) : raw).trim();
  }
  skip(count: number, what: string): void {
    this.need(count, what);
    this.offset += count;
  }
}

interface RawPoint {
  object: number;
  objectName: string;
  contour: number;
  x: number;
  y: number;
  z: number;
}

export function isImodModel(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && String.fromCharCode(...bytes.subarray(0, 4)) === 'IMOD';
}

export function readImodMod(
  fileName: string,
  bytes: Uint8Array,
  ctx: CoordinateContext,
): { records: CoordinateRecord[]; warnings: string[] } {
  if (!isImodModel(bytes)) throw new CoordinateFormatError(`${fileName}: not a binary IMOD model (no "IMOD" id)`);
  const cursor = new Cursor(bytes, fileName);
  cursor.need(MODEL_HEADER_END, 'the model header');
  const modelFlags = cursor.uint32At(152);
  cursor.offset = MODEL_HEADER_END;
  const warnings: string[] = [];
  const points: RawPoint[] = [];
  let objectIndex = 0;
  let objectName = '';
  let contourIndex = 0;
  let subsetOffset: [number, number, number] = [0, 0, 0];

  for (;;) {
    const id = cursor.id();
    if (id === 'IEOF') break;
    if (id === 'OBJT') {
      cursor.need(OBJECT_BYTES, 'an object');
      objectIndex += 1;
      contourIndex = 0;
      objectName = cursor.text(cursor.offset, 64);
      cursor.offset += OBJECT_BYTES;
    } else if (id === 'CONT') {
      const count = cursor.int32('a contour');
      cursor.skip(12, 'a contour header');
      cursor.need(count * 12, 'contour points');
      contourIndex += 1;
      for (let p = 0; p < count; p++) {
        const at = cursor.offset + p * 12;
        points.push({
          object: objectIndex,
          objectName,
          contour: contourIndex,
          x: cursor.float32At(at),
          y: cursor.float32At(at + 4),
          z: cursor.float32At(at + 8),
        });
      }
      cursor.offset += count * 12;
    } else if (id === 'MESH') {
      const vertices = cursor.int32('a mesh');
      const indices = cursor.int32('a mesh');
      cursor.skip(8 + vertices * 12 + indices * 4, 'mesh data'); // flag, time, surf, then data
    } else if (/^[A-Z0-9]{4}$/.test(id)) {
      const size = cursor.int32(`chunk ${id}`);
      cursor.need(size, `chunk ${id}`);
      if (id === 'MINX' && size >= 72) subsetOffset = minxOffset(cursor, cursor.offset, warnings, fileName);
      cursor.offset += size;
    } else {
      throw new CoordinateFormatError(`${fileName}: unknown IMOD chunk id at byte ${cursor.offset - 4}`);
    }
  }

  const tomogram = ctx.tomoName ?? baseName(fileName);
  const flip = (modelFlags & FLAG_FLIP_YZ) !== 0;
  const records = points.map((p) => {
    const [y, z] = flip ? [p.z, p.y] : [p.y, p.z];
    const record: CoordinateRecord = {
      tomogram,
      x: p.x + subsetOffset[0] - IMOD_XY_CENTRE,
      y: y + subsetOffset[1] - IMOD_XY_CENTRE,
      z: z + subsetOffset[2],
      classId: p.object,
      extra: { contour: String(p.contour) },
    };
    if (p.objectName) record.className = p.objectName;
    return record;
  });
  if (records.length === 0) warnings.push(`${fileName}: the model has no points`);
  return { records, warnings };
}

/** Offset from the loaded subset to full-file index coordinates ((otrans − ctrans) / cscale). */
function minxOffset(cursor: Cursor, at: number, warnings: string[], fileName: string): [number, number, number] {
  const f = (i: number) => cursor.float32At(at + 4 * i);
  const otrans = [f(3), f(4), f(5)];
  const cscale = [f(9), f(10), f(11)];
  const ctrans = [f(12), f(13), f(14)];
  const crot = [f(15), f(16), f(17)];
  if (crot.some((r) => Math.abs(r) > 1e-6)) {
    warnings.push(`${fileName}: MINX rotation (${crot.join(', ')}) is not applied; coordinates are in the model's rotated frame`);
  }
  return [0, 1, 2].map((i) => {
    const scale = cscale[i] ?? 1;
    return scale !== 0 ? ((otrans[i] ?? 0) - (ctrans[i] ?? 0)) / scale : 0;
  }) as [number, number, number];
}
