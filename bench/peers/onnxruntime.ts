/**
 * onnxruntime-node as a benchmark peer (DESIGN.md §7): not a dependency; installed on demand with
 * `npm i --no-save --ignore-scripts` (its CPU binaries ship inside the package; the install script
 * only fetches GPU extras, which fails offline).
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const PACKAGE = 'onnxruntime-node';

interface OrtTensor {
  dispose?: () => void;
}
interface OrtSession {
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
}
export interface Ort {
  InferenceSession: { create(path: string, options?: Record<string, unknown>): Promise<OrtSession> };
  Tensor: new (type: 'float32', data: Float32Array, dims: number[]) => OrtTensor;
}

export async function loadOnnxRuntime(root: string): Promise<Ort | { unavailable: string }> {
  const require = createRequire(`${root}/package.json`);
  try {
    require.resolve(PACKAGE);
  } catch {
    try {
      execFileSync('npm', ['i', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', PACKAGE], { cwd: root, stdio: 'ignore' });
    } catch (err) {
      return { unavailable: `npm could not install ${PACKAGE}: ${(err as Error).message.split('\n')[0]}` };
    }
  }
  try {
    // A fresh resolver: the first one may remember that the package was missing.
    return (await import(createRequire(`${root}/package.json`).resolve(PACKAGE))) as Ort;
  } catch (err) {
    return { unavailable: `${PACKAGE} installed but does not load: ${(err as Error).message.split('\n')[0]}` };
  }
}

/** Best-of time (ms) of one forward pass on a [1, 1, p, p, p] input, single-threaded. */
export async function timeOnnxInference(ort: Ort, modelPath: string, patch: number, repeats: number): Promise<number> {
  const session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const input = new ort.Tensor('float32', new Float32Array(patch ** 3).map((_, i) => Math.sin(i)), [1, 1, patch, patch, patch]);
  await session.run({ input });
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    await session.run({ input });
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}
