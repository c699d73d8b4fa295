import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import type { DoctorReport, ProbeReport, SumdbVerifyResult } from '../../shared/contract';
import { startMirror, type Mirror } from '../fixtures/mirror';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { startSumdb, type Sumdb } from '../fixtures/sumdb';
import { runBuiltCli } from '../harness/cli';

/**
 * `goproxy-desk verify` through the built CLI against a real checksum database (Go's own sumdb server
 * code, tests/fixtures/sumdb) and the fixture mirror: honest files are proved, tampered ones and a
 * lying database are caught.
 */
let mirror: Mirror;
let db: Sumdb;
let sandbox: Sandbox;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  [mirror, db] = await Promise.all([startMirror(), startSumdb()]);
});
afterAll(async () => {
  await Promise.all([mirror?.close(), db?.close()]);
});
beforeEach(async () => {
  sandbox = await createSandbox();
  env = { ...sandbox.env, GOPROXY_DESK_HOME: path.join(sandbox.root, 'data') };
  mirror.setFaults({});
  await db.setFault('none');
});
afterEach(() => sandbox.cleanup());

const verify = async (extra: string[] = [], sumdb = db) => {
  const run = await runBuiltCli(
    [
      'verify',
      'rsc.io/quote@v1.5.2',
      '--mirror',
      mirror.url,
      '--sumdb',
      `${sumdb.vkey} ${sumdb.url}`,
      '--json',
      ...extra,
    ],
    env,
  );
  return { code: run.code, stderr: run.stderr, result: JSON.parse(run.stdout) as SumdbVerifyResult };
};

describe('goproxy-desk verify', () => {
  it('proves an honest mirror: the h1 of go, a signed tree, the record in it', async () => {
    const { code, result } = await verify();
    expect(result).toMatchObject({
      module: 'rsc.io/quote',
      version: 'v1.5.2',
      zip: { h1: 'h1:3fEykkD9k7lYzXqCYrwGAf7iNhbk4yCjHmKBN9td4L0=', ok: true },
      mod: { ok: true },
      sumdb: { name: db.name, via: 'direct', treeSize: db.records, verified: true },
    });
    expect(result.error).toBeUndefined();
    expect(code).toBe(0);
  });

  it('catches a tampered zip: exit 1, both hashes shown', async () => {
    mirror.setFaults({ tamperZip: true });
    const { code, result } = await verify();
    expect(code).toBe(1);
    expect(result.zip.ok).toBe(false);
    expect(result.zip.expected).toBe('h1:3fEykkD9k7lYzXqCYrwGAf7iNhbk4yCjHmKBN9td4L0=');
    expect(result.zip.h1).not.toBe(result.zip.expected);
    expect(result.error).toContain('SECURITY ERROR');
  });

  it.each([
    ['wrong-key', /not signed by/],
    ['bad-record', /record/i],
    ['bad-tile', /tile|hash|authenticate/i],
  ] as const)('catches a lying database (%s): exit 1, not verified', async (fault, message) => {
    await db.setFault(fault);
    const { code, result } = await verify();
    expect(code).toBe(1);
    expect(result.sumdb.verified).toBe(false);
    expect(result.error).toMatch(message);
  });

  it('remembers the tree and catches a database that rewrites its history', async () => {
    expect((await verify()).code).toBe(0);
    const rewritten = await startSumdb({ signerKey: db.signerKey, reverse: true });
    try {
      const { code, result } = await verify([], rewritten);
      expect(code).toBe(1);
      expect(result.error).toContain('SECURITY ERROR');
    } finally {
      await rewritten.close();
    }
  });

  it('refuses bad input with exit 2', async () => {
    const run = await runBuiltCli(['verify', 'rsc.io/quote', '--mirror', mirror.url], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('PATH@VERSION');
    const badKey = await runBuiltCli(
      ['verify', 'rsc.io/quote@v1.5.2', '--mirror', mirror.url, '--sumdb', 'nonsense+key http://x'],
      env,
    );
    expect(badKey.code).toBe(2);
  });
});

describe('doctor: a mirror that serves files the checksum database does not vouch for', () => {
  const doctor = async () => {
    await mkdir(path.dirname(sandbox.goEnvFile), { recursive: true });
    await writeFile(sandbox.goEnvFile, `GOPROXY=${mirror.url},direct\nGOSUMDB=${db.vkey} ${db.url}\n`);
    const run = await runBuiltCli(['doctor', '--json'], env);
    return JSON.parse(run.stdout) as DoctorReport;
  };

  it('is an error with both hashes as evidence when the zip is tampered', async () => {
    mirror.setFaults({ tamperZip: true, match: /\.zip$/ });
    const finding = (await doctor()).findings.find((f) => f.id === 'mirror-checksum-mismatch');
    expect(finding).toMatchObject({ severity: 'error', family: 'integrity' });
    expect(finding?.evidence[0]).toContain(
      'checksum database: h1:3fEykkD9k7lYzXqCYrwGAf7iNhbk4yCjHmKBN9td4L0=',
    );
  });

  it('is quiet for an honest mirror', async () => {
    const report = await doctor();
    expect(report.checked.probed).toBe(true);
    expect(report.findings.find((f) => f.id === 'mirror-checksum-mismatch')).toBeUndefined();
  });
});

describe('probe --verify: an integrity check per mirror', () => {
  it('says whether each mirror serves what the checksum database vouches for', async () => {
    await mkdir(path.dirname(sandbox.goEnvFile), { recursive: true });
    await writeFile(sandbox.goEnvFile, `GOSUMDB=${db.vkey} ${db.url}\n`);
    const probe = async () => {
      const run = await runBuiltCli(['probe', mirror.url, '--samples', '1', '--verify', '--json'], env);
      return (JSON.parse(run.stdout) as ProbeReport).results[0]!;
    };
    expect((await probe()).integrity).toEqual({ verified: true, ok: true });
    mirror.setFaults({ tamperZip: true, match: /\.zip$/ });
    expect((await probe()).integrity).toMatchObject({
      verified: true,
      ok: false,
      error: expect.stringContaining('SECURITY ERROR'),
    });
  });
});
