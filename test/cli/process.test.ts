// The tpt process itself: its version, and a reader that closes the pipe early.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BIN, tpt } from './run-cli.ts';

describe('tpt process', () => {
  it('--version prints the version in package.json', () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const r = tpt(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('ends quietly with status 141 when the reader closes the pipe (`tpt ir ... | head`)', async () => {
    // About 350 kB of output, far more than a pipe buffers: writes go on after the reader is gone.
    const child = spawn(process.execPath, [BIN, 'ir', 'programs/parity_chain/parity_chain.tpt', '--set', 'K=4096'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(141);
  });
});
