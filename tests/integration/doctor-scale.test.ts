import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../shared/contract';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { runBuiltCli } from '../harness/cli';

/** The checklist's report stays readable whatever the settings hold. (Run `npm run build` first.) */

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await createSandbox();
});
afterEach(() => sandbox.cleanup());

describe('doctor on huge values', () => {
  it('a 1 MB GONOSUMDB and 200k unknown keys give findings of bounded size that say how many more', async () => {
    const patterns = Array.from({ length: 90_000 }, (_, i) => `h${i}.example`).join(',');
    const junk = Array.from({ length: 200_000 }, (_, i) => `NOT_GO_${i}=x`).join('\n');
    await mkdir(path.dirname(sandbox.goEnvFile), { recursive: true });
    await writeFile(sandbox.goEnvFile, `GONOSUMDB=${patterns}\n${junk}\n`);
    const run = await runBuiltCli(['doctor', '--no-probe', '--json'], sandbox.env);
    expect(run.stdout.length).toBeLessThan(64 * 1024);
    const report = JSON.parse(run.stdout) as DoctorReport;
    const beyond = report.findings.find((f) => f.id === 'gonosumdb-beyond-private')!;
    expect(beyond.title).toContain('… and 89980 more');
    expect(beyond.evidence[0]).toMatch(/… \(\d+ characters\) \(env-file\)$/);
    const unknown = report.findings.find((f) => f.id === 'unknown-go-variables')!;
    expect(unknown.evidence.at(-1)).toBe('… and 199980 more lines of the env file that go ignores');
  });
});
