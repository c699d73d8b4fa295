import { describe, expect, it } from 'vitest';
import type { SumdbVerifyResult } from '../../shared/contract';
import { checksumRules } from '../../electron/services/doctor/checksums';
import { evaluate } from '../../electron/services/doctor/engine';
import { facts } from '../fixtures/doctor-facts';

const H1 = 'h1:3fEykkD9k7lYzXqCYrwGAf7iNhbk4yCjHmKBN9td4L0=';
const result = (over: Partial<SumdbVerifyResult> = {}): SumdbVerifyResult => ({
  module: 'rsc.io/quote',
  version: 'v1.5.2',
  mirror: 'https://u:secret@mirror.example',
  mod: { h1: 'h1:mod', expected: 'h1:mod', ok: true },
  zip: { h1: H1, expected: H1, ok: true },
  sumdb: {
    name: 'sum.golang.org',
    url: 'https://mirror.example/sumdb/sum.golang.org',
    via: 'mirror',
    treeSize: 10,
    verified: true,
  },
  ...over,
});
const ids = (results: SumdbVerifyResult[]) =>
  evaluate(checksumRules, facts({ checksums: { module: 'rsc.io/quote@v1.5.2', results } })).raw.map(
    (r) => r.hit,
  );

describe('mirror-checksum-mismatch', () => {
  it('fires on a zip whose hash differs, with both hashes and no password', () => {
    const [hit] = ids([
      result({ zip: { h1: 'h1:other', expected: H1, ok: false }, error: 'SECURITY ERROR: the zip ...' }),
    ]);
    expect(hit?.evidence[0]).toBe(`zip: h1:other (checksum database: ${H1})`);
    expect(hit?.params?.mirror).toBe('https://u:xxxxx@mirror.example');
  });

  it('fires on a rewritten history', () => {
    expect(
      ids([result({ error: 'SECURITY ERROR: the checksum database signed two histories' })]),
    ).toHaveLength(1);
  });

  it('is quiet on honest mirrors, unreachable ones, and without live checks', () => {
    expect(ids([result()])).toEqual([]);
    expect(
      ids([result({ zip: { h1: null, expected: null, ok: false }, error: 'connection refused' })]),
    ).toEqual([]);
    expect(evaluate(checksumRules, facts()).raw).toEqual([]);
  });
});
