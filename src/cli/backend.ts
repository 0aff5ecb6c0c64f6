/** The CLI's tfjs backend: chosen from --backend, announced on stderr (issue 5: "printed by the CLI"). */
import { CliError, type CliIO } from './command.ts';
import { hasHardwareGpu } from '../gpu/node/hardware-gpu.ts';
import { chooseNodeBackend, type NodeBackendRequest } from '../gpu/node/init-node-backend.ts';

const REQUESTS = ['auto', 'webgpu', 'wasm', 'cpu'];

export async function startCliBackend(request: string | undefined, io: CliIO, command: string): Promise<string> {
  const wanted = request ?? 'auto';
  if (!REQUESTS.includes(wanted)) throw new CliError(`--backend expects ${REQUESTS.join(', ')}, got "${wanted}"`, 2);
  let order: NodeBackendRequest[] = [wanted as NodeBackendRequest];
  if (wanted === 'auto') order = (await hasHardwareGpu()) ? ['webgpu', 'wasm', 'cpu'] : ['wasm', 'cpu'];
  const reasons: string[] = [];
  for (const name of order) {
    try {
      const choice = await chooseNodeBackend(name);
      io.stderr(`${command}: tfjs backend ${choice.active}${reasons.length ? ` (${reasons.join('; ')})` : ''}`);
      return choice.active;
    } catch (err) {
      reasons.push(`${name}: ${(err as Error).message}`);
    }
  }
  throw new CliError(`no tfjs backend works here: ${reasons.join('; ')}`);
}
