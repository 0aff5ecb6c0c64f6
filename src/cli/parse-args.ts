import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './command.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs with our error convention (usage errors exit 2 with the usage text). */
export function parseCommandArgs<O extends Options>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, allowNegative: true, strict: true });
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n\n${usage}`, 2);
  }
}

/** "256,256,128" → [256, 256, 128]; validates count and finiteness. */
export function parseNumberList(text: string, count: number, flag: string): number[] {
  const parts = text.split(/[,x×]/).map((s) => Number(s.trim()));
  if (parts.length !== count || parts.some((n) => !Number.isFinite(n))) {
    throw new CliError(`${flag} expects ${count} comma-separated numbers, got "${text}"`, 2);
  }
  return parts;
}

export function parsePositiveNumber(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new CliError(`${flag} expects a positive number, got "${text}"`, 2);
  return n;
}

/** An integer option ≥ `min`, or `fallback` when absent. */
export function parseIntegerOption(text: string | undefined, flag: string, fallback: number, min = 1): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new CliError(`${flag} expects an integer ≥ ${min}, got "${text}"`, 2);
  return n;
}
