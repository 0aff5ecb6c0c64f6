import { describe, expect, it } from 'vitest';
import { runCli } from './main.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}

describe('runCli', () => {
  it('lists every command with --help and exits 0', async () => {
    const c = capture();
    expect(await runCli(['--help'], c.io)).toBe(0);
    for (const name of ['info', 'convert', 'simulate', 'eval']) expect(c.out.join('')).toContain(name);
  });

  it('rejects an unknown command with exit code 2 on stderr', async () => {
    const c = capture();
    expect(await runCli(['frobnicate'], c.io)).toBe(2);
    expect(c.err.join('')).toMatch(/unknown command "frobnicate"/);
    expect(c.out).toEqual([]);
  });

  it('prints usage for <command> --help', async () => {
    const c = capture();
    expect(await runCli(['info', '--help'], c.io)).toBe(0);
    expect(c.out.join('')).toMatch(/info/);
  });
});
