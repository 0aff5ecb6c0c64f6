/**
 * Our CSV: header row, then x,y,z in 0-based voxels, class, score and further columns.
 * Reads CSV with or without header (headerless = x y z [class]); comma, tab or whitespace separated.
 */
import { baseName, contentLines, decodeText, parseFiniteNumber, rejectRow } from './text-lines.ts';
import { CoordinateFormatError, type CoordinateContext, type CoordinateRecord } from './types.ts';

type Field = 'x' | 'y' | 'z' | 'classId' | 'className' | 'score' | 'tomogram' | 'radiusAngstrom' | 'rot' | 'tilt' | 'psi';

const HEADER_ALIASES: Record<string, Field> = {
  x: 'x', y: 'y', z: 'z',
  class: 'classId', class_id: 'classId', classid: 'classId', label: 'classId', class_label: 'classId',
  class_name: 'className', classname: 'className', name: 'className', species: 'className', object: 'className',
  score: 'score', confidence: 'score', probability: 'score',
  tomogram: 'tomogram', tomo: 'tomogram', tomo_name: 'tomogram', tomoname: 'tomogram', tomogram_name: 'tomogram',
  radius: 'radiusAngstrom', radius_a: 'radiusAngstrom', radius_angstrom: 'radiusAngstrom',
  rot: 'rot', tilt: 'tilt', psi: 'psi',
};

export type Separator = ',' | '\t' | 'whitespace';

export function detectSeparator(line: string): Separator {
  if (line.includes(',')) return ',';
  if (line.includes('\t')) return '\t';
  return 'whitespace';
}

/** Splits one line; double-quoted fields ("a, b" and "" escapes) are honoured for , and tab. */
export function splitFields(line: string, separator: Separator): string[] {
  if (separator === 'whitespace') return line.trim().split(/\s+/);
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else current += ch;
    } else if (ch === '"' && current.trim() === '') {
      quoted = true;
      current = '';
    } else if (ch === separator) {
      fields.push(current.trim());
      current = '';
    } else current += ch;
  }
  fields.push(current.trim());
  return fields;
}

export function readCsv(
  fileName: string,
  bytes: Uint8Array,
  ctx: CoordinateContext,
): { records: CoordinateRecord[]; warnings: string[] } {
  const lines = contentLines(decodeText(bytes));
  const first = lines[0];
  if (!first) throw new CoordinateFormatError(`${fileName}: no rows`);
  const separator = detectSeparator(first.text);
  const firstFields = splitFields(first.text, separator);
  const hasHeader = firstFields.slice(0, 3).some((f) => parseFiniteNumber(f) === undefined);
  const header = hasHeader ? firstFields : headerlessColumns(firstFields.length);
  const fields = header.map((h) => HEADER_ALIASES[h.toLowerCase().trim()]);
  for (const axis of ['x', 'y', 'z'] as const) {
    if (!fields.includes(axis)) {
      throw new CoordinateFormatError(`${fileName}, line ${first.line}: header has no "${axis}" column (got: ${header.join(', ')})`);
    }
  }
  const warnings: string[] = [];
  const records: CoordinateRecord[] = [];
  const defaultName = ctx.tomoName ?? baseName(fileName);
  for (const { line, text } of hasHeader ? lines.slice(1) : lines) {
    const values = splitFields(text, separator);
    if (values.length !== header.length) {
      rejectRow(fileName, line, `${values.length} columns, header has ${header.length}`, ctx, warnings);
      continue;
    }
    const record = rowToRecord(values, header, fields, defaultName, (problem) => rejectRow(fileName, line, problem, ctx, warnings));
    if (record) records.push(record);
  }
  return { records, warnings };
}

function headerlessColumns(count: number): string[] {
  if (count < 3) return ['x', 'y', 'z'].slice(0, count);
  const names = ['x', 'y', 'z', 'class'];
  return Array.from({ length: count }, (_, i) => names[i] ?? `column${i + 1}`);
}

function rowToRecord(
  values: string[],
  header: string[],
  fields: (Field | undefined)[],
  defaultName: string,
  reject: (problem: string) => void,
): CoordinateRecord | undefined {
  const record: CoordinateRecord = { tomogram: defaultName, x: 0, y: 0, z: 0 };
  const angles: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? '';
    const field = fields[i];
    const label = header[i] ?? `column${i + 1}`;
    if (field === undefined) {
      if (value !== '') record.extra = { ...record.extra, [label]: value };
      continue;
    }
    if (field === 'tomogram' || field === 'className') {
      if (value !== '') record[field] = value;
      continue;
    }
    const optional = field !== 'x' && field !== 'y' && field !== 'z';
    if (value === '' && optional) continue;
    const n = parseFiniteNumber(value);
    if (n === undefined || (field === 'classId' && !Number.isInteger(n))) {
      reject(`${label} "${value}" is not ${field === 'classId' ? 'an integer' : 'a finite number'}`);
      return undefined;
    }
    if (field === 'rot') angles[0] = n;
    else if (field === 'tilt') angles[1] = n;
    else if (field === 'psi') angles[2] = n;
    else record[field] = n;
  }
  if (angles.length === 3 && angles.every((a) => a !== undefined)) record.angles = angles as [number, number, number];
  return record;
}

function csvValue(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function writeCsv(records: CoordinateRecord[]): string {
  const extraKeys = [...new Set(records.flatMap((r) => Object.keys(r.extra ?? {})))];
  const withName = records.some((r) => r.className !== undefined);
  const withRadius = records.some((r) => r.radiusAngstrom !== undefined);
  const withAngles = records.some((r) => r.angles);
  const header = ['x', 'y', 'z', 'class', 'score', 'tomogram'];
  if (withName) header.push('class_name');
  if (withRadius) header.push('radius_angstrom');
  if (withAngles) header.push('rot', 'tilt', 'psi');
  header.push(...extraKeys);
  const text = (n: number | undefined) => (n === undefined ? '' : String(n));
  const lines = records.map((r) => {
    const row = [text(r.x), text(r.y), text(r.z), text(r.classId), text(r.score), r.tomogram];
    if (withName) row.push(r.className ?? '');
    if (withRadius) row.push(text(r.radiusAngstrom));
    if (withAngles) row.push(...(r.angles ? r.angles.map(String) : ['', '', '']));
    row.push(...extraKeys.map((k) => r.extra?.[k] ?? ''));
    return row.map(csvValue).join(',');
  });
  return `${[header.join(','), ...lines].join('\n')}\n`;
}
