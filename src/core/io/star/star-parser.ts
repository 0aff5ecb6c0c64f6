/**
 * STAR reader (RELION 3.0–5 and CIF-style files): several data blocks, `loop_` and key/value
 * blocks, comments, quoted values, `;` text fields, any column order, CRLF. Rows whose value count
 * is wrong are reported in `badRows` so the caller decides between failing and skipping.
 */
import { StarSyntaxError, type StarBlock, type StarDocument, type StarLoop } from './star-types.ts';
import { tokenizeStarLine } from './star-tokenizer.ts';

type State = 'block' | 'loop-header' | 'loop-body';

export function parseStar(text: string, fileName = 'STAR file'): StarDocument {
  const lines = text.split(/\r\n|\r|\n/);
  const blocks: StarBlock[] = [];
  let block: StarBlock | undefined;
  let loop: StarLoop | undefined;
  let state: State = 'block';
  let pendingLabel: { label: string; line: number } | undefined;

  const requireBlock = (lineNo: number): StarBlock => {
    if (!block) throw new StarSyntaxError(`${fileName}, line ${lineNo}: data before the first data_ block`);
    return block;
  };
  const setPair = (label: string, value: string, lineNo: number) => {
    requireBlock(lineNo).pairs.set(label, value);
  };

  for (let index = 0; index < lines.length; index++) {
    const lineNo = index + 1;
    const raw = lines[index] ?? '';
    // A `;` in column 1 opens a multi-line text field that ends at the next line starting with `;`.
    if (raw.startsWith(';')) {
      const parts = [raw.slice(1)];
      let end = index + 1;
      while (end < lines.length && !(lines[end] ?? '').startsWith(';')) parts.push(lines[end++] ?? '');
      if (end >= lines.length) throw new StarSyntaxError(`${fileName}, line ${lineNo}: unterminated ; text field`);
      const value = parts.join('\n');
      if (pendingLabel) {
        setPair(pendingLabel.label, value, lineNo);
        pendingLabel = undefined;
      } else if (state === 'loop-body' || state === 'loop-header') {
        if (!loop) throw new StarSyntaxError(`${fileName}, line ${lineNo}: text field outside a loop`);
        state = 'loop-body';
        loop.rows.push([value]);
        loop.rowLines.push(lineNo);
      } else {
        throw new StarSyntaxError(`${fileName}, line ${lineNo}: text field without a label`);
      }
      index = end;
      continue;
    }
    const tokens = tokenizeStarLine(raw, lineNo, fileName);
    if (tokens.length === 0) continue;
    const first = tokens[0] ?? '';
    const lower = first.toLowerCase();

    if (lower.startsWith('data_') || lower === 'global_') {
      if (pendingLabel) throw missingValue(fileName, pendingLabel);
      block = { name: lower === 'global_' ? 'global_' : first.slice(5), line: lineNo, pairs: new Map(), loops: [] };
      blocks.push(block);
      loop = undefined;
      state = 'block';
      continue;
    }
    if (lower === 'loop_') {
      if (pendingLabel) throw missingValue(fileName, pendingLabel);
      loop = { columns: [], rows: [], rowLines: [], badRows: [] };
      requireBlock(lineNo).loops.push(loop);
      state = 'loop-header';
      continue;
    }
    if (lower === 'stop_') {
      state = 'block';
      loop = undefined;
      continue;
    }
    if (first.startsWith('_')) {
      if (pendingLabel) throw missingValue(fileName, pendingLabel);
      const label = first.slice(1);
      if (state === 'loop-header' && loop) {
        loop.columns.push(label);
        continue;
      }
      // A label after loop rows ends the loop and starts key/value pairs again.
      state = 'block';
      loop = undefined;
      if (tokens.length >= 2) setPair(label, tokens[1] ?? '', lineNo);
      else pendingLabel = { label, line: lineNo };
      if (tokens.length > 2) {
        throw new StarSyntaxError(`${fileName}, line ${lineNo}: _${label} has ${tokens.length - 1} values, expected 1`);
      }
      continue;
    }
    if (pendingLabel) {
      setPair(pendingLabel.label, first, lineNo);
      pendingLabel = undefined;
      continue;
    }
    if ((state === 'loop-header' || state === 'loop-body') && loop) {
      if (loop.columns.length === 0) throw new StarSyntaxError(`${fileName}, line ${lineNo}: loop_ without labels`);
      state = 'loop-body';
      if (tokens.length === loop.columns.length) {
        loop.rows.push(tokens);
        loop.rowLines.push(lineNo);
      } else {
        loop.badRows.push({ line: lineNo, count: tokens.length });
      }
      continue;
    }
    requireBlock(lineNo);
    throw new StarSyntaxError(`${fileName}, line ${lineNo}: value "${first}" outside a loop and without a label`);
  }
  if (pendingLabel) throw missingValue(fileName, pendingLabel);
  return { blocks };
}

function missingValue(fileName: string, pending: { label: string; line: number }): StarSyntaxError {
  return new StarSyntaxError(`${fileName}, line ${pending.line}: _${pending.label} has no value`);
}

/** The loop of a block with all the given labels, if any. */
export function findLoopWith(block: StarBlock, labels: readonly string[]): StarLoop | undefined {
  return block.loops.find((l) => labels.every((label) => l.columns.includes(label)));
}
