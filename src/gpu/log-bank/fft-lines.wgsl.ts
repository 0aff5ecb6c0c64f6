/**
 * Kernel: in-place radix-2 Stockham FFT of every line of a split-complex 3D array along one axis.
 * One workgroup per line: the line is loaded into workgroup memory, log2(n) autosorting stages run
 * there (no bit reversal), and it is written back — one global read and write per axis instead of
 * one per stage. The same shader serves x, y and z: line L starts at (L mod inner) + ⌊L/inner⌋·inner·n
 * and steps by `inner` (1 for x, px for y, px·py for z).
 *
 * Twiddles come from a host table W_n^t = exp(−2πi·t/n), t < n/2, computed in float64 (more
 * accurate than f32 sin/cos in the shader); the inverse conjugates them. No 1/n scaling here.
 */

/** Threads per workgroup for lines of length n (each thread does n/2/threads butterflies per stage). */
export function fftLineThreads(n: number, maxThreads: number): number {
  return Math.max(1, Math.min(n / 2, maxThreads));
}

export function fftLinesShader(n: number, threads: number): string {
  const butterfliesPerThread = Math.max(1, n / 2 / threads);
  return /* wgsl */ `
struct Params {
  inner: u32,
  lineCount: u32,
  groupsX: u32,
  // +1: forward (exp(−2πi·jk/n)); −1: inverse (conjugate twiddles).
  twiddleImSign: f32,
}

@group(0) @binding(0) var<storage, read_write> re: array<f32>;
@group(0) @binding(1) var<storage, read_write> im: array<f32>;
@group(0) @binding(2) var<storage, read> twiddles: array<vec2<f32>>;
@group(0) @binding(3) var<uniform> params: Params;

const N: u32 = ${n}u;
const HALF: u32 = ${n / 2}u;
const LOG2N: u32 = ${Math.log2(n)}u;
const THREADS: u32 = ${threads}u;
const PER_THREAD: u32 = ${butterfliesPerThread}u;

var<workgroup> line: array<vec2<f32>, N>;

@compute @workgroup_size(THREADS)
fn main(@builtin(workgroup_id) group: vec3<u32>, @builtin(local_invocation_index) tid: u32) {
  let lineIndex = group.x + group.y * params.groupsX;
  if (lineIndex >= params.lineCount) {
    return;
  }
  let stride = params.inner;
  let base = (lineIndex % stride) + (lineIndex / stride) * stride * N;
  for (var i = tid; i < N; i += THREADS) {
    let g = base + i * stride;
    line[i] = vec2<f32>(re[g], im[g]);
  }
  workgroupBarrier();

  var sums: array<vec2<f32>, PER_THREAD>;
  var differences: array<vec2<f32>, PER_THREAD>;
  var targets: array<u32, PER_THREAD>;
  for (var s = 0u; s < LOG2N; s++) {
    // Sub-transforms of length ns are done; merge pairs into length 2·ns.
    let ns = 1u << s;
    for (var b = 0u; b < PER_THREAD; b++) {
      let j = tid + b * THREADS;
      let k = j & (ns - 1u);
      // W_{2ns}^k = W_n^{k·n/(2ns)}.
      let t = twiddles[k * (HALF >> s)];
      let w = vec2<f32>(t.x, t.y * params.twiddleImSign);
      let a = line[j];
      let c = line[j + HALF];
      let cw = vec2<f32>(c.x * w.x - c.y * w.y, c.x * w.y + c.y * w.x);
      sums[b] = a + cw;
      differences[b] = a - cw;
      targets[b] = ((j - k) << 1u) + k;
    }
    workgroupBarrier();
    for (var b = 0u; b < PER_THREAD; b++) {
      line[targets[b]] = sums[b];
      line[targets[b] + ns] = differences[b];
    }
    workgroupBarrier();
  }

  for (var i = tid; i < N; i += THREADS) {
    let g = base + i * stride;
    let v = line[i];
    re[g] = v.x;
    im[g] = v.y;
  }
}
`;
}

/** W_n^t = exp(−2πi·t/n) for t < n/2, interleaved (re, im), as the shader reads them. */
export function fftTwiddles(n: number): Float32Array<ArrayBuffer> {
  const table = new Float32Array(Math.max(2, n));
  for (let t = 0; t < n / 2; t++) {
    const angle = (-2 * Math.PI * t) / n;
    table[2 * t] = Math.cos(angle);
    table[2 * t + 1] = Math.sin(angle);
  }
  return table;
}
