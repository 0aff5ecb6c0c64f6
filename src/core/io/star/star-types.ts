/** In-memory STAR document: blocks of key/value pairs and loops, labels without the leading `_`. */
export interface StarLoop {
  columns: string[];
  rows: string[][];
  /** 1-based file line of each row (same index as rows). */
  rowLines: number[];
  /** Lines whose value count differs from the column count; kept out of `rows`. */
  badRows: { line: number; count: number }[];
}

export interface StarBlock {
  /** Text after `data_` ('' for an anonymous `data_`). */
  name: string;
  /** 1-based line of the `data_` statement. */
  line: number;
  pairs: Map<string, string>;
  loops: StarLoop[];
}

export interface StarDocument {
  blocks: StarBlock[];
}

/** Block to write: key/value pairs and/or one loop. */
export interface StarWriteBlock {
  name: string;
  /** Comment line written just above `data_` (e.g. "version 50001"). */
  comment?: string;
  pairs?: [string, string][];
  loop?: { columns: string[]; rows: string[][] };
}

/** Thrown for text that is not valid STAR, with the line number. */
export class StarSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StarSyntaxError';
  }
}
