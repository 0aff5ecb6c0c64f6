/**
 * SHREC'19–'21 particle locations (`particle_locations_*.txt`): `pdb x y z phi psi theta` per line,
 * 0-based voxel positions of the tomogram; ZXZ Euler angles kept as-is in `extra` (not RELION angles).
 */
import { baseName, contentLines, decodeText, parseFiniteNumber, rejectRow } from './text-lines.ts';
import { CoordinateFormatError, type CoordinateContext, type CoordinateRecord } from './types.ts';

export function readShrecText(
  fileName: string,
  bytes: Uint8Array,
  ctx: CoordinateContext,
): { records: CoordinateRecord[]; warnings: string[] } {
  const lines = contentLines(decodeText(bytes));
  if (lines.length === 0) throw new CoordinateFormatError(`${fileName}: no particle lines`);
  const tomogram = ctx.tomoName ?? baseName(fileName);
  const warnings: string[] = [];
  const records: CoordinateRecord[] = [];
  for (const { line, text } of lines) {
    const tokens = text.split(/\s+/);
    if (tokens.length !== 4 && tokens.length !== 7) {
      rejectRow(fileName, line, `${tokens.length} fields; expected "name x y z [phi psi theta]"`, ctx, warnings);
      continue;
    }
    const numbers = tokens.slice(1).map(parseFiniteNumber);
    const bad = numbers.findIndex((v) => v === undefined);
    if (bad >= 0) {
      rejectRow(fileName, line, `"${tokens[bad + 1]}" is not a finite number`, ctx, warnings);
      continue;
    }
    const [x, y, z, phi, psi, theta] = numbers as number[];
    const record: CoordinateRecord = { tomogram, className: tokens[0] ?? '', x: x ?? 0, y: y ?? 0, z: z ?? 0 };
    if (tokens.length === 7) record.extra = { phi: String(phi), psi: String(psi), theta: String(theta) };
    records.push(record);
  }
  return { records, warnings };
}
