import type { DoctorFinding, GoEnvReport, GoEnvVar } from '../../../shared/contract';
import type { Language } from '../../../shared/i18n';
import { goFacts, parseGoRelease } from '../../../shared/go/versions';
import { visible } from '../../../shared/visible';
import { effectiveByContext, type ProjectLayers } from '../projects/scan';
import { MODULE_VARS, type Setting } from '../projects/settings';
import { maskSecrets } from './credentials';
import { evaluate, render } from './engine';
import { integrityRules } from './rules-integrity';
import { syntaxRules } from './rules-syntax';
import { toolchainRules } from './rules-toolchain';
import type { Facts, Hit, Rule } from './types';

/**
 * The checklist per build of a project (issue 16): each context its files set something for (a shell
 * with direnv, the editor's tools, make, a Dockerfile stage, a CI job) gets the rules that judge go's
 * settings, run on that context's values with the go version it runs. A finding the user's own
 * machine has too is not repeated; the rest name the context and the `file:line` of its settings.
 */

/** The rules that judge settings (not the live checks, which ask this machine's network). */
const SETTING_RULES: readonly Rule[] = [...syntaxRules, ...toolchainRules, ...integrityRules];

const MAX_SETTINGS_SHOWN = 20;

export interface ProjectLayerFacts {
  dir: string;
  found: ProjectLayers;
}

function contextLabel(context: string, language: Language): string {
  const colon = context.indexOf(':');
  const kind = colon < 0 ? context : context.slice(0, colon);
  const name = colon < 0 ? '' : context.slice(colon + 1);
  const zh = language === 'zh-CN';
  switch (kind) {
    case 'terminal':
      return zh ? '终端（direnv）' : 'Terminal (direnv)';
    case 'editor-tools':
      return zh ? '编辑器工具' : 'Editor tools';
    case 'make':
      return zh ? 'make' : 'Make';
    case 'container':
      return zh ? `容器 ${name}` : `Container ${name}`;
    case 'ci':
      return zh ? `CI 任务 ${name}` : `CI job ${name}`;
    default:
      return context;
  }
}

/** `file:line: KEY=value (how)`, the value masked and escaped. */
export function settingLine(s: Setting): string {
  return visible(`${s.file}:${s.line}: ${s.key}=${maskSecrets(s.value)} (${s.how})`);
}

/** The go env report a context's go would give: its base layer, then the project's settings. */
function contextReport(
  machine: GoEnvReport,
  context: string,
  settings: readonly Setting[],
  effective: Record<string, { value: string; from: string }>,
  version: string | undefined,
): GoEnvReport {
  const onMachine = context === 'terminal' || context === 'editor-tools' || context === 'make';
  const vars: Record<string, GoEnvVar> = onMachine ? { ...machine.vars } : {};
  if (!onMachine) {
    for (const key of MODULE_VARS) {
      const v = effective[key];
      if (v !== undefined) vars[key] = { value: v.value, source: 'goroot-env', gorootValue: v.value };
    }
  }
  for (const s of settings) {
    if (s.how.includes('not exported')) continue;
    // ENV, export, env: the environment go starts with; `go env -w` in a build: that build's env file.
    const source = s.how.includes('go env -w') ? 'env-file' : 'os-env';
    vars[s.key] = {
      ...(vars[s.key] ?? {}),
      value: s.value,
      source,
      ...(source === 'os-env' ? { osValue: s.value } : { fileValue: s.value }),
    };
  }
  // A stage whose image names its Go version runs that go, not this machine's.
  const go =
    !onMachine && version !== undefined
      ? {
          path: `golang:${version} (image)`,
          version: `go${/^\d+\.\d+$/.test(version) ? `${version}.0` : version}`,
        }
      : machine.go;
  return { ...machine, go, envFile: onMachine ? machine.envFile : null, vars };
}

/** The findings of every context of every project that this machine's settings do not have. */
export function layerFindings(
  facts: Facts,
  projects: readonly ProjectLayerFacts[],
  machineFindings: readonly DoctorFinding[],
  language: Language,
): DoctorFinding[] {
  const onThisMachine = new Set(machineFindings.map((f) => `${f.id}\n${f.title}`));
  const out: DoctorFinding[] = [];
  for (const { found } of projects) {
    const effective = effectiveByContext(found.layers, facts.go.report, {});
    for (const [context, values] of Object.entries(effective)) {
      const settings = found.layers.filter((s) => s.context === context);
      const version = settings.find((s) => s.goVersion !== undefined)?.goVersion;
      const onMachine = context === 'terminal' || context === 'editor-tools' || context === 'make';
      const release = onMachine || version === undefined ? facts.go.release : parseGoRelease(version);
      const contextFacts: Facts = {
        ...facts,
        go: {
          ...facts.go,
          report: contextReport(facts.go.report, context, settings, values, version),
          envFileText: onMachine ? facts.go.envFileText : null,
          release,
          version: onMachine ? facts.go.version : goFacts(version === undefined ? undefined : `go${version}`),
          overrides: [],
          osGoVars: {},
        },
        network: null,
        checksums: null,
        osProxy: null,
        nginx: null,
      };
      const { raw } = evaluate(SETTING_RULES, contextFacts);
      const seen = new Set(onThisMachine);
      for (const r of raw) {
        // A fix changes this machine's env file, not the project's files: none is offered here.
        const finding = render({ rule: r.rule, hit: withoutFix(r.hit) }, language);
        const key = `${finding.id}\n${finding.title}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const text = `${finding.title}\n${finding.detail}\n${finding.evidence.join('\n')}`;
        const related = settings.filter((s) => text.includes(s.key));
        const shown = (related.length > 0 ? related : settings).slice(0, MAX_SETTINGS_SHOWN);
        out.push({
          ...finding,
          title: `${contextLabel(context, language)}${language === 'zh-CN' ? '：' : ': '}${finding.title}`,
          evidence: [...shown.map(settingLine), ...finding.evidence],
        });
      }
    }
  }
  return out;
}

function withoutFix(hit: Hit): Hit {
  const copy: Hit = { ...hit };
  delete copy.fix;
  return copy;
}

type Texts = Record<Language, { title: string; detail: string; remedy: string }>;

function finding(
  id: string,
  severity: DoctorFinding['severity'],
  family: DoctorFinding['family'],
  texts: Texts,
  language: Language,
  evidence: string[],
): DoctorFinding {
  return { id, family, severity, ...texts[language], evidence: evidence.slice(0, MAX_SETTINGS_SHOWN) };
}

/** Pieces of a value that may be URLs: GOPROXY lists, proxy URLs, GOAUTH commands. */
const urlPieces = (value: string): string[] => value.split(/[\s,|;]/).filter((p) => p.includes('@'));

/** An entry that names an HTTP proxy rather than a module mirror: no path, a proxy's port. */
const PROXY_PORTS = new Set(['1080', '3128', '7890', '8080', '8118', '8888', '10809']);
function looksLikeHttpProxy(entry: string, proxies: ReadonlySet<string>): boolean {
  const m = /^(?:https?|socks5h?):\/\/(?:[^@/]*@)?([^/:]+)(?::(\d+))?\/?$/.exec(entry.trim());
  if (!m) return false;
  const bare = entry.trim().replace(/^[a-z0-9]+:\/\//, '');
  return (
    entry.startsWith('socks') ||
    proxies.has(bare.replace(/\/$/, '')) ||
    (m[2] !== undefined && PROXY_PORTS.has(m[2]))
  );
}

/** What only a project's files can get wrong: secrets committed, editor and terminal apart, a proxy as GOPROXY. */
export function projectFileFindings(
  projects: readonly ProjectLayerFacts[],
  language: Language,
): DoctorFinding[] {
  const out: DoctorFinding[] = [];
  for (const { found } of projects) {
    const secrets = found.layers.filter((s) => urlPieces(s.value).some((p) => urlSecretIn(p)));
    if (secrets.length > 0) {
      out.push(
        finding(
          'project-credentials',
          'error',
          'integrity',
          {
            en: {
              title: 'A password is written into a file of the project',
              detail:
                'Files in the project are shared with everyone who can read the repository (and its history, and every image built from it). A proxy or mirror password written there is no longer a secret.',
              remedy:
                'Remove it from the file (and rotate it: the history keeps it). Give CI the value from its secret store (GitHub Actions secrets, GitLab CI/CD variables marked masked), a container build a build secret (RUN --mount=type=secret), and go on your machine ~/.netrc or GOAUTH: go then sends the credentials without a password in GOPROXY.',
            },
            'zh-CN': {
              title: '项目文件中写入了密码',
              detail:
                '项目里的文件会被所有能读取仓库的人看到（包括提交历史和由它构建的每个镜像）。写在这里的代理或镜像密码已不再是秘密。',
              remedy:
                '从文件中删除它（并更换密码：提交历史里仍然保留着）。CI 请从密钥库读取（GitHub Actions secrets、GitLab CI/CD 中设为 masked 的变量），容器构建请用构建密钥（RUN --mount=type=secret），本机的 go 请用 ~/.netrc 或 GOAUTH：这样 go 会发送凭据，而 GOPROXY 中不含密码。',
            },
          },
          language,
          secrets.map(settingLine),
        ),
      );
    }

    const effective = effectiveByContext(found.layers, { go: null, envFile: null, vars: {} }, {});
    const editor = effective['editor-tools']?.GOPROXY;
    const editorSettings = found.layers.filter((s) => s.context === 'editor-tools' && s.key === 'GOPROXY');
    const terminal = effective.terminal?.GOPROXY;
    if (editor !== undefined && editorSettings.length > 0) {
      const off = editor.value.trim() === 'off';
      const differs = terminal !== undefined && terminal.value !== editor.value;
      if (off || differs) {
        out.push(
          finding(
            'project-editor-goproxy',
            'warning',
            'syntax',
            {
              en: {
                title: off
                  ? "The editor's Go tools run with GOPROXY=off"
                  : "The editor's Go tools use another GOPROXY than the terminal",
                detail: off
                  ? 'gopls and the other Go tools the editor starts cannot download a module: imports of modules not yet in the module cache stay unresolved in the editor while go build in a terminal works.'
                  : 'gopls and the other Go tools the editor starts fetch modules from another mirror than go in a terminal of this project: the two can see different versions, and one of them may be slow or blocked.',
                remedy:
                  'Remove GOPROXY from go.toolsEnvVars (the tools then use the go env settings), or set the same value as the terminal.',
              },
              'zh-CN': {
                title: off
                  ? '编辑器的 Go 工具以 GOPROXY=off 运行'
                  : '编辑器的 Go 工具与终端使用的 GOPROXY 不同',
                detail: off
                  ? '编辑器启动的 gopls 等 Go 工具无法下载模块：尚未进入模块缓存的依赖在编辑器中一直无法解析，而终端里的 go build 却正常。'
                  : '编辑器启动的 gopls 等 Go 工具与该项目终端中的 go 从不同镜像获取模块：两者可能看到不同版本，其中一个也可能很慢或被屏蔽。',
                remedy:
                  '从 go.toolsEnvVars 中删除 GOPROXY（工具会沿用 go env 的设置），或设为与终端相同的值。',
              },
            },
            language,
            [
              ...editorSettings.map(settingLine),
              ...(terminal ? [`terminal: GOPROXY=${maskSecrets(terminal.value)} (${terminal.from})`] : []),
            ],
          ),
        );
      }
    }

    const proxies = new Set(
      found.layers
        .filter((s) => /^(https?_proxy|HTTPS?_PROXY)$/.test(s.key))
        .map((s) =>
          s.value
            .trim()
            .replace(/^[a-z0-9]+:\/\//, '')
            .replace(/\/$/, ''),
        ),
    );
    const proxyAsMirror = found.layers.filter(
      (s) => s.key === 'GOPROXY' && s.value.split(/[,|]/).some((e) => looksLikeHttpProxy(e, proxies)),
    );
    if (proxyAsMirror.length > 0) {
      out.push(
        finding(
          'project-proxy-as-goproxy',
          'warning',
          'syntax',
          {
            en: {
              title: 'An HTTP proxy is written into GOPROXY',
              detail:
                'GOPROXY names module mirrors, which answer /@v/list and .zip requests; an HTTP proxy (squid, a company proxy, Clash on 7890) does not, so go gets errors or HTML from it. A proxy belongs in HTTPS_PROXY, which go uses to reach the mirrors.',
              remedy:
                'Set HTTPS_PROXY to the proxy and GOPROXY to a mirror, for example GOPROXY=https://goproxy.cn,direct.',
            },
            'zh-CN': {
              title: 'GOPROXY 中写入了 HTTP 代理',
              detail:
                'GOPROXY 填的是模块镜像，它们应答 /@v/list 和 .zip 请求；HTTP 代理（squid、公司代理、7890 端口的 Clash）不会，go 只会得到错误或 HTML 页面。代理应写在 HTTPS_PROXY 中，go 通过它访问镜像。',
              remedy: '把代理设为 HTTPS_PROXY，把 GOPROXY 设为镜像，例如 GOPROXY=https://goproxy.cn,direct。',
            },
          },
          language,
          proxyAsMirror.map(settingLine),
        ),
      );
    }

    if (found.problems.length > 0) {
      out.push(
        finding(
          'project-file-unreadable',
          'warning',
          'syntax',
          {
            en: {
              title: 'Part of the project could not be read',
              detail:
                'Some settings files of the project (or parts of them) could not be read, so what they set was not checked: "no problems" says nothing about them.',
              remedy:
                'Fix what the evidence names (syntax, permissions, a file that is not a regular file) and run the checklist again.',
            },
            'zh-CN': {
              title: '项目的部分内容无法读取',
              detail:
                '项目中部分设置文件（或其中一部分）无法读取，其中的设置没有被检查：“未发现问题”并不涵盖它们。',
              remedy: '修正证据中指出的问题（语法、权限、不是普通文件等），然后重新运行检查。',
            },
          },
          language,
          found.problems.map((p) =>
            visible(maskSecrets(`${p.file}${p.line > 0 ? `:${p.line}` : ''}: ${p.message}`)),
          ),
        ),
      );
    }
  }
  return out;
}

function urlSecretIn(piece: string): boolean {
  return maskSecrets(piece) !== piece || /^[^/@:]+:[^/@]*@/.test(piece);
}
