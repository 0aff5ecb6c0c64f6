/**
 * Runs a `tomopick` sub-command in this process for the accuracy harnesses (every figure comes
 * from the CLI a user runs) and returns its stdout; stderr streams through. A failing command ends
 * the process: tfjs-wasm's Emscripten module would turn an uncaught error into a dump of its own
 * source.
 */
import { runCli } from '../src/cli/main.ts';

export async function runTomopick(harness: string, ...argv: string[]): Promise<string> {
  const out: string[] = [];
  const code = await runCli(argv, { stdout: (t) => out.push(t), stderr: (t) => process.stderr.write(`${t}\n`) });
  if (code !== 0) {
    process.stderr.write(`${harness}: tomopick ${argv[0]} failed (exit ${code})\n`);
    process.exit(code);
  }
  return out.join('\n');
}
