import { CliError, type CliCommand, type CliIO } from './command.ts';
import { commands } from './commands/index.ts';

const nodeIO: CliIO = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

function overview(list: readonly CliCommand[]): string {
  const width = Math.max(...list.map((c) => c.name.length));
  return [
    'tomopick — Tomopick Studio on the command line',
    '',
    'Usage: tomopick <command> [options]   (tomopick <command> --help for details)',
    '',
    'Commands:',
    ...list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

/** Runs one CLI invocation; returns the exit code instead of exiting so tests can call it. */
export async function runCli(argv: string[], io: CliIO = nodeIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(overview(commands));
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`tomopick: unknown command "${name}"\n\n${overview(commands)}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`tomopick ${name}: ${err.message}`);
      return err.exitCode;
    }
    const e = err as Error;
    io.stderr(`tomopick ${name}: ${e?.message ?? String(err)}`);
    if (process.env.TOMOPICK_DEBUG) io.stderr(String(e?.stack));
    return 1;
  }
}
