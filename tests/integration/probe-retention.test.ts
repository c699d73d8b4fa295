import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../../electron/services';
import { createNodeHost, type Host } from '../../electron/services/host';
import { createProbeService } from '../../electron/services/probe';
import { HISTORY_FILE } from '../../electron/services/probe/history';
import type { HistoryEntry } from '../../shared/contract';
import { startMirror, type Mirror } from '../fixtures/mirror';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';

const DAY = 24 * 60 * 60 * 1000;
let mirror: Mirror;
let sandbox: Sandbox;
let host: Host;
beforeAll(async () => {
  mirror = await startMirror();
});
afterAll(() => mirror.close());
beforeEach(async () => {
  sandbox = await createSandbox();
  host = createNodeHost({ env: sandbox.env });
});
afterEach(() => sandbox.cleanup());

const entry = (ageMs: number): HistoryEntry => ({
  at: new Date(Date.now() - ageMs).toISOString(),
  status: 'ok',
  successRate: 1,
  p50: 10,
  p95: 12,
  phases: { dns: null, connect: 1, tls: null, ttfb: 5, total: 10 },
});

async function seedHistory(): Promise<void> {
  await mkdir(host.dataDir, { recursive: true });
  await writeFile(
    path.join(host.dataDir, HISTORY_FILE),
    JSON.stringify({
      version: 1,
      mirrors: {
        [mirror.url]: { id: 'fixture', entries: [entry(10 * DAY), entry(3 * DAY), entry(DAY / 2)] },
        'https://gone.example': { id: 'gone.example', entries: [entry(5 * DAY)] },
      },
    }),
  );
}

describe('probe history retention', () => {
  it('drops entries older than historyRetentionDays when a run is recorded', async () => {
    await seedHistory();
    const catalogue = [{ id: 'fixture', name: 'Fixture', url: mirror.url, region: 'cn' as const, notes: '' }];
    const services = createServices(host, { catalogue });
    await services.settings.write({ historyRetentionDays: 2 });
    await services.probe.run({ samples: 1 });
    const { mirrors } = await services.probe.history({});
    expect(mirrors.map((m) => m.url)).toEqual([mirror.url]);
    const ages = mirrors[0]!.entries.map((e) => Date.now() - Date.parse(e.at));
    expect(ages).toHaveLength(2);
    expect(ages.every((age) => age < 2 * DAY)).toBe(true);
  });

  it('keeps everything that fits when the probe is given no retention (the CLI before any setting)', async () => {
    await seedHistory();
    const probe = createProbeService(host, { mirrors: async () => [{ id: 'fixture', url: mirror.url }] });
    await probe.run({ samples: 1 });
    const { mirrors } = await probe.history({});
    expect(mirrors.map((m) => [m.id, m.entries.length])).toEqual([
      ['gone.example', 1],
      ['fixture', 4],
    ]);
  });
});
