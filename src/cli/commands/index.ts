import type { CliCommand } from '../command.ts';
import { infoCommand } from './info.ts';
import { convertCommand } from './convert.ts';
import { simulateCommand } from './simulate.ts';
import { evalCommand } from './eval.ts';
import { proposeCommand } from './propose.ts';
import { trainCommand } from './train.ts';
import { predictCommand } from './predict.ts';
import { suggestCommand } from './suggest.ts';
import { calibrateCommand } from './calibrate.ts';

/** Every sub-command, in the order `tomopick --help` lists them. */
export const commands: readonly CliCommand[] = [infoCommand, convertCommand, simulateCommand, evalCommand, proposeCommand, trainCommand, predictCommand, calibrateCommand, suggestCommand];
