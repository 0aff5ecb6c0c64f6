import type { ClassDef } from '../src/core/picks/pick.ts';
import type { Volume } from '../src/core/volume/volume.ts';

/** What the I/O engine hands the page: the volume's buffer is transferred, not copied. */
export interface OpenedTomogram {
  name: string;
  volume: Volume;
  format: 'mrc' | 'tiff' | 'simulated';
  warnings: string[];
  /** Species of a simulated tomogram. */
  classes?: ClassDef[];
}
