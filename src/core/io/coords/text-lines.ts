/** Text helpers shared by the line-oriented readers: decoding, line numbering, strict numbers. */
import { CoordinateFormatError, type CoordinateContext } from './types.ts';

export interface NumberedLine {
  /** 1-based line number in the file. */
  line: number;
  text: string;
}

/** UTF-8 text without a BOM. */
export function decodeText(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Non-blank lines that are not `#` comments, with their 1-based numbers (CRLF tolerated). */
export function contentLines(text: string): NumberedLine[] {
  const out: NumberedLine[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const trimmed = (lines[i] ?? '').trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) out.push({ line: i + 1, text: trimmed });
  }
  return out;
}

/** A finite number, or undefined (rejects '', 'NaN', 'inf', '1e', trailing junk). */
export function parseFiniteNumber(token: string | undefined): number | undefined {
  if (token === undefined) return undefined;
  const t = token.trim();
  if (t === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** Basename without folders and without the last extension. */
export function baseName(fileName: string): string {
  const last = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = last.lastIndexOf('.');
  return dot > 0 ? last.slice(0, dot) : last;
}

/** Lower-case extension including the dot ('' when none). */
export function extensionOf(fileName: string): string {
  const last = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = last.lastIndexOf('.');
  return dot > 0 ? last.slice(dot).toLowerCase() : '';
}

/**
 * Policy for a bad row: fail naming file and line (default), or skip it with a warning when the
 * user allowed it (ctx.skipMalformedRows). Never keeps a half-parsed row.
 */
export function rejectRow(
  fileName: string,
  line: number,
  problem: string,
  ctx: CoordinateContext,
  warnings: string[],
): void {
  const message = `${fileName}, line ${line}: ${problem}`;
  if (!ctx.skipMalformedRows) throw new CoordinateFormatError(message);
  warnings.push(`skipped ${message}`);
}
