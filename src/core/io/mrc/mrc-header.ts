/**
 * The 1024-byte MRC2014 / CCP4 header: parse (either byte order) and serialize.
 * Word offsets follow the MRC2014 spec; IMOD's stamp/flags live in the EXTRA area at 152/156.
 */
import type { Vec3 } from '../../volume/volume.ts';
import { detectByteOrder, type ByteOrderSource } from './byte-order.ts';
import { IMOD_STAMP, mode0Signedness, type SignednessRule } from './signedness.ts';

export const MRC_HEADER_BYTES = 1024;
const LABEL_BYTES = 80;
const MAX_LABELS = 10;

/** Header words as stored (nx/ny/nz are columns/rows/sections, in file axis order). */
export interface MrcHeaderFields {
  nx: number;
  ny: number;
  nz: number;
  mode: number;
  nxstart: number;
  nystart: number;
  nzstart: number;
  mx: number;
  my: number;
  mz: number;
  /** Cell size in Å along X, Y, Z. */
  cella: Vec3;
  cellb: Vec3;
  mapc: number;
  mapr: number;
  maps: number;
  dmin: number;
  dmax: number;
  dmean: number;
  rms: number;
  ispg: number;
  nsymbt: number;
  exttyp: string;
  nversion: number;
  origin: Vec3;
  labels: string[];
}

/** Parsed header plus what was inferred while parsing it. */
export interface MrcHeaderInfo extends MrcHeaderFields {
  littleEndian: boolean;
  byteOrderSource: ByteOrderSource;
  machineStamp: [number, number, number, number];
  hasMapTag: boolean;
  imodFlags: number | null;
  /** Mode 0 only: whether bytes are int8, and the rule that decided it. */
  int8Signed: boolean;
  signednessRule: SignednessRule;
  /** False when DMIN > DMAX or RMS < 0 ("not computed" in MRC2014). */
  headerStatsComputed: boolean;
}

export interface ParsedMrcHeader {
  header: MrcHeaderInfo;
  warnings: string[];
}

function ascii(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

function readVec3(view: DataView, offset: number, le: boolean): Vec3 {
  return [view.getFloat32(offset, le), view.getFloat32(offset + 4, le), view.getFloat32(offset + 8, le)];
}

export function parseMrcHeader(bytes: Uint8Array): ParsedMrcHeader {
  if (bytes.byteLength < MRC_HEADER_BYTES) {
    throw new Error(`file is ${bytes.byteLength} bytes; an MRC header needs ${MRC_HEADER_BYTES}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, MRC_HEADER_BYTES);
  const order = detectByteOrder(view);
  const le = order.littleEndian;
  const i32 = (offset: number) => view.getInt32(offset, le);
  const f32 = (offset: number) => view.getFloat32(offset, le);
  const warnings = order.warning ? [order.warning] : [];

  const hasMapTag = ascii(bytes.subarray(208, 212)) === 'MAP ';
  const imodFlags = i32(152) === IMOD_STAMP ? i32(156) : null;
  const signedness = mode0Signedness(imodFlags, hasMapTag);
  const nlabl = Math.max(0, Math.min(MAX_LABELS, i32(220)));
  const labels: string[] = [];
  for (let k = 0; k < nlabl; k++) {
    const start = 224 + k * LABEL_BYTES;
    labels.push(ascii(bytes.subarray(start, start + LABEL_BYTES)).replace(/[\0\s]+$/, ''));
  }
  const [dmin, dmax, dmean, rms] = [f32(76), f32(80), f32(84), f32(216)];
  const header: MrcHeaderInfo = {
    nx: i32(0),
    ny: i32(4),
    nz: i32(8),
    mode: i32(12),
    nxstart: i32(16),
    nystart: i32(20),
    nzstart: i32(24),
    mx: i32(28),
    my: i32(32),
    mz: i32(36),
    cella: readVec3(view, 40, le),
    cellb: readVec3(view, 52, le),
    mapc: i32(64),
    mapr: i32(68),
    maps: i32(72),
    dmin,
    dmax,
    dmean,
    rms,
    ispg: i32(88),
    nsymbt: i32(92),
    exttyp: ascii(bytes.subarray(104, 108)).replace(/\0+$/, ''),
    nversion: i32(108),
    origin: readVec3(view, 196, le),
    labels,
    littleEndian: le,
    byteOrderSource: order.source,
    machineStamp: [view.getUint8(212), view.getUint8(213), view.getUint8(214), view.getUint8(215)],
    hasMapTag,
    imodFlags,
    int8Signed: signedness.signed,
    signednessRule: signedness.rule,
    headerStatsComputed: dmin <= dmax && rms >= 0,
  };
  return { header, warnings };
}

/** Writes an MRC2014 header: `MAP ` tag, machine stamp for the chosen byte order, labels. */
export function serializeMrcHeader(h: MrcHeaderFields, littleEndian: boolean): Uint8Array {
  if (h.labels.length > MAX_LABELS) throw new Error(`an MRC header holds at most ${MAX_LABELS} labels, got ${h.labels.length}`);
  const bytes = new Uint8Array(MRC_HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  const le = littleEndian;
  const ints: [number, number][] = [
    [0, h.nx], [4, h.ny], [8, h.nz], [12, h.mode], [16, h.nxstart], [20, h.nystart], [24, h.nzstart],
    [28, h.mx], [32, h.my], [36, h.mz], [64, h.mapc], [68, h.mapr], [72, h.maps], [88, h.ispg],
    [92, h.nsymbt], [108, h.nversion], [220, h.labels.length],
  ];
  for (const [offset, value] of ints) view.setInt32(offset, value, le);
  const floats: [number, number][] = [
    [40, h.cella[0]], [44, h.cella[1]], [48, h.cella[2]], [52, h.cellb[0]], [56, h.cellb[1]], [60, h.cellb[2]],
    [76, h.dmin], [80, h.dmax], [84, h.dmean], [196, h.origin[0]], [200, h.origin[1]], [204, h.origin[2]], [216, h.rms],
  ];
  for (const [offset, value] of floats) view.setFloat32(offset, value, le);
  writeAscii(bytes, 104, h.exttyp.padEnd(4, '\0').slice(0, 4));
  writeAscii(bytes, 208, 'MAP ');
  bytes.set(le ? [0x44, 0x44, 0, 0] : [0x11, 0x11, 0, 0], 212);
  h.labels.forEach((label, k) => writeAscii(bytes, 224 + k * LABEL_BYTES, label.slice(0, LABEL_BYTES)));
  return bytes;
}

function writeAscii(bytes: Uint8Array, offset: number, text: string): void {
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    bytes[offset + k] = code < 0x80 ? code : 0x3f; // '?' for anything MRC's ASCII labels cannot hold
  }
}
