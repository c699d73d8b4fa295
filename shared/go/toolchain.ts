import { goverCompare, goverFromToolchain, goverIsLang } from './gover';
import { TOOLCHAIN_MODULE } from './route';
import type { GoVersionFacts } from './versions';

/**
 * Which Go toolchain the go command runs for a folder, as cmd/go/internal/toolchain.Select decides it
 * (go 1.21+): GOTOOLCHAIN (`auto` = `local+auto`, `path`, `local`, `go1.X.Y`, `<name>+auto|+path`),
 * then the go.work (else go.mod) `go` and `toolchain` lines when the mode allows upgrades. Pure: the
 * caller reads the files.
 */

export interface ToolchainInputs {
  /** The installed go's version, "go1.25.12" (its GOVERSION). */
  local: string;
  /** The user's effective GOTOOLCHAIN ('' when unset everywhere). */
  gotoolchain: string;
  /** The go.work or go.mod go reads, with its `go` and `toolchain` lines ('' when absent); null for none. */
  file: { path: string; go: string; toolchain: string } | null;
  goos: string;
  goarch: string;
}

export type ToolchainDecision =
  | {
      ok: true;
      /** 'none': this go has no toolchain switching (before 1.21), 'unset': GOTOOLCHAIN is empty. */
      mode: 'auto' | 'path' | 'local' | 'exact' | 'none' | 'unset';
      /** The toolchain go runs: the local one's name ("go1.25.12") when it does not switch. */
      run: string;
      /** Why that one: the default (local or GOTOOLCHAIN's minimum), or a line of the file. */
      reason: 'default' | 'go-line' | 'toolchain-line' | 'toolchain-default';
      /** go switches away from the local toolchain. */
      switches: boolean;
      /** A switch looks in PATH first; `path` mode only there (no download). */
      pathOnly: boolean;
      /** What go downloads when the toolchain is not in PATH (switches && !pathOnly). */
      download: { module: string; version: string } | null;
      /** The version the file asks for ("1.99.0"), when it asks for more than the default. */
      required: string | null;
      /**
       * go's error after choosing: the file needs a newer go than this choice provides (no switch allowed),
       * or a language version that cannot be downloaded. Null when go would run.
       */
      failure: string | null;
    }
  /** GOTOOLCHAIN or the file's toolchain line is invalid: every go command stops with this (go's words). */
  | { ok: false; error: string };

/** gover.GoModLookup: the first `key value` line of a go.mod or go.work, comment stripped; '' when none. */
export function goModLookup(text: string, key: 'go' | 'toolchain'): string {
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith(key)) continue;
    const rest = line.slice(key.length);
    if (rest === '' || (rest[0] !== ' ' && rest[0] !== '\t')) continue;
    const comment = rest.indexOf('//');
    return (comment >= 0 ? rest.slice(0, comment) : rest).trim();
  }
  return '';
}

const quoteGo = (s: string): string => JSON.stringify(s);

export function selectToolchain(
  facts: Pick<GoVersionFacts, 'toolchains' | 'toolchainLanguageVersionResolves'>,
  input: ToolchainInputs,
): ToolchainDecision {
  const localName = input.local;
  const localVers = goverFromToolchain(localName);
  const stay = (
    mode: 'none' | 'unset' | 'local' | 'auto' | 'path' | 'exact',
    failure: string | null = null,
  ) =>
    ({
      ok: true,
      mode,
      run: localName,
      reason: 'default',
      switches: false,
      pathOnly: false,
      download: null,
      required: null,
      failure,
    }) as const;
  if (!facts.toolchains) return stay('none');
  const gotoolchain = input.gotoolchain;
  /** No switch: a go line newer than this go is then modload's TooNewError. */
  const local = (mode: 'unset' | 'local' | 'auto' | 'path' | 'exact', explain: string): ToolchainDecision => {
    const file = input.file;
    if (file === null || goverCompare(file.go, localVers) <= 0) return stay(mode);
    return {
      ...stay(mode, `go: ${file.path} requires go >= ${file.go} (running go ${localVers}${explain})`),
      required: file.go,
    };
  };
  // An empty GOTOOLCHAIN (an empty line, or a go.env without it) keeps go from switching at all.
  if (gotoolchain === '') return local('unset', '');

  let minToolchain = localName;
  let minVers = localVers;
  let mode: 'auto' | 'path' | 'local' | 'exact';
  if (gotoolchain === 'auto' || gotoolchain === 'path') mode = gotoolchain;
  else {
    const plus = gotoolchain.indexOf('+');
    const min = plus >= 0 ? gotoolchain.slice(0, plus) : gotoolchain;
    const suffix = plus >= 0 ? gotoolchain.slice(plus + 1) : '';
    if (min !== 'local') {
      const v = goverFromToolchain(min);
      if (v === '') {
        return {
          ok: false,
          error:
            plus >= 0
              ? `go: invalid GOTOOLCHAIN ${quoteGo(gotoolchain)}: invalid minimum toolchain ${quoteGo(min)}`
              : `go: invalid GOTOOLCHAIN ${quoteGo(gotoolchain)}`,
        };
      }
      minToolchain = min;
      minVers = v;
    }
    if (plus >= 0 && suffix !== 'auto' && suffix !== 'path') {
      return {
        ok: false,
        error: `go: invalid GOTOOLCHAIN ${quoteGo(gotoolchain)}: only version suffixes are +auto and +path`,
      };
    }
    mode = suffix === 'auto' || suffix === 'path' ? suffix : min === 'local' ? 'local' : 'exact';
  }

  let chosen = minToolchain;
  let reason: 'default' | 'go-line' | 'toolchain-line' | 'toolchain-default' = 'default';
  let required: string | null = null;
  const file = input.file;
  if ((mode === 'auto' || mode === 'path') && file !== null) {
    if (file.toolchain === 'default') reason = 'toolchain-default';
    else {
      if (file.toolchain !== '') {
        const toolVers = goverFromToolchain(file.toolchain);
        if (toolVers === '' || (!file.toolchain.startsWith('go') && !file.toolchain.includes('-go')))
          return { ok: false, error: `go: invalid toolchain ${quoteGo(file.toolchain)} in ${file.path}` };
        if (goverCompare(toolVers, minVers) > 0) {
          chosen = file.toolchain;
          minVers = toolVers;
          reason = 'toolchain-line';
          required = toolVers;
        }
      }
      if (goverCompare(file.go, minVers) > 0) {
        chosen = `go${file.go}`;
        // golang/go#62278: a language version (go 1.22) means its first release, 1.22.0.
        if (
          facts.toolchainLanguageVersionResolves &&
          goverIsLang(file.go) &&
          goverCompare(file.go, '1.21') >= 0
        )
          chosen += '.0';
        minVers = file.go;
        reason = 'go-line';
        required = file.go;
      }
    }
  }

  if (chosen === 'local' || chosen === localName)
    return local(mode, gotoolchain !== 'auto' ? `; GOTOOLCHAIN=${gotoolchain}` : '');
  if (!chosen.startsWith('go1') && !chosen.includes('-go1'))
    return { ok: false, error: `go: invalid GOTOOLCHAIN ${quoteGo(chosen)}` };
  const pathOnly = mode === 'path';
  const toolVers = goverFromToolchain(chosen);
  const languageOnly = goverIsLang(toolVers) && goverCompare(toolVers, '1.21') >= 0;
  return {
    ok: true,
    mode,
    run: chosen,
    reason,
    switches: true,
    pathOnly,
    download: pathOnly
      ? null
      : { module: TOOLCHAIN_MODULE, version: `v0.0.1-${chosen}.${input.goos}-${input.goarch}` },
    required,
    // Such a version is never in the list: go then says so instead of "toolchain not available".
    failure: languageOnly
      ? `go: invalid toolchain: ${chosen} is a language version but not a toolchain version (${chosen}.x)`
      : null,
  };
}
