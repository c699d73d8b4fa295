import type { GoEnvVar } from '../../../shared/contract';
import { parseGoEnvFile } from '../../../shared/go/envfile';
import { parseGoProxy, redactUrl } from '../../../shared/go/goproxy';
import { fields, fromBytes, quote, toBytes } from '../../../shared/go/gostrings';
import { parseGoSumDb } from '../../../shared/go/gosumdb';
import { parseGoVcs } from '../../../shared/go/govcs';
import { goFacts } from '../../../shared/go/versions';
import { matchPrefixPatterns, patternProblems, type PatternProblem } from '../../../shared/go/patterns';
import { checkEnvWrite } from '../goenv/validate';
import { goQuotedSplit } from '../goenv/gostd';
import type { Facts, FixSpec, Hit, Rule } from './types';
import { withoutTrailingSlashes } from '../../../shared/text';

/**
 * The "syntax and precedence" family: what go rejects in the settings (with go's own words, from the
 * exact ports in shared/go), what it silently accepts but does not do what the user meant, and which
 * value wins where. Every rule reads Facts only; evidence shows values as go sees them, passwords
 * masked the way go masks them.
 */

// ---------------------------------------------------------------------------------------------
// Reading values

export interface Value {
  key: string;
  value: string;
  source: GoEnvVar['source'];
}

export function read(facts: Facts, key: string): Value {
  const v = facts.go.report.vars[key];
  return { key, value: v?.value ?? '', source: v?.source ?? 'default' };
}

/** Control characters made visible (a '\r' from a CRLF env file is the usual one). */
const visible = (s: string): string =>
  s.replace(/[\r\n\t]/g, (c) => (c === '\r' ? '\\r' : c === '\n' ? '\\n' : '\\t'));

/**
 * Text with every URL-like word's password masked as go's url.Redacted does. Words are cut at the
 * separators of the lists we show (GOPROXY's ',' '|', a stray ';', white space, quotes).
 */
function redact(text: string): string {
  return text.replace(/[^\s,|;"']+/g, (word) =>
    word.includes('@') && word.includes('//') ? redactUrl(word) : word,
  );
}

/** The longest value shown whole in a title or an evidence line; past it, how many characters more. */
const MAX_SHOWN = 400;

export const shown = (s: string): string => {
  const text = visible(redact(s.length > MAX_SHOWN * 2 ? s.slice(0, MAX_SHOWN * 2) : s));
  return text.length <= MAX_SHOWN && s.length <= MAX_SHOWN * 2
    ? text
    : `${text.slice(0, MAX_SHOWN)}… (${s.length} characters)`;
};

/** "GOPROXY=https://goproxy.cn,direct (env-file)": one evidence line per variable. */
export const line = (v: Value): string => `${v.key}=${shown(v.value)} (${v.source})`;

/**
 * Whether a goenv fix can change what go sees: it writes the env file, which a non-empty OS variable
 * overrides, and which does not exist with GOENV=off.
 */
const hasEnvFile = (facts: Facts): boolean =>
  facts.go.report.envFile !== null && facts.go.report.envFile !== 'off';

export const fixable = (facts: Facts, v: Value): boolean => v.source !== 'os-env' && hasEnvFile(facts);

/** go on Windows reads `C:\mirror` in GOPROXY as a file path; we know the OS only from go's paths. */
function onWindows(facts: Facts): boolean {
  const { go, envFile } = facts.go.report;
  return [go?.path, envFile].some((p) => p !== undefined && p !== null && /^(?:[A-Za-z]:[\\/]|\\\\)/.test(p));
}

/** For the features of releases older than the version table (go-too-old): go 1.`minor`. */
function versionBefore(facts: Facts, minor: number): boolean {
  const v = facts.go.release;
  return v !== null && v.major === 1 && v.minor < minor;
}

export const goenvFix = (
  id: string,
  en: string,
  zh: string,
  set: string[],
  unset: string[] = [],
): FixSpec => ({
  id,
  summary: { en, 'zh-CN': zh },
  action: { kind: 'goenv', ...(set.length > 0 ? { set } : {}), ...(unset.length > 0 ? { unset } : {}) },
});

// ---------------------------------------------------------------------------------------------
// GOPROXY as text: the entries with the separator after each, so that a fix keeps the user's spelling

interface RawEntry {
  /** The entry as written, spaces and all. */
  text: string;
  trimmed: string;
  /** The separator after it; '' for the last. */
  sep: ',' | '|' | '';
}

function rawEntries(value: string): RawEntry[] {
  const entries: RawEntry[] = [];
  const re = /[,|]/g;
  let start = 0;
  for (let m = re.exec(value); ; m = re.exec(value)) {
    const text = value.slice(start, m ? m.index : value.length);
    entries.push({ text, trimmed: text.trim(), sep: m ? (m[0] as ',' | '|') : '' });
    if (!m) return entries;
    start = m.index + 1;
  }
}

/** The index of the entry that ends the list as go reads it (`direct` or `off`), or -1. */
const terminatorIndex = (entries: RawEntry[]): number =>
  entries.findIndex((e) => e.trimmed === 'direct' || e.trimmed === 'off');

/** Joins entries back, each with its own separator but the last. */
const joinEntries = (entries: RawEntry[]): string =>
  entries.map((e, i) => e.text + (i === entries.length - 1 ? '' : e.sep === '' ? ',' : e.sep)).join('');

const parsesAsGoProxy = (facts: Facts, value: string): boolean =>
  parseGoProxy(value, { windows: onWindows(facts) }).ok;

/** An entry as one proxy URL for comparing (`goproxy.cn/` and `https://GOPROXY.cn` are the same mirror). */
function entryKey(facts: Facts, entry: RawEntry): string | null {
  if (entry.trimmed === '') return null;
  const parsed = parseGoProxy(entry.trimmed, { windows: onWindows(facts) });
  const first = parsed.ok ? parsed.value[0] : undefined;
  if (first?.kind !== 'proxy') return null;
  return withoutTrailingSlashes(first.url!).replace(/^([A-Za-z][\w+.-]*:\/\/[^/]*)/, (s) => s.toLowerCase());
}

/** Whether a ';'-joined entry reads as several entries: each piece is `direct`, `off` or one proxy URL. */
function isSemicolonList(facts: Facts, entry: RawEntry): boolean {
  const pieces = entry.trimmed
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (pieces.length < 2) return false;
  return pieces.every((p) => {
    if (p === 'direct' || p === 'off') return true;
    const parsed = parseGoProxy(p, { windows: onWindows(facts) });
    return parsed.ok && parsed.value.length === 1 && parsed.value[0]!.kind === 'proxy';
  });
}

/** The entries go reads: up to and including `direct`/`off`. */
function readEntries(value: string): RawEntry[] {
  const entries = rawEntries(value);
  const end = terminatorIndex(entries);
  return end < 0 ? entries : entries.slice(0, end + 1);
}

// ---------------------------------------------------------------------------------------------
// Patterns

const PATTERN_VARS = ['GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOINSECURE'] as const;

/**
 * A pattern variable's value as written, when this rule family should look at it: GONOPROXY and
 * GONOSUMDB left at their default are GOPRIVATE's value, already looked at. A '\r' from a CRLF env
 * file is left to envfile-crlf.
 */
function ownPatterns(facts: Facts, key: string): Value | null {
  const v = read(facts, key);
  if (v.value === '') return null;
  if ((key === 'GONOPROXY' || key === 'GONOSUMDB') && v.source === 'default') return null;
  return { ...v, value: v.source === 'env-file' ? v.value.replace(/\r/g, '') : v.value };
}

const PROBLEM_WORDS: Record<Exclude<PatternProblem, 'empty'>, string> = {
  space: 'has white space',
  scheme: 'is a URL, not a module path pattern',
  malformed: 'is a malformed glob',
};

/** What the author most likely meant by a bad pattern, when that is certain; null otherwise. */
function cleanPattern(pattern: string, problem: PatternProblem): string | null {
  if (problem !== 'space' && problem !== 'scheme') return null;
  // " https://git.corp.example" has both: trim first, then drop the scheme.
  const cleaned = pattern.trim().replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//, '');
  if (cleaned === '' || patternProblems(cleaned).length > 0) return null;
  return cleaned;
}

/** Globs and literal paths of a list that can match something (empty and bad entries dropped). */
function usablePatterns(list: string): string[] {
  const bad = new Set(patternProblems(list).map((p) => p.pattern));
  return list.split(',').filter((p) => p !== '' && !bad.has(p));
}

/** Whether every module a GONOPROXY pattern matches is also matched by the GONOSUMDB list. */
function covered(pattern: string, by: string): boolean {
  const glob = pattern.replace(/\/$/, '');
  if (by.split(',').some((p) => p.replace(/\/$/, '') === glob)) return true;
  // A literal path prefix (no glob characters) is covered when it is itself matched: go matches by prefix.
  return !/[*?[\\]/.test(glob) && matchPrefixPatterns(by, glob);
}

// ---------------------------------------------------------------------------------------------
// Variable names

/**
 * Every variable some go knows (internal/cfg.KnownEnv of go 1.19, those added since, and the runtime's),
 * so that a name here is never called unknown, whatever the version.
 */
const EXISTING = new Set<string>([
  ...goFacts(null).knownEnv,
  ...'GOTOOLCHAIN GOAUTH GOARM64 GORISCV64 GOFIPS140 GODEBUG GOTELEMETRY GOTELEMETRYDIR GOCOVERDIR GOVERSION GOMOD'.split(
    ' ',
  ),
  ...'GOGC GOMAXPROCS GOMEMLIMIT GOTRACEBACK GORACE GOROOT_FINAL GOROOT_BOOTSTRAP'.split(' '),
]);

/** The variables people mean when they misspell or invent one. */
const TARGETS = [
  'GOPROXY',
  'GOPRIVATE',
  'GONOPROXY',
  'GONOSUMDB',
  'GOSUMDB',
  'GOINSECURE',
  'GOFLAGS',
  'GOVCS',
  'GOAUTH',
  'GOTOOLCHAIN',
  'GO111MODULE',
] as const;

/** Names found in blog posts and scripts that no go version reads, with what does that job. */
const INVENTED: Readonly<Record<string, string>> = {
  // The name in Go 1.13's betas, renamed GONOSUMDB before the release.
  GONOVERIFY: 'GONOSUMDB',
  GONOSUMCHECK: 'GONOSUMDB',
  GONOSUMCHECKS: 'GONOSUMDB',
  GOSUMCHECK: 'GOSUMDB',
  GOPROXIES: 'GOPROXY',
  GOMIRROR: 'GOPROXY',
  GOMODPROXY: 'GOPROXY',
  GOMODULEPROXY: 'GOPROXY',
  GOSKIPVERIFY: 'GOINSECURE',
  GOINSECURESKIPVERIFY: 'GOINSECURE',
};

/** Words appended to a real name: GOPROXY_URL, GOPRIVATE_HOSTS... */
const SUFFIXES = new Set(['URL', 'URLS', 'LIST', 'S', 'HOST', 'HOSTS', 'ADDR', 'SERVER', 'PATTERNS']);

/** Optimal string alignment distance: a swap of two neighbours counts once (GOPRIAVTE). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The variable a name not known to go most likely stands for, or null when nothing is close. */
function meant(name: string): string | null {
  const upper = name.toUpperCase();
  const squeezed = upper.replace(/_/g, '');
  const invented = INVENTED[upper] ?? INVENTED[squeezed];
  if (invented !== undefined) return invented;
  let best: { target: string; d: number } | null = null;
  for (const target of TARGETS) {
    if (squeezed === target) return target;
    if (squeezed.startsWith(target) && SUFFIXES.has(squeezed.slice(target.length))) return target;
    // Short names are close to many others: allow one slip, two in the long ones. Names whose lengths
    // differ by more cannot be that close, and a 10,000-letter one costs nothing then.
    const limit = target.length >= 9 ? 2 : 1;
    if (Math.abs(squeezed.length - target.length) > limit) continue;
    const d = distance(squeezed, target);
    if (d <= limit && (best === null || d < best.d)) best = { target, d };
  }
  return best?.target ?? null;
}

/** A line of the env file that go ignores although its author meant to set something. */
interface IgnoredLine {
  line: number;
  text: string;
  /** The line's would-be name as written (`"export GOPROXY"`, `goproxy`), for titles. */
  name: string;
  meant: string | null;
  /** The name is go's (maybe in other letter case): only the way the line is written is wrong. */
  form: boolean;
}

/** At most this many ignored lines are judged and shown; the rest are counted. */
const MAX_IGNORED_SHOWN = 20;

function ignoredEnvFileLines(text: string): { lines: IgnoredLine[]; more: number } {
  const found: IgnoredLine[] = [];
  let more = 0;
  text.split('\n').forEach((raw, i) => {
    const l = raw.replace(/\r$/, '');
    if (l.trim() === '' || l.trimStart().startsWith('#')) return;
    const eq = l.indexOf('=');
    // cfg's rule: a line counts when it starts with A-Z and has '='; then only known names are read.
    if (eq > 0 && /^[A-Z]/.test(l) && EXISTING.has(l.slice(0, eq))) return;
    // Shell, cmd and PowerShell habits in front of the name, spaces or ':' after it.
    const m = /^\s*(?:export\s+|set\s+|setx\s+|setenv\s+|\$env:)?([A-Za-z_][A-Za-z0-9_]*)/i.exec(l);
    if (m === null) return;
    const upper = m[1]!.toUpperCase();
    if (found.length >= MAX_IGNORED_SHOWN) {
      if (eq > 0 && /^[A-Z]/.test(l)) more++;
      return;
    }
    const guess = EXISTING.has(upper) ? upper : meant(upper);
    // A plain KEY=VALUE line with an unknown name is dead whatever it meant; other odd lines only
    // when they look like a go variable.
    if (guess === null && !(eq > 0 && /^[A-Z]/.test(l))) return;
    const name = eq > 0 ? l.slice(0, eq) : m[0].trim();
    found.push({
      line: i + 1,
      text: l,
      name: /\s/.test(name) ? JSON.stringify(name) : name,
      meant: guess,
      form: guess === upper,
    });
  });
  return { lines: found, more };
}

// ---------------------------------------------------------------------------------------------
// GOFLAGS

/**
 * base.InitGOFLAGS's check: go's error for GOFLAGS, or null. Since go 1.21 the value is split with
 * quoting ('-ldflags=-s -w' is one flag), before at white space.
 */
function goflagsError(value: string, quotedSplit: boolean): string | null {
  let words: string[];
  if (quotedSplit) {
    const split = goQuotedSplit(value);
    if (!split.ok) return `go: parsing $GOFLAGS: ${split.error}`;
    words = split.fields;
  } else words = fields(toBytes(value)).map(fromBytes);
  const word = goflagsNonFlag(words);
  return word === null ? null : `go: parsing $GOFLAGS: non-flag ${fromBytes(quote(toBytes(redact(word))))}`;
}

/** The first word that is not a flag (-x, --x, -x=value), or null. */
function goflagsNonFlag(words: readonly string[]): string | null {
  for (const word of words) {
    if (
      !word.startsWith('-') ||
      word === '-' ||
      word === '--' ||
      word.startsWith('---') ||
      word.startsWith('-=') ||
      word.startsWith('--=')
    )
      return word;
  }
  return null;
}

const isInsecureFlag = (word: string): boolean => /^--?insecure(?:=|$)/.test(word);

// ---------------------------------------------------------------------------------------------
// The rules

const goproxyInvalid: Rule = {
  id: 'goproxy-invalid',
  family: 'syntax',
  severity: 'error',
  text: {
    en: {
      title: 'go rejects GOPROXY',
      detail: 'GOPROXY is {{value}}. go cannot read it and every module download stops with: {{error}}',
      remedy:
        'Write GOPROXY as a list of proxy URLs (https://, http:// or file://) separated by "," (try the next one on 404/410) or "|" (on any error), usually ending with direct, e.g. https://goproxy.cn,direct.',
    },
    'zh-CN': {
      title: 'go 无法接受 GOPROXY 的值',
      detail: 'GOPROXY 为 {{value}}。go 无法解析它，所有模块下载都会失败并报错：{{error}}',
      remedy:
        '把 GOPROXY 写成代理地址（https://、http:// 或 file://）的列表，用 “,”（遇到 404/410 时尝试下一个）或 “|”（遇到任何错误都尝试下一个）分隔，通常以 direct 结尾，例如 https://goproxy.cn,direct。',
    },
  },
  check(facts) {
    const v = read(facts, 'GOPROXY');
    // An empty GOPROXY (go 1.21+: an empty line in the env file) is env-empty-line's, with its fix.
    if (v.value === '') return [];
    const parsed = parseGoProxy(v.value, { windows: onWindows(facts) });
    if (parsed.ok) return [];
    const error = shown(parsed.error);
    return [{ params: { value: shown(v.value), error }, evidence: [line(v), `go: ${error}`] }];
  },
};

const goproxySemicolon: Rule = {
  id: 'goproxy-semicolon',
  family: 'syntax',
  severity: 'error',
  text: {
    en: {
      title: 'GOPROXY uses ";" between entries',
      detail:
        'go separates GOPROXY entries with "," or "|" only, so {{entries}} is one URL to it: not the mirror you meant, and nothing after the ";" is a fallback.',
      remedy: 'Separate the entries with ",": GOPROXY={{suggestion}}',
    },
    'zh-CN': {
      title: 'GOPROXY 用 “;” 分隔条目',
      detail:
        'go 只用 “,” 或 “|” 分隔 GOPROXY 的条目，所以 {{entries}} 在 go 看来是一个地址：不是你想要的镜像，“;” 之后的内容也不会作为后备。',
      remedy: '用 “,” 分隔条目：GOPROXY={{suggestion}}',
    },
  },
  check(facts) {
    const v = read(facts, 'GOPROXY');
    const entries = rawEntries(v.value);
    const end = terminatorIndex(entries);
    const bad = entries.filter((e, i) => (end < 0 || i <= end) && isSemicolonList(facts, e));
    if (bad.length === 0) return [];
    const fixed = joinEntries(
      entries.map((e) => (bad.includes(e) ? { ...e, text: e.text.replace(/;/g, ',') } : e)),
    );
    const hit: Hit = {
      params: { entries: bad.map((e) => shown(e.trimmed)).join(', '), suggestion: shown(fixed) },
      evidence: [line(v), ...bad.map((e) => `one entry to go: ${shown(e.trimmed)}`)],
    };
    if (fixable(facts, v) && parsesAsGoProxy(facts, fixed)) {
      hit.fix = goenvFix(
        'goproxy-semicolon',
        'Set GOPROXY to the same list separated by ","',
        '把 GOPROXY 改为用 “,” 分隔的同一列表',
        [`GOPROXY=${fixed}`],
      );
    }
    return [hit];
  },
};

const goproxyUnusedEntries: Rule = {
  id: 'goproxy-unused-entries',
  family: 'syntax',
  severity: 'warning',
  text: {
    en: {
      title: 'GOPROXY has entries after {{terminator}} that go never uses',
      detail:
        'go reads GOPROXY from the left and stops at the first direct or off, so {{unused}} is never tried, not even when everything before it fails.',
      remedy: 'Put every mirror before direct/off, or drop the entries after it: GOPROXY={{suggestion}}',
    },
    'zh-CN': {
      title: 'GOPROXY 在 {{terminator}} 之后还有 go 永远不会使用的条目',
      detail:
        'go 从左到右读取 GOPROXY，遇到第一个 direct 或 off 就停止，所以 {{unused}} 永远不会被尝试，即使前面的条目全部失败。',
      remedy: '把所有镜像放在 direct/off 之前，或删除其后的条目：GOPROXY={{suggestion}}',
    },
  },
  check(facts) {
    const v = read(facts, 'GOPROXY');
    const entries = rawEntries(v.value);
    const end = terminatorIndex(entries);
    if (end < 0) return [];
    const unused = entries.slice(end + 1).filter((e) => e.trimmed !== '');
    if (unused.length === 0) return [];
    const kept = joinEntries(entries.slice(0, end + 1)).trimEnd();
    const terminator = entries[end]!.trimmed;
    const hit: Hit = {
      params: { terminator, unused: unused.map((e) => shown(e.trimmed)).join(', '), suggestion: shown(kept) },
      evidence: [
        line(v),
        `never used (after ${terminator}): ${unused.map((e) => shown(e.trimmed)).join(', ')}`,
      ],
    };
    if (fixable(facts, v) && parsesAsGoProxy(facts, kept)) {
      hit.fix = goenvFix(
        'goproxy-unused-entries',
        `Drop the GOPROXY entries after ${terminator}`,
        `删除 GOPROXY 中 ${terminator} 之后的条目`,
        [`GOPROXY=${kept}`],
      );
    }
    return [hit];
  },
};

const goproxyDuplicate: Rule = {
  id: 'goproxy-duplicate',
  family: 'syntax',
  severity: 'warning',
  text: {
    en: {
      title: 'GOPROXY lists the same mirror more than once',
      detail:
        '{{entries}} appears more than once in GOPROXY. go asks it again after it has already failed, which only adds the same wait or error a second time.',
      remedy: 'Keep each mirror once, in its first place: GOPROXY={{suggestion}}',
    },
    'zh-CN': {
      title: 'GOPROXY 中同一个镜像出现了多次',
      detail:
        '{{entries}} 在 GOPROXY 中出现了不止一次。它失败后 go 还会再请求一次，只会把同样的等待或错误再来一遍。',
      remedy: '每个镜像只保留第一次出现的位置：GOPROXY={{suggestion}}',
    },
  },
  check(facts) {
    const v = read(facts, 'GOPROXY');
    const entries = rawEntries(v.value);
    const readCount = readEntries(v.value).length;
    const seen = new Map<string, number>();
    const repeats: Array<{ index: number; first: number }> = [];
    entries.slice(0, readCount).forEach((e, i) => {
      const key = entryKey(facts, e);
      if (key === null) return;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else repeats.push({ index: i, first });
    });
    if (repeats.length === 0) return [];
    const removed = new Set(repeats.map((r) => r.index));
    const deduped = joinEntries(entries.filter((_, i) => !removed.has(i)));
    // Positions as a person counts them: the n-th non-empty entry.
    const position = (index: number) => entries.slice(0, index + 1).filter((e) => e.trimmed !== '').length;
    const names = [...new Set(repeats.map((r) => shown(entries[r.first]!.trimmed)))];
    const hit: Hit = {
      params: { entries: names.join(', '), suggestion: shown(deduped) },
      evidence: [
        line(v),
        ...repeats.map(
          (r) =>
            `entry ${position(r.index)} repeats entry ${position(r.first)}: ${shown(entries[r.index]!.trimmed)}`,
        ),
      ],
    };
    if (fixable(facts, v) && parsesAsGoProxy(facts, deduped)) {
      hit.fix = goenvFix(
        'goproxy-duplicate',
        'Remove the repeated GOPROXY entries, keeping the first of each',
        '删除 GOPROXY 中重复的条目，保留每个的第一次出现',
        [`GOPROXY=${deduped}`],
      );
    }
    return [hit];
  },
};

const goproxyOff: Rule = {
  id: 'goproxy-off',
  family: 'syntax',
  severity: 'error',
  text: {
    en: {
      title: 'GOPROXY=off: go downloads no modules',
      detail:
        'GOPROXY starts with off, so every module not already in the module cache fails with "module lookup disabled by GOPROXY=off"; only modules matching GONOPROXY/GOPRIVATE are still fetched directly.',
      remedy:
        'Unless this machine must stay offline, choose a mirror (goproxy-desk use goproxy.cn, or GOPROXY=https://goproxy.cn,direct); use off only for a single command, e.g. GOPROXY=off go build.',
    },
    'zh-CN': {
      title: 'GOPROXY=off：go 不会下载任何模块',
      detail:
        'GOPROXY 以 off 开头，所以模块缓存中没有的模块都会失败并报 “module lookup disabled by GOPROXY=off”；只有匹配 GONOPROXY/GOPRIVATE 的模块仍会直接获取。',
      remedy:
        '除非这台电脑必须离线，请选择一个镜像（goproxy-desk use goproxy.cn，或 GOPROXY=https://goproxy.cn,direct）；off 只用于单条命令，例如 GOPROXY=off go build。',
    },
  },
  check(facts) {
    const v = read(facts, 'GOPROXY');
    const first = rawEntries(v.value).find((e) => e.trimmed !== '');
    if (first?.trimmed !== 'off') return [];
    return [{ evidence: [line(v)] }];
  },
};

/** A GOSUMDB naming a database other than the two go knows, with no key: go cannot verify its notes. */
function sumdbWithoutKey(value: string): string | null {
  const name = fields(toBytes(value)).map(fromBytes)[0];
  if (value === 'off' || value === 'sum.golang.google.cn' || name === undefined) return null;
  // A quoted value is quoted-value's case; go's own error is gosumdb-invalid's.
  if (name === 'sum.golang.org' || name.includes('+') || /^["']/.test(name)) return null;
  return name;
}

/**
 * The GOSUMDB people mean when they write a URL: sum.golang.org itself, its Chinese address, or a
 * mirror's proxy of it (`<mirror>/sumdb/sum.golang.org`). Null when unsure.
 */
function sumdbFromUrl(value: string): string | null {
  const words = fields(toBytes(value)).map(fromBytes);
  if (words.length !== 1) return null;
  const url = withoutTrailingSlashes(/^https?:\/\//.test(words[0]!) ? words[0]! : `https://${words[0]!}`);
  let fixed: string | null = null;
  if (url === 'https://sum.golang.org') fixed = 'sum.golang.org';
  else if (url === 'https://sum.golang.google.cn') fixed = 'sum.golang.google.cn';
  else if (/^https?:\/\/[^/]+(?:\/[^/]+)*\/sumdb\/sum\.golang\.org$/.test(url))
    fixed = `sum.golang.org ${url}`;
  return fixed !== null && parseGoSumDb(fixed).ok ? fixed : null;
}

const gosumdbInvalid: Rule = {
  id: 'gosumdb-invalid',
  family: 'syntax',
  severity: 'error',
  text: {
    en: {
      title: 'go rejects GOSUMDB',
      detail:
        'GOSUMDB is {{value}}. go cannot use it, so every download that needs a checksum check stops with: {{error}}',
      remedy:
        'Write GOSUMDB as off, sum.golang.org, sum.golang.google.cn, or "name+hash+key [url]" for another checksum database, e.g. "sum.golang.org https://goproxy.cn/sumdb/sum.golang.org".',
    },
    'zh-CN': {
      title: 'go 无法接受 GOSUMDB 的值',
      detail: 'GOSUMDB 为 {{value}}。go 无法使用它，所有需要校验和检查的下载都会失败并报错：{{error}}',
      remedy:
        '把 GOSUMDB 写成 off、sum.golang.org、sum.golang.google.cn，或其他校验和数据库的 “名称+哈希+公钥 [地址]”，例如 “sum.golang.org https://goproxy.cn/sumdb/sum.golang.org”。',
    },
  },
  check(facts) {
    const v = read(facts, 'GOSUMDB');
    // An empty GOSUMDB (go 1.21+: an empty line in the env file) is env-empty-line's, with its fix.
    if (sumdbWithoutKey(v.value) !== null || v.value === '') return [];
    const parsed = parseGoSumDb(v.value);
    if (parsed.ok) return [];
    const error = shown(parsed.error);
    return [{ params: { value: shown(v.value), error }, evidence: [line(v), `go: ${error}`] }];
  },
};

const gosumdbMissingKey: Rule = {
  id: 'gosumdb-missing-key',
  family: 'syntax',
  severity: 'error',
  text: {
    en: {
      title: 'GOSUMDB names a checksum database without its public key',
      detail:
        'GOSUMDB is {{value}}. go knows the key of sum.golang.org only; for any other name ({{name}}) it needs "name+hash+key", and fails with "invalid GOSUMDB: malformed verifier id". A mirror that proxies the checksum database is written as the database\'s name followed by the URL.',
      remedy:
        'To check against sum.golang.org through a mirror write GOSUMDB="sum.golang.org https://<mirror>/sumdb/sum.golang.org" (or sum.golang.google.cn); for your own database add its verifier key: GOSUMDB="name+hash+key [url]".',
    },
    'zh-CN': {
      title: 'GOSUMDB 指定的校验和数据库缺少公钥',
      detail:
        'GOSUMDB 为 {{value}}。go 只知道 sum.golang.org 的公钥；其他名称（{{name}}）必须写成 “名称+哈希+公钥”，否则会报 “invalid GOSUMDB: malformed verifier id”。经由镜像代理校验和数据库时，应写数据库的名称，再加镜像地址。',
      remedy:
        '通过镜像使用 sum.golang.org 时写 GOSUMDB="sum.golang.org https://<镜像>/sumdb/sum.golang.org"（或 sum.golang.google.cn）；自建数据库请加上它的验证公钥：GOSUMDB="名称+哈希+公钥 [地址]"。',
    },
  },
  check(facts) {
    const v = read(facts, 'GOSUMDB');
    const name = sumdbWithoutKey(v.value);
    if (name === null) return [];
    const parsed = parseGoSumDb(v.value);
    const hit: Hit = {
      params: { value: shown(v.value), name: shown(name) },
      evidence: [line(v), ...(parsed.ok ? [] : [`go: ${shown(parsed.error)}`])],
    };
    const fixed = sumdbFromUrl(v.value);
    if (fixed !== null && fixable(facts, v)) {
      hit.fix = goenvFix(
        'gosumdb-missing-key',
        `Set GOSUMDB to "${shown(fixed)}" (sum.golang.org, checked with its built-in key)`,
        `把 GOSUMDB 设为 “${shown(fixed)}”（sum.golang.org，用内置公钥校验）`,
        [`GOSUMDB=${fixed}`],
      );
    }
    return [hit];
  },
};

const govcsInvalid: Rule = {
  id: 'govcs-invalid',
  family: 'syntax',
  severity: 'error',
  text: {
    en: {
      title: 'go rejects GOVCS',
      detail: 'GOVCS is {{value}}. Every direct fetch from a version control system stops with: {{error}}',
      remedy:
        'Write GOVCS as "pattern:vcs|vcs" rules separated by ",", e.g. private:git|hg,public:git; or unset it to use go\'s default (public: git|hg, private: all).',
    },
    'zh-CN': {
      title: 'go 无法接受 GOVCS 的值',
      detail: 'GOVCS 为 {{value}}。所有直接从版本控制系统获取的操作都会失败并报错：{{error}}',
      remedy:
        '把 GOVCS 写成用 “,” 分隔的 “模式:vcs|vcs” 规则，例如 private:git|hg,public:git；或取消设置，使用 go 的默认值（public: git|hg，private: all）。',
    },
  },
  check(facts) {
    const v = read(facts, 'GOVCS');
    if (v.value === '') return [];
    const parsed = parseGoVcs(v.value);
    if (parsed.ok) return [];
    const error = shown(parsed.error);
    return [{ params: { value: shown(v.value), error }, evidence: [line(v), `go: ${error}`] }];
  },
};

const patternProblemsRule: Rule = {
  id: 'pattern-problems',
  family: 'syntax',
  severity: 'warning',
  text: {
    en: {
      title: 'Patterns in {{variables}} that never match',
      detail:
        'go splits these lists at "," only and does not trim them, so an entry with white space, a URL scheme or a malformed glob never matches any module path, and go says nothing: {{patterns}}. The modules they were meant for are treated as public (fetched through GOPROXY, checked against the checksum database).',
      remedy:
        'Write module path prefixes or globs separated by "," alone, without spaces or https://, e.g. GOPRIVATE=git.corp.example,github.com/corp/*.',
    },
    'zh-CN': {
      title: '{{variables}} 中有永远不会匹配的模式',
      detail:
        'go 只按 “,” 拆分这些列表，且不去除空白，所以含空白、URL 协议头或格式错误的通配符的条目永远不会匹配任何模块路径，go 也不会提示：{{patterns}}。它们本该覆盖的模块会被当作公开模块（经由 GOPROXY 获取，并向校验和数据库核对）。',
      remedy:
        '只用 “,” 分隔模块路径前缀或通配符，不要空格，也不要 https://，例如 GOPRIVATE=git.corp.example,github.com/corp/*。',
    },
  },
  check(facts) {
    const evidence: string[] = [];
    const described: string[] = [];
    const variables: string[] = [];
    const set: string[] = [];
    for (const key of PATTERN_VARS) {
      const v = ownPatterns(facts, key);
      if (v === null) continue;
      const problems = patternProblems(v.value).filter((p) => p.problem !== 'empty');
      if (problems.length === 0) continue;
      variables.push(key);
      evidence.push(line(v));
      for (const { pattern, problem } of problems) {
        const words = PROBLEM_WORDS[problem as Exclude<PatternProblem, 'empty'>];
        evidence.push(`${key}: ${JSON.stringify(shown(pattern))} ${words}`);
        described.push(`${JSON.stringify(shown(pattern))} (${key})`);
      }
      // GOINSECURE is left alone: making its patterns match turns off TLS checks, which is for the user to do.
      const cleaned = problems.map((p) => cleanPattern(p.pattern, p.problem));
      if (key !== 'GOINSECURE' && fixable(facts, v) && cleaned.every((c) => c !== null)) {
        const replace = new Map(problems.map((p, i) => [p.pattern, cleaned[i]!]));
        set.push(
          `${key}=${v.value
            .split(',')
            .map((p) => replace.get(p) ?? p)
            .join(',')}`,
        );
      }
    }
    if (variables.length === 0) return [];
    const hit: Hit = {
      params: { variables: variables.join(', '), patterns: described.join(', ') },
      evidence,
    };
    if (set.length > 0) {
      const keys = set.map((s) => s.slice(0, s.indexOf('='))).join(', ');
      hit.fix = goenvFix(
        'pattern-problems',
        `Remove the spaces and URL schemes from ${keys}`,
        `去掉 ${keys} 中的空白和 URL 协议头`,
        set,
      );
    }
    return [hit];
  },
};

const gonoproxyWithoutGonosumdb: Rule = {
  id: 'gonoproxy-without-gonosumdb',
  family: 'syntax',
  severity: 'warning',
  text: {
    en: {
      title: 'Modules in GONOPROXY are still checked against the checksum database',
      detail:
        'GONOPROXY makes go fetch {{patterns}} directly, but GONOSUMDB (which defaults to GOPRIVATE) does not cover them, so go still asks the checksum database for their checksums: for private modules that lookup fails (404/410 "verifying module") and sends their paths to a public server (golang/go#32184).',
      remedy:
        'Add them to GONOSUMDB: GONOSUMDB={{suggestion}}. Or list private modules in GOPRIVATE, which sets both GONOPROXY and GONOSUMDB.',
    },
    'zh-CN': {
      title: 'GONOPROXY 中的模块仍会向校验和数据库核对',
      detail:
        'GONOPROXY 让 go 直接获取 {{patterns}}，但 GONOSUMDB（默认等于 GOPRIVATE）没有覆盖它们，所以 go 仍会向校验和数据库查询它们的校验和：对私有模块，这次查询会失败（404/410 “verifying module”），并把模块路径发给公共服务器（golang/go#32184）。',
      remedy:
        '把它们加入 GONOSUMDB：GONOSUMDB={{suggestion}}。或者把私有模块写进 GOPRIVATE，它同时设置 GONOPROXY 和 GONOSUMDB。',
    },
  },
  check(facts) {
    const noproxy = read(facts, 'GONOPROXY');
    const nosumdb = read(facts, 'GONOSUMDB');
    const sumdb = read(facts, 'GOSUMDB');
    // With the checksum database off nothing is asked; with the CRLF rule's '\r' nothing matches anyway.
    if (noproxy.value === '' || sumdb.value === 'off') return [];
    const by = nosumdb.value.replace(/\r/g, '');
    const uncovered = usablePatterns(noproxy.value.replace(/\r/g, '')).filter((p) => !covered(p, by));
    if (uncovered.length === 0) return [];
    const suggestion = [...usablePatterns(by), ...uncovered].join(',');
    const privateVar = read(facts, 'GOPRIVATE');
    const hit: Hit = {
      params: { patterns: shown(uncovered.join(', ')), suggestion: shown(suggestion) },
      evidence: [
        line(noproxy),
        line(nosumdb),
        ...(privateVar.value !== '' ? [line(privateVar)] : []),
        `not in GONOSUMDB: ${shown(uncovered.join(', '))}`,
      ],
    };
    if (fixable(facts, nosumdb)) {
      hit.fix = goenvFix(
        'gonoproxy-without-gonosumdb',
        'Add the GONOPROXY patterns to GONOSUMDB',
        '把 GONOPROXY 中的模式加入 GONOSUMDB',
        [`GONOSUMDB=${suggestion}`],
      );
    }
    return [hit];
  },
};

const unknownGoVariables: Rule = {
  id: 'unknown-go-variables',
  family: 'syntax',
  severity: 'warning',
  text: {
    en: {
      title: 'Settings go never reads: {{names}}',
      detail:
        'No go version reads these names, so they change nothing: {{list}}. (Names such as GONOSUMCHECK or GOPROXY_URL circulate in blog posts; in the env file, go reads only lines of the exact form NAME=value with a name it knows.)',
      remedy:
        'Move each value to the variable it was meant for (go env -w NAME=value), then delete the wrong line or variable.',
    },
    'zh-CN': {
      title: 'go 从不读取的设置：{{names}}',
      detail:
        '没有任何版本的 go 读取这些名称，它们不起作用：{{list}}。（GONOSUMCHECK、GOPROXY_URL 之类的名称常见于网上文章；环境文件中，go 只读取形如 NAME=value、且名称是它认识的行。）',
      remedy: '把每个值改设到本来要设的变量上（go env -w NAME=value），再删除错误的行或变量。',
    },
  },
  check(facts) {
    const evidence: string[] = [];
    const names: string[] = [];
    const list: string[] = [];
    for (const [name, value] of Object.entries(facts.go.osGoVars).sort(([a], [b]) => a.localeCompare(b))) {
      if (EXISTING.has(name)) continue;
      // Other tools have GO* variables of their own: only names close to go's are worth a word.
      const guess = meant(name);
      if (guess === null) continue;
      names.push(name);
      list.push(`${name} → ${guess}`);
      evidence.push(`${name}=${shown(value)} (os-env): probably ${guess}`);
    }
    const ignoredLines = ignoredEnvFileLines(facts.go.envFileText ?? '');
    for (const ignored of ignoredLines.lines) {
      const name = shown(ignored.name);
      names.push(name);
      list.push(ignored.meant === null ? name : `${name} → ${ignored.meant}`);
      evidence.push(
        `env file line ${ignored.line}: ${shown(ignored.text)}: ${
          ignored.meant === null
            ? 'no such variable'
            : ignored.form
              ? `not read as ${ignored.meant} (go reads only lines of the form ${ignored.meant}=value)`
              : `probably ${ignored.meant}`
        }`,
      );
    }
    if (names.length === 0) return [];
    if (ignoredLines.more > 0) {
      // Thousands of dead lines make one finding, not a report of megabytes.
      const more = `… ${ignoredLines.more} more`;
      names.push(more);
      list.push(more);
      evidence.push(`… and ${ignoredLines.more} more lines of the env file that go ignores`);
    }
    return [{ params: { names: names.join(', '), list: list.join('; ') }, evidence }];
  },
};

const goflagsInsecure: Rule = {
  id: 'goflags-insecure',
  family: 'syntax',
  severity: 'error',
  text: {
    en: {
      title: 'GOFLAGS contains -insecure, which go no longer supports',
      detail:
        'GOFLAGS is {{value}}. go get\'s -insecure was deprecated in Go 1.16 and removed in 1.17: go get now stops with "go: -insecure flag is no longer supported; use GOINSECURE instead". (In older go it also turned off checksum verification for everything.)',
      remedy:
        'Remove -insecure from GOFLAGS. For modules served over plain http or with untrusted certificates list them in GOINSECURE; for private modules use GOPRIVATE (or GONOSUMDB).',
    },
    'zh-CN': {
      title: 'GOFLAGS 含有 go 已不再支持的 -insecure',
      detail:
        'GOFLAGS 为 {{value}}。go get 的 -insecure 在 Go 1.16 中被弃用、1.17 中被移除：现在 go get 会失败并报 “go: -insecure flag is no longer supported; use GOINSECURE instead”。（在旧版 go 中，它还会对所有模块关闭校验和校验。）',
      remedy:
        '从 GOFLAGS 中删除 -insecure。通过普通 http 或不受信任证书提供的模块，请写进 GOINSECURE；私有模块请用 GOPRIVATE（或 GONOSUMDB）。',
    },
  },
  check(facts) {
    const v = read(facts, 'GOFLAGS');
    const words = fields(toBytes(v.value)).map(fromBytes);
    if (!words.some(isInsecureFlag)) return [];
    const rest = words.filter((w) => !isInsecureFlag(w));
    const hit: Hit = { params: { value: shown(v.value) }, evidence: [line(v)] };
    if (fixable(facts, v)) {
      hit.fix =
        rest.length > 0
          ? goenvFix('goflags-insecure', 'Remove -insecure from GOFLAGS', '从 GOFLAGS 中删除 -insecure', [
              `GOFLAGS=${rest.join(' ')}`,
            ])
          : goenvFix(
              'goflags-insecure',
              'Unset GOFLAGS (it only held -insecure)',
              '取消设置 GOFLAGS（其中只有 -insecure）',
              [],
              ['GOFLAGS'],
            );
    }
    return [hit];
  },
};

const goflagsInvalid: Rule = {
  id: 'goflags-invalid',
  family: 'syntax',
  severity: 'error',
  text: {
    en: {
      title: 'GOFLAGS has a word that is not a flag',
      detail:
        'GOFLAGS is {{value}}. go splits it at white space and every word must be a flag (-name or -name=value), so every go command (but go env and go bug) stops with: {{error}}',
      remedy:
        'Write each flag with its leading "-" and its value after "=", e.g. GOFLAGS=-mod=mod; separate flags with spaces, never quote them.',
    },
    'zh-CN': {
      title: 'GOFLAGS 中有不是标志的词',
      detail:
        'GOFLAGS 为 {{value}}。go 按空白拆分它，每个词都必须是标志（-name 或 -name=value），所以除 go env 和 go bug 外的所有 go 命令都会失败并报错：{{error}}',
      remedy:
        '每个标志都以 “-” 开头，值写在 “=” 之后，例如 GOFLAGS=-mod=mod；标志之间用空格分隔，不要加引号。',
    },
  },
  check(facts) {
    const v = read(facts, 'GOFLAGS');
    const error = goflagsError(v.value, facts.go.version.goflagsQuoted);
    if (error === null) return [];
    return [{ params: { value: shown(v.value), error }, evidence: [line(v), error] }];
  },
};

const osEnvOverridesFile: Rule = {
  id: 'os-env-overrides-file',
  family: 'syntax',
  severity: 'warning',
  text: {
    en: {
      title: 'OS environment variables override the go env file: {{keys}}',
      detail:
        'go prefers a non-empty OS environment variable to its env file, so what go env -w (and GoProxy Desk) write for {{keys}} has no effect; go env -w only prints a warning.',
      remedy:
        'Change or remove {{keys}} where the OS environment sets it: {{where}}. If no place is found, it comes from whatever started this program (terminal profile, IDE settings, a service definition). Then open a new terminal and check with go env.',
    },
    'zh-CN': {
      title: '系统环境变量覆盖了 go 环境文件：{{keys}}',
      detail:
        'go 优先使用非空的系统环境变量，其次才是环境文件，所以 go env -w（以及 GoProxy Desk）为 {{keys}} 写入的值不会生效；go env -w 只会打印一条警告。',
      remedy:
        '到系统环境中设置它的地方修改或删除 {{keys}}：{{where}}。如果没有找到，它来自启动本程序的环境（终端配置、IDE 设置、服务定义）。然后打开新的终端，用 go env 确认。',
    },
  },
  check(facts) {
    if (facts.go.overrides.length === 0) return [];
    const evidence: string[] = [];
    const where: string[] = [];
    for (const o of facts.go.overrides) {
      const fileValue = facts.go.report.vars[o.key]?.fileValue;
      evidence.push(
        `${o.key}=${shown(o.osValue)} (os-env) ${fileValue === undefined ? 'wins over any env file value' : `hides ${o.key}=${shown(fileValue)} (env-file)`}`,
      );
      if (o.sources.length === 0)
        evidence.push(`${o.key}: not found in the shell startup files, registry or launchctl`);
      for (const s of o.sources) {
        const place =
          s.kind === 'file'
            ? `${s.location}${s.line !== undefined ? `:${s.line}` : ''}`
            : s.kind === 'registry'
              ? s.location
              : 'launchctl setenv';
        where.push(`${place} (${o.key})`);
        evidence.push(`${o.key} set in ${place}${s.text !== undefined ? `: ${shown(s.text)}` : ''}`);
      }
    }
    return [
      {
        params: {
          keys: facts.go.overrides.map((o) => o.key).join(', '),
          where: where.length > 0 ? where.join(', ') : '—',
        },
        evidence,
      },
    ];
  },
};

const envfileCrlf: Rule = {
  id: 'envfile-crlf',
  family: 'syntax',
  severity: 'warning',
  text: {
    en: {
      title: 'The go env file has Windows line ends (CR): {{keys}}',
      detail:
        'go splits its env file at "\\n" only and keeps the "\\r" as the last character of each value, so {{keys}} end in an invisible CR. In GOPRIVATE-style patterns that entry then never matches; elsewhere go may or may not trim it.',
      remedy:
        'Rewrite the values without the CR (go env -w does), and edit {{file}} only with an editor that keeps "\\n" line ends.',
    },
    'zh-CN': {
      title: 'go 环境文件使用了 Windows 换行符（CR）：{{keys}}',
      detail:
        'go 只按 “\\n” 拆分环境文件，并把 “\\r” 保留为每个值的最后一个字符，所以 {{keys}} 的值末尾有一个看不见的 CR。在 GOPRIVATE 之类的模式中，这个条目永远不会匹配；在其他变量中 go 不一定会去掉它。',
      remedy: '重写这些值、去掉 CR（go env -w 会这样写），并且只用保持 “\\n” 换行的编辑器编辑 {{file}}。',
    },
  },
  check(facts) {
    const text = facts.go.envFileText;
    if (text === null || !text.includes('\r')) return [];
    const values = parseGoEnvFile(text);
    const affected = [...values].filter(([, value]) => value.includes('\r'));
    const crLines = text.split('\n').filter((l) => l.includes('\r')).length;
    const file = facts.go.report.envFile ?? 'the env file';
    const keys = affected.map(([key]) => key);
    const hit: Hit = {
      params: { keys: keys.length > 0 ? keys.join(', ') : '—', file },
      evidence: [
        `${file}: ${crLines} line(s) with CR`,
        ...affected.map(([key, value]) => `${key}=${shown(value)} (env-file)`),
      ],
    };
    // Only what go env -w accepts can be rewritten this way (not unknown names, GOENV or read-only ones).
    const style = onWindows(facts) ? 'windows' : 'posix';
    const set = affected
      .map(([key, value]) => [key, value.replace(/\r/g, '')] as const)
      .filter(([key, value]) => checkEnvWrite(facts.go.version, style, key, value) === null)
      .map(([key, value]) => `${key}=${value}`);
    if (set.length > 0 && hasEnvFile(facts)) {
      hit.fix = goenvFix(
        'envfile-crlf',
        `Rewrite ${set.map((s) => s.slice(0, s.indexOf('='))).join(', ')} without the CR`,
        `去掉 CR 后重写 ${set.map((s) => s.slice(0, s.indexOf('='))).join(', ')}`,
        set,
      );
    }
    return [hit];
  },
};

const quotedValue: Rule = {
  id: 'quoted-value',
  family: 'syntax',
  severity: 'error',
  text: {
    en: {
      title: 'Quotes are part of the value of {{keys}}',
      detail:
        'go takes environment and env file values literally: the quotes around {{keys}} become part of the first and last entry, which then no longer parse or match. (Windows cmd\'s set KEY="..." and hand-edited env files do this.)',
      remedy: 'Set the value without quotes, e.g. go env -w GOPROXY=https://goproxy.cn,direct.',
    },
    'zh-CN': {
      title: '引号成了 {{keys}} 的值的一部分',
      detail:
        'go 按字面读取环境变量和环境文件的值：{{keys}} 两端的引号会成为第一个和最后一个条目的一部分，使它们无法解析或匹配。（Windows cmd 的 set KEY="..." 和手工编辑环境文件常会这样。）',
      remedy: '不带引号设置该值，例如 go env -w GOPROXY=https://goproxy.cn,direct。',
    },
  },
  check(facts) {
    const quoted = ['GOPROXY', 'GOSUMDB', ...PATTERN_VARS, 'GOFLAGS', 'GOVCS']
      .map((key) => read(facts, key))
      .filter((v) => /^(["']).*\1$/s.test(v.value.replace(/\r$/, '')));
    if (quoted.length === 0) return [];
    const hit: Hit = { params: { keys: quoted.map((v) => v.key).join(', ') }, evidence: quoted.map(line) };
    const set = quoted
      .filter((v) => fixable(facts, v))
      .map((v) => `${v.key}=${v.value.replace(/\r$/, '').slice(1, -1)}`);
    if (set.length > 0) {
      hit.fix = goenvFix(
        'quoted-value',
        `Remove the quotes around ${set.map((s) => s.slice(0, s.indexOf('='))).join(', ')}`,
        `去掉 ${set.map((s) => s.slice(0, s.indexOf('='))).join(', ')} 两端的引号`,
        set,
      );
    }
    return [hit];
  },
};

const goMissing: Rule = {
  id: 'go-missing',
  family: 'syntax',
  severity: 'error',
  text: {
    en: {
      title: 'go is not on PATH',
      detail:
        'No go command was found, so nothing here can be checked against go itself; the values shown come from the env file and the OS environment.',
      remedy:
        'Install Go from https://golang.google.cn/dl/ (or https://go.dev/dl/), make sure its bin folder is on PATH, and run the checklist again.',
    },
    'zh-CN': {
      title: 'PATH 中找不到 go',
      detail: '没有找到 go 命令，所以无法用 go 本身核对这些设置；显示的值来自环境文件和系统环境变量。',
      remedy:
        '请从 https://golang.google.cn/dl/（或 https://go.dev/dl/）安装 Go，确认其 bin 目录在 PATH 中，然后重新检查。',
    },
  },
  check(facts) {
    return facts.go.report.go === null ? [{ evidence: ['go: not found on PATH'] }] : [];
  },
};

const goEnvFailed: Rule = {
  id: 'go-env-failed',
  family: 'syntax',
  severity: 'error',
  text: {
    en: {
      title: 'go env fails',
      detail:
        'go was found but "go env -json" failed, so every go command is likely to fail the same way: {{error}}',
      remedy:
        'Fix what the message names (often a variable set to a value go refuses), then run the checklist again.',
    },
    'zh-CN': {
      title: 'go env 执行失败',
      detail: '找到了 go，但 “go env -json” 失败了，所有 go 命令很可能以同样的方式失败：{{error}}',
      remedy: '修正报错中指出的问题（通常是某个变量被设成了 go 拒绝的值），然后重新检查。',
    },
  },
  check(facts) {
    const { go, goError } = facts.go.report;
    if (go === null || goError === undefined) return [];
    const error = shown(goError.trim());
    return [{ params: { error }, evidence: [`go: ${go.path} (${go.version})`, `go env -json: ${error}`] }];
  },
};

const envFileUnreadable: Rule = {
  id: 'env-file-unreadable',
  family: 'syntax',
  severity: 'error',
  text: {
    en: {
      title: 'go cannot read its env file, so everything in it is ignored',
      detail:
        '{{error}} go skips an env file it cannot read without a word (and waits forever on a named pipe), so none of the settings written there with go env -w apply.',
      remedy:
        'Make {{file}} a regular file you can read (or point GOENV at one), then run the checklist again.',
    },
    'zh-CN': {
      title: 'go 无法读取它的环境文件，其中的设置全部不生效',
      detail:
        '{{error}} go 遇到无法读取的环境文件时会一声不响地跳过（遇到命名管道则会一直等待），所以用 go env -w 写进去的设置都不会生效。',
      remedy: '把 {{file}} 改成你可以读取的普通文件（或让 GOENV 指向这样的文件），然后重新检查。',
    },
  },
  check(facts) {
    const { envFile, envFileError } = facts.go.report;
    if (envFileError === undefined) return [];
    const error = shown(envFileError);
    return [{ params: { error, file: shown(envFile ?? '') }, evidence: [`${envFile ?? ''}: ${error}`] }];
  },
};

/** What each go version started to read, for the settings this family looks at. */
function unsupported(facts: Facts): { features: string[]; breaks: boolean } {
  const features: string[] = [];
  let breaks = false;
  const goproxy = read(facts, 'GOPROXY').value;
  if (versionBefore(facts, 13)) {
    features.push(
      'GOPRIVATE, GONOPROXY, GONOSUMDB, GOSUMDB (go 1.13)',
      'GOPROXY lists, direct, off (go 1.13)',
      'go env -w and the env file (go 1.13)',
    );
    // A list is one URL to this go: every download through the proxy fails.
    if (/[,|]/.test(goproxy)) breaks = true;
  }
  if (versionBefore(facts, 14) && read(facts, 'GOINSECURE').value !== '')
    features.push('GOINSECURE (go 1.14)');
  if (versionBefore(facts, 15) && goproxy.includes('|')) {
    features.push('"|" in GOPROXY (go 1.15)');
    breaks = true;
  }
  if (versionBefore(facts, 16) && read(facts, 'GOVCS').value !== '') features.push('GOVCS (go 1.16)');
  return { features, breaks };
}

const goTooOld: Rule = {
  id: 'go-too-old',
  family: 'syntax',
  severity: 'warning',
  text: {
    en: {
      title: '{{version}} is too old for these settings',
      detail:
        'This go ignores or misreads settings that later versions introduced: {{features}}. What GoProxy Desk configures assumes Go 1.13 or later.',
      remedy:
        'Install a current Go from https://golang.google.cn/dl/ (or https://go.dev/dl/); any supported release reads all of these settings.',
    },
    'zh-CN': {
      title: '{{version}} 太旧，不支持这些设置',
      detail:
        '这个 go 会忽略或误读后续版本才引入的设置：{{features}}。GoProxy Desk 的配置要求 Go 1.13 或更高版本。',
      remedy:
        '请从 https://golang.google.cn/dl/（或 https://go.dev/dl/）安装当前版本的 Go；所有受支持的版本都能读取这些设置。',
    },
  },
  check(facts) {
    const { go } = facts.go.report;
    if (go === null) return [];
    const { features, breaks } = unsupported(facts);
    if (features.length === 0) return [];
    return [
      {
        params: { version: go.version, features: features.join('; ') },
        evidence: [
          `go: ${go.path} (${go.version})`,
          ...features.map((f) => `not known to ${go.version}: ${f}`),
        ],
        // Worse than a warning when the GOPROXY in use is a broken URL to this go.
        ...(breaks ? { severity: 'error' as const } : {}),
      },
    ];
  },
};

export const syntaxRules: Rule[] = [
  goMissing,
  goEnvFailed,
  envFileUnreadable,
  goTooOld,
  goproxyInvalid,
  goproxySemicolon,
  goproxyOff,
  goproxyUnusedEntries,
  goproxyDuplicate,
  gosumdbInvalid,
  gosumdbMissingKey,
  govcsInvalid,
  goflagsInvalid,
  goflagsInsecure,
  quotedValue,
  patternProblemsRule,
  gonoproxyWithoutGonosumdb,
  unknownGoVariables,
  osEnvOverridesFile,
  envfileCrlf,
];
