import { parseGoAuth } from '../../../shared/go/goauth';
import { planRoute, TOOLCHAIN_MODULE } from '../../../shared/go/route';
import { selectToolchain, type ToolchainDecision } from '../../../shared/go/toolchain';
import { effectiveSettings } from '../goenv/route';
import { goIsAbs } from '../goenv/gostd';
import { fixable, goenvFix, line, read, shown } from './rules-syntax';
import type { Facts, Hit, Rule } from './types';

/**
 * What changed with go 1.21–1.27 (DESIGN.md §4b), judged with the installed go's facts: toolchain
 * switches and their downloads (always checked against the checksum database), empty lines that hide
 * $GOROOT/go.env, a missing go.env, GOAUTH, and .netrc entries go 1.21+ no longer matches. With go 1.19
 * none of these exist, and none fires.
 */

// ---------------------------------------------------------------------------------------------
// Toolchain decisions for the projects looked at

interface ProjectToolchain {
  dir: string;
  file: string;
  decision: Extract<ToolchainDecision, { ok: true }>;
}

/** Each project folder whose go.mod/go.work makes go switch, or stop, with the user's GOTOOLCHAIN. */
function projectToolchains(facts: Facts): ProjectToolchain[] {
  const go = facts.go.report.go;
  if (!go || !facts.go.version.toolchains || !facts.projects) return [];
  const out: ProjectToolchain[] = [];
  for (const { dir, file } of facts.projects.toolchainFiles) {
    if (file === null) continue;
    const decision = selectToolchain(facts.go.version, {
      local: go.version,
      gotoolchain: read(facts, 'GOTOOLCHAIN').value,
      file,
      ...facts.go.platform,
    });
    if (decision.ok) out.push({ dir, file: file.path, decision });
  }
  return out;
}

/** The projects that make go download a toolchain (not a language-only version, which cannot be had). */
export function downloads(facts: Facts): Array<ProjectToolchain & { version: string }> {
  return projectToolchains(facts).flatMap((p) =>
    p.decision.download !== null && p.decision.failure === null
      ? [{ ...p, version: p.decision.download.version }]
      : [],
  );
}

const toolchainPlan = (facts: Facts) =>
  planRoute(TOOLCHAIN_MODULE, effectiveSettings(facts.go.report, []), {
    toolchainAlwaysChecksummed: facts.go.version.toolchainAlwaysChecksummed,
  });

// ---------------------------------------------------------------------------------------------
// The rules

const toolchainGosumdbOff: Rule = {
  id: 'toolchain-gosumdb-off',
  family: 'integrity',
  severity: 'error',
  text: {
    en: {
      title: '{{project}} needs {{toolchain}}, which go cannot download with GOSUMDB=off',
      detail:
        '{{file}} asks for a newer Go than {{local}}, so go switches to {{toolchain}} and downloads it first. go always checks a toolchain against the checksum database, whatever GOSUMDB and GONOSUMDB say: with GOSUMDB=off it downloads the zip and then stops with "{{error}}", and every go command in this project fails.',
      remedy:
        'Turn the checksum database back on (unset GOSUMDB, or GOSUMDB=sum.golang.google.cn in mainland China); keep private modules out of it with GOPRIVATE instead of GOSUMDB=off. Or install {{toolchain}} yourself and put it on PATH.',
    },
    'zh-CN': {
      title: '{{project}} 需要 {{toolchain}}，但在 GOSUMDB=off 时 go 无法下载它',
      detail:
        '{{file}} 要求比 {{local}} 更新的 Go，因此 go 会切换到 {{toolchain}}，并先下载它。无论 GOSUMDB 和 GONOSUMDB 怎么设置，go 总是用校验和数据库校验工具链：GOSUMDB=off 时，它下载完 zip 后会报错“{{error}}”并停止，这个项目里的所有 go 命令都会失败。',
      remedy:
        '重新启用校验和数据库（取消设置 GOSUMDB；在中国大陆可设为 GOSUMDB=sum.golang.google.cn），私有模块请用 GOPRIVATE 排除，而不是 GOSUMDB=off。也可以自行安装 {{toolchain}} 并放进 PATH。',
    },
  },
  check(facts) {
    const needed = downloads(facts);
    if (needed.length === 0) return [];
    const checksum = toolchainPlan(facts).checksum;
    if (checksum.reason !== 'toolchain' || checksum.failure === undefined) return [];
    const v = read(facts, 'GOSUMDB');
    return needed.map((p) => {
      const hit: Hit = {
        params: {
          project: p.dir,
          file: p.file,
          toolchain: p.decision.run,
          local: facts.go.report.go!.version,
          error: checksum.failure!,
        },
        evidence: [
          line(v),
          `${p.file}: go ${p.decision.required ?? '?'} → ${p.decision.run} (${TOOLCHAIN_MODULE}@${p.version})`,
          `go: ${checksum.failure}`,
        ],
      };
      if (fixable(facts, v) && v.source === 'env-file')
        hit.fix = goenvFix(
          'toolchain-gosumdb-off',
          'Turn the checksum database back on: unset GOSUMDB',
          '重新启用校验和数据库：取消设置 GOSUMDB',
          [],
          ['GOSUMDB'],
        );
      return hit;
    });
  },
};

const toolchainNotServed: Rule = {
  id: 'toolchain-not-served',
  family: 'upstream',
  severity: 'error',
  text: {
    en: {
      title: 'No mirror in GOPROXY serves the Go toolchain {{project}} needs',
      detail:
        '{{file}} makes go switch to {{toolchain}}, which it downloads as {{module}} through GOPROXY. {{mirrors}} answered that it does not serve Go toolchains{{directEn}}, so go stops with "toolchain not available".',
      remedy:
        'Put a mirror that serves golang.org/toolchain first in GOPROXY (the probe shows which do), or install {{toolchain}} yourself and put it on PATH.',
    },
    'zh-CN': {
      title: 'GOPROXY 中没有镜像提供 {{project}} 所需的 Go 工具链',
      detail:
        '{{file}} 使 go 切换到 {{toolchain}}，go 会经 GOPROXY 以 {{module}} 的形式下载它。{{mirrors}} 表示不提供 Go 工具链{{directZh}}，因此 go 会报错 “toolchain not available” 并停止。',
      remedy:
        '在 GOPROXY 最前面放一个提供 golang.org/toolchain 的镜像（探测结果会显示哪些镜像提供），或自行安装 {{toolchain}} 并放进 PATH。',
    },
  },
  check(facts) {
    const network = facts.network;
    if (!network || network.mirrors.length === 0) return [];
    const needed = downloads(facts);
    if (needed.length === 0) return [];
    // Only a definite "no" from every mirror: an unknown answer (dead mirror, network error) is other rules'.
    if (!network.mirrors.every((m) => m.probe?.toolchain === false)) return [];
    const plan = toolchainPlan(facts);
    const hasDirect = plan.steps.some((s) => s.kind === 'direct');
    return needed.map((p) => ({
      // go.dev's server may still have it (only the newest patch releases; unreachable from mainland China).
      ...(hasDirect ? { severity: 'warning' as const } : {}),
      params: {
        project: p.dir,
        file: p.file,
        toolchain: p.decision.run,
        module: `${TOOLCHAIN_MODULE}@${p.version}`,
        mirrors: network.mirrors.map((m) => m.url).join(', '),
        directEn: hasDirect
          ? '; only "direct" (go.dev, which has only the newest patch releases) is left'
          : '',
        directZh: hasDirect ? '；只剩 “direct”（go.dev，只提供最新的补丁版本）' : '',
      },
      evidence: [
        line(read(facts, 'GOPROXY')),
        ...network.mirrors.map((m) => `${m.url}/${TOOLCHAIN_MODULE}/@v/list: no toolchains`),
      ],
    }));
  },
};

const toolchainLocalTooOld: Rule = {
  id: 'toolchain-local-too-old',
  family: 'syntax',
  severity: 'error',
  text: {
    en: {
      title: '{{project}} needs go {{required}}, but GOTOOLCHAIN keeps go at {{local}}',
      detail: 'go will not switch toolchains here, and stops in this project with: {{error}}',
      remedy:
        'Let go switch (GOTOOLCHAIN=auto, the default from $GOROOT/go.env; the fix unsets your value), or install Go {{required}} or newer.',
    },
    'zh-CN': {
      title: '{{project}} 需要 go {{required}}，但 GOTOOLCHAIN 让 go 停留在 {{local}}',
      detail: 'go 在这里不会切换工具链，在这个项目中会报错停止：{{error}}',
      remedy:
        '允许 go 切换工具链（GOTOOLCHAIN=auto，即 $GOROOT/go.env 中的默认值；自动修复会取消你的设置），或安装 Go {{required}} 或更新版本。',
    },
  },
  check(facts) {
    const v = read(facts, 'GOTOOLCHAIN');
    return projectToolchains(facts).flatMap((p) => {
      const failure = p.decision.failure;
      if (p.decision.switches || failure === null || !failure.includes('requires go >=')) return [];
      const hit: Hit = {
        params: {
          project: p.dir,
          required: p.decision.required ?? '?',
          local: facts.go.report.go!.version,
          error: failure,
        },
        evidence: [line(v), failure],
      };
      if (fixable(facts, v) && v.source === 'env-file')
        hit.fix = goenvFix(
          'toolchain-local-too-old',
          'Let go switch toolchains: unset GOTOOLCHAIN (back to go.env’s auto)',
          '允许 go 切换工具链：取消设置 GOTOOLCHAIN（恢复 go.env 中的 auto）',
          [],
          ['GOTOOLCHAIN'],
        );
      return [hit];
    });
  },
};

const toolchainLanguageVersion: Rule = {
  id: 'toolchain-language-version',
  family: 'syntax',
  severity: 'error',
  text: {
    en: {
      title: '{{file}} names a language version that {{local}} cannot download',
      detail: '{{detail}}',
      remedy:
        'Write the go line as a release ("go {{release}}"), or update go: go 1.21.1 and later resolve a language version to its first release.',
    },
    'zh-CN': {
      title: '{{file}} 写的是语言版本，{{local}} 无法据此下载工具链',
      detail: '{{detail}}',
      remedy:
        '把 go 行写成具体版本（“go {{release}}”），或升级 go：go 1.21.1 及之后的版本会把语言版本解析为它的第一个正式版。',
    },
  },
  check(facts) {
    return projectToolchains(facts).flatMap((p) => {
      const failure = p.decision.failure;
      if (!p.decision.switches || failure === null) return [];
      return [
        {
          params: {
            file: p.file,
            local: facts.go.report.go!.version,
            detail: failure,
            release: `${(p.decision.required ?? '').replace(/^go/, '')}.0`,
          },
          evidence: [`${p.file}: go ${p.decision.required ?? ''}`, failure],
        },
      ];
    });
  },
};

const gotoolchainInvalid: Rule = {
  id: 'gotoolchain-invalid',
  family: 'syntax',
  severity: 'error',
  text: {
    en: {
      title: 'go rejects GOTOOLCHAIN, so every go command fails',
      detail:
        'GOTOOLCHAIN is {{value}}. go reads it before anything else and stops with: {{error}}. That includes go env -u GOTOOLCHAIN, so go cannot undo it itself.',
      remedy:
        'Remove the value (the fix edits the go env file directly), or write one go accepts: auto, local, path, go1.X.Y, or go1.X.Y+auto / +path.',
    },
    'zh-CN': {
      title: 'go 无法接受 GOTOOLCHAIN 的值，所有 go 命令都会失败',
      detail:
        'GOTOOLCHAIN 为 {{value}}。go 最先读取它，并报错停止：{{error}}。go env -u GOTOOLCHAIN 也不例外，所以 go 自己无法撤销。',
      remedy:
        '删除这个值（自动修复会直接编辑 go 环境文件），或写成 go 接受的值：auto、local、path、go1.X.Y，或 go1.X.Y+auto / +path。',
    },
  },
  check(facts) {
    const go = facts.go.report.go;
    if (!go || !facts.go.version.toolchains) return [];
    const v = read(facts, 'GOTOOLCHAIN');
    const decision = selectToolchain(facts.go.version, {
      local: go.version,
      gotoolchain: v.value,
      file: null,
      ...facts.go.platform,
    });
    if (decision.ok) return [];
    const hit: Hit = {
      params: { value: shown(v.value), error: decision.error },
      evidence: [line(v), decision.error],
    };
    if (fixable(facts, v) && v.source === 'env-file')
      hit.fix = goenvFix(
        'gotoolchain-invalid',
        'Remove GOTOOLCHAIN from the go env file (back to go.env’s auto)',
        '从 go 环境文件中删除 GOTOOLCHAIN（恢复 go.env 中的 auto）',
        [],
        ['GOTOOLCHAIN'],
      );
    return [hit];
  },
};

const EMPTY_EFFECT: Record<string, { severity: 'error' | 'warning'; en: string; zh: string }> = {
  GOPROXY: {
    severity: 'error',
    en: 'every module download fails: "GOPROXY list is not the empty string, but contains no entries"',
    zh: '所有模块下载都会失败：“GOPROXY list is not the empty string, but contains no entries”',
  },
  GOSUMDB: {
    severity: 'error',
    en: 'every new module fails its check: "verifying module: missing GOSUMDB"',
    zh: '每个新模块的校验都会失败：“verifying module: missing GOSUMDB”',
  },
  GOTOOLCHAIN: {
    severity: 'warning',
    en: 'go never switches toolchains: a go.mod that needs a newer Go fails instead',
    zh: 'go 永远不会切换工具链：需要更新 Go 的 go.mod 会直接失败',
  },
};

const envEmptyLine: Rule = {
  id: 'env-empty-line',
  family: 'syntax',
  severity: 'error',
  text: {
    en: {
      title: 'An empty {{key}}= line in the go env file hides the default',
      detail:
        'Since go 1.21 a "{{key}}=" line counts: it hides {{key}}={{default}} from $GOROOT/go.env, so {{key}} is empty and {{effectEn}}. (go env -w {{key}}= writes such a line; before go 1.21 it meant "default".)',
      remedy:
        'Unset it (go env -u {{key}}; the fix does this) to get go.env’s value back, or write the value you want.',
    },
    'zh-CN': {
      title: 'go 环境文件中空的 {{key}}= 行遮住了默认值',
      detail:
        '从 go 1.21 起，“{{key}}=” 这一行是有效的：它遮住了 $GOROOT/go.env 中的 {{key}}={{default}}，于是 {{key}} 为空，{{effectZh}}。（go env -w {{key}}= 会写出这样一行；在 go 1.21 之前它表示“使用默认值”。）',
      remedy: '取消设置它（go env -u {{key}}，自动修复即执行此操作）以恢复 go.env 中的值，或写上你需要的值。',
    },
  },
  check(facts) {
    if (!facts.go.version.emptyFileValueCounts) return [];
    return Object.entries(EMPTY_EFFECT).flatMap(([key, effect]) => {
      const v = read(facts, key);
      const raw = facts.go.report.vars[key];
      if (!raw || v.source !== 'env-file' || v.value !== '' || raw.fileValue !== '') return [];
      const hit: Hit = {
        severity: effect.severity,
        params: { key, default: raw.gorootValue ?? '…', effectEn: effect.en, effectZh: effect.zh },
        evidence: [`${key}= (env-file: ${facts.go.report.envFile ?? ''})`],
      };
      if (fixable(facts, v))
        hit.fix = goenvFix(
          `env-empty-line`,
          `Unset ${key} (go env -u ${key})`,
          `取消设置 ${key}（go env -u ${key}）`,
          [],
          [key],
        );
      return [hit];
    });
  },
};

const gorootEnvMissing: Rule = {
  id: 'goroot-env-missing',
  family: 'syntax',
  severity: 'warning',
  text: {
    en: {
      title: 'This go installation has no usable go.env',
      detail:
        'Since go 1.21 the defaults of GOPROXY, GOSUMDB and GOTOOLCHAIN live in {{file}}, which is missing or sets none of them (a custom GOROOT or broken packaging). Unless you set them, GOPROXY is empty (every download fails), GOSUMDB is empty and go never switches toolchains.',
      remedy:
        'Reinstall Go, or set the three yourself: GOPROXY=https://goproxy.cn,direct (or https://proxy.golang.org,direct), GOSUMDB=sum.golang.org, GOTOOLCHAIN=auto.',
    },
    'zh-CN': {
      title: '这个 go 安装没有可用的 go.env',
      detail:
        '从 go 1.21 起，GOPROXY、GOSUMDB 和 GOTOOLCHAIN 的默认值写在 {{file}} 中，而它不存在或没有设置这些变量（自定义 GOROOT 或打包有误）。除非你自己设置，否则 GOPROXY 为空（所有下载都会失败），GOSUMDB 为空，go 也不会切换工具链。',
      remedy:
        '重新安装 Go，或自己设置这三个变量：GOPROXY=https://goproxy.cn,direct（或 https://proxy.golang.org,direct）、GOSUMDB=sum.golang.org、GOTOOLCHAIN=auto。',
    },
  },
  check(facts) {
    const report = facts.go.report;
    if (!facts.go.version.gorootEnv || !report.go || !report.gorootEnvFile) return [];
    if (Object.values(report.vars).some((v) => v.gorootValue !== undefined)) return [];
    const goproxy = read(facts, 'GOPROXY');
    return [
      {
        ...(goproxy.value === '' ? { severity: 'error' as const } : {}),
        params: { file: report.gorootEnvFile },
        evidence: [`${report.gorootEnvFile}: missing or without GOPROXY/GOSUMDB/GOTOOLCHAIN`, line(goproxy)],
      },
    ];
  },
};

const goauthInvalid: Rule = {
  id: 'goauth-invalid',
  family: 'syntax',
  severity: 'error',
  text: {
    en: {
      title: 'go rejects GOAUTH',
      detail: 'GOAUTH is {{value}}. go reads it at its first https request and stops with: {{error}}',
      remedy:
        'Write GOAUTH as commands separated by ";" (the first that answers wins): netrc, off (alone), git /absolute/dir, or a command of your own.',
    },
    'zh-CN': {
      title: 'go 无法接受 GOAUTH 的值',
      detail: 'GOAUTH 为 {{value}}。go 在第一次发出 https 请求时读取它，并报错停止：{{error}}',
      remedy:
        '把 GOAUTH 写成用 “;” 分隔的命令（先有答案的生效）：netrc、off（只能单独使用）、git /绝对路径，或你自己的命令。',
    },
  },
  check(facts) {
    if (!facts.go.version.goauth) return [];
    const v = read(facts, 'GOAUTH');
    const windows = facts.go.platform.goos === 'windows';
    const parsed = parseGoAuth(v.value, facts.go.version, {
      isAbs: (p) => goIsAbs(windows ? 'windows' : 'posix', p),
    });
    // The git-directory checks need the disk: the auth report made them; prefer its verdict.
    const error = facts.go.auth.goauth.error ?? (parsed.ok ? undefined : parsed.error);
    if (error === undefined) return [];
    return [{ params: { value: shown(v.value), error }, evidence: [line(v), error] }];
  },
};

const netrcPortMissing: Rule = {
  id: 'netrc-port-missing',
  family: 'upstream',
  severity: 'warning',
  text: {
    en: {
      title: 'go does not send your .netrc login to {{host}}',
      detail:
        '{{go}} looks for "machine {{host}}" in {{file}}, but line {{line}} says "machine {{machine}}". go sends no credentials, and the mirror answers 401/403.',
      remedy:
        'Write "machine {{host}}" in {{file}} (go 1.21 and later want host:port when the port is not the default).',
    },
    'zh-CN': {
      title: 'go 不会把 .netrc 中的登录信息发给 {{host}}',
      detail:
        '{{go}} 在 {{file}} 中查找 “machine {{host}}”，但第 {{line}} 行写的是 “machine {{machine}}”。go 不会发送任何凭据，镜像会返回 401/403。',
      remedy: '在 {{file}} 中写成 “machine {{host}}”（go 1.21 起，端口不是默认端口时需要写 host:port）。',
    },
  },
  check(facts) {
    const go = facts.go.report.go ? `go ${facts.go.report.go.version.replace(/^go/, '')}` : 'go';
    return [...facts.go.auth.mirrors, ...facts.go.auth.hosts].flatMap((c) =>
      c.warnings
        .filter((w) => w.code === 'netrc-port-missing' || w.code === 'netrc-port-ignored')
        .map((w) => ({
          params: {
            go,
            host: String(w.values.expected ?? c.host),
            machine: String(w.values.machine ?? ''),
            line: String(w.values.line ?? ''),
            file: String(w.values.file ?? ''),
          },
          evidence: [
            `${String(w.values.file ?? '')}:${String(w.values.line ?? '')}: machine ${String(w.values.machine ?? '')}`,
            `go asks for machine ${String(w.values.expected ?? c.host)}`,
          ],
        })),
    );
  },
};

export const toolchainRules: Rule[] = [
  gotoolchainInvalid,
  envEmptyLine,
  gorootEnvMissing,
  toolchainGosumdbOff,
  toolchainNotServed,
  toolchainLocalTooOld,
  toolchainLanguageVersion,
  goauthInvalid,
  netrcPortMissing,
];
