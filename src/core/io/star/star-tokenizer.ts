/** Splits one STAR line into tokens: quoted values, bare words, and a trailing `#` comment dropped. */
import { StarSyntaxError } from './star-types.ts';

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\v' || ch === '\f';
}

/**
 * STAR/CIF quoting: a quote opens only at the start of a token and closes at the same quote
 * character followed by whitespace or the end of the line (so `'it's'` is one value).
 */
export function tokenizeStarLine(text: string, line: number, fileName: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && isSpace(text[i])) i++;
    if (i >= n) break;
    const ch = text[i];
    if (ch === '#') break;
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < n && !(text[j] === ch && (j + 1 >= n || isSpace(text[j + 1])))) j++;
      if (j >= n) throw new StarSyntaxError(`${fileName}, line ${line}: unterminated ${ch}quoted${ch} value`);
      tokens.push(text.slice(i + 1, j));
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < n && !isSpace(text[j])) j++;
    tokens.push(text.slice(i, j));
    i = j;
  }
  return tokens;
}
