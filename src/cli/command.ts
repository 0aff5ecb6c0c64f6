/** Shape of one CLI sub-command; each lives in its own file under src/cli/commands/. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface CliCommand {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full --help text. */
  usage: string;
  /** Returns the process exit code. Throw CliError for user-facing failures. */
  run(argv: string[], io: CliIO): Promise<number>;
}

/** A failure caused by the user's input: printed without a stack trace, exit code 1 (2 for usage). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function wantsHelp(argv: string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}
