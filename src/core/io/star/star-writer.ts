/** STAR writer: blocks of pairs and/or one loop, tab-separated rows (the layout RELION-5 projects use). */
import type { StarWriteBlock } from './star-types.ts';

const RESERVED = /^(data_|loop_|save_|global_|stop_)/i;

/** Quotes a value only when a STAR reader would otherwise split or misread it. */
export function quoteStarValue(value: string): string {
  if (value === '') return '""';
  const needsQuotes = /\s/.test(value) || /^[_#$'"[\];]/.test(value) || RESERVED.test(value);
  if (value.startsWith('[') && !/\s/.test(value)) return value; // RELION vectors like [0,1,1]
  if (!needsQuotes) return value;
  if (!/"(\s|$)/.test(value)) return `"${value}"`;
  if (!/'(\s|$)/.test(value)) return `'${value}'`;
  throw new Error(`cannot quote STAR value ${JSON.stringify(value)}`);
}

export function writeStar(blocks: readonly StarWriteBlock[]): string {
  const out: string[] = [];
  for (const block of blocks) {
    if (out.length > 0) out.push('');
    if (block.comment) out.push(`# ${block.comment}`, '');
    out.push(`data_${block.name}`, '');
    if (block.pairs && block.pairs.length > 0) {
      const width = Math.max(...block.pairs.map(([k]) => k.length)) + 1;
      for (const [key, value] of block.pairs) out.push(`_${key.padEnd(width)} ${quoteStarValue(value)}`);
      out.push('');
    }
    if (block.loop) {
      out.push('loop_');
      block.loop.columns.forEach((c, i) => out.push(`_${c} #${i + 1}`));
      for (const row of block.loop.rows) {
        if (row.length !== block.loop.columns.length) {
          throw new Error(`STAR row has ${row.length} values for ${block.loop.columns.length} columns`);
        }
        out.push(row.map(quoteStarValue).join('\t'));
      }
    }
  }
  return `${out.join('\n')}\n`;
}
