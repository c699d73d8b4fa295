import type { SumdbVerifyResult } from '../../../shared/contract';
import { httpMirrors, redactUrl } from '../../../shared/go/goproxy';
import type { SumdbService } from '../sumdb';
import type { Facts, GoFacts, Rule } from './types';

/**
 * "A mirror serves files that do not match the checksum database": each http(s) GOPROXY mirror's copy
 * of a sample module, verified with the sumdb client (signed tree, inclusion proof, h1 of the bytes).
 * A mirror that cannot be reached is the upstream rules' business; this rule speaks only when the
 * bytes or the database's history are wrong.
 */
export const SAMPLE_MODULE = 'rsc.io/quote@v1.5.2';
const MAX_MIRRORS = 4;

export interface ChecksumFacts {
  module: string;
  results: SumdbVerifyResult[];
}

export async function gatherChecksums(
  go: GoFacts,
  sumdb: SumdbService,
  options: { timeoutMs?: number } = {},
): Promise<ChecksumFacts> {
  const mirrors = httpMirrors(go.report.vars.GOPROXY?.value ?? '').slice(0, MAX_MIRRORS);
  const gosumdb = go.report.vars.GOSUMDB?.value ?? '';
  // With verification off, check against the database go would use by default.
  const db = gosumdb === '' || gosumdb === 'off' ? 'sum.golang.org' : gosumdb;
  const results = await Promise.all(
    mirrors.map((mirror) =>
      sumdb
        .verify({ module: SAMPLE_MODULE, mirror, sumdb: db, timeoutMs: options.timeoutMs ?? 10_000 })
        .catch(() => null),
    ),
  );
  return { module: SAMPLE_MODULE, results: results.filter((r): r is SumdbVerifyResult => r !== null) };
}

const mismatch = (r: SumdbVerifyResult) =>
  (r.zip.expected !== null && !r.zip.ok) ||
  (r.mod.expected !== null && !r.mod.ok) ||
  /SECURITY ERROR/.test(r.error ?? '');

export const checksumRules: Rule[] = [
  {
    id: 'mirror-checksum-mismatch',
    family: 'integrity',
    severity: 'error',
    text: {
      en: {
        title: '{{mirror}} serves files that do not match the checksum database',
        detail:
          'GoProxy Desk downloaded {{module}} from {{mirror}} and checked it against the checksum database {{db}} (signed tree, inclusion proof, h1 hashes): {{what}}. go refuses such files while GOSUMDB is on; with GOSUMDB=off or the module in GONOSUMDB it would use them.',
        remedy:
          'Stop using this mirror (remove it from GOPROXY) and report it to its operator; keep GOSUMDB on so go checks every download.',
      },
      'zh-CN': {
        title: '{{mirror}} 提供的文件与校验和数据库不一致',
        detail:
          'GoProxy Desk 从 {{mirror}} 下载了 {{module}}，并用校验和数据库 {{db}} 验证（签名树、包含证明、h1 哈希）：{{what}}。GOSUMDB 开启时 go 会拒绝这样的文件；若 GOSUMDB=off 或该模块在 GONOSUMDB 中，go 会直接使用它们。',
        remedy:
          '停止使用该镜像（从 GOPROXY 中移除）并向其运营者报告；保持 GOSUMDB 开启，让 go 校验每次下载。',
      },
    },
    check(facts: Facts) {
      return (facts.checksums?.results ?? []).filter(mismatch).map((r) => {
        const what = r.error ?? 'the hashes differ';
        return {
          params: { mirror: redactUrl(r.mirror), module: `${r.module}@${r.version}`, db: r.sumdb.name, what },
          evidence: [
            `zip: ${r.zip.h1 ?? '-'} (checksum database: ${r.zip.expected ?? '-'})`,
            `go.mod: ${r.mod.h1 ?? '-'} (checksum database: ${r.mod.expected ?? '-'})`,
            `checksum database ${r.sumdb.name} via ${r.sumdb.via}, tree of ${r.sumdb.treeSize ?? '-'} records`,
          ],
        };
      });
    },
  },
];
