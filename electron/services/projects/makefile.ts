import { isModuleVar, type ModuleVar, type ParsedFile, type ParseProblem, type Setting } from './settings';

/**
 * A GNU Makefile's module settings (issue 16). A make variable reaches go's environment in a recipe
 * only when it is exported (`export X = v`, `export X`, `export` alone, `.EXPORT_ALL_VARIABLES:`);
 * other assignments are reported with how 'assignment (not exported)' so a checker can say the value
 * never reaches go — except that make also exports a variable it took from its own environment, so an
 * unexported `GOPROXY = x` does reach go when GOPROXY was already set in the shell that ran make.
 * Export is an attribute of the variable, not of a line: an `export X` anywhere exports every value.
 *
 * Covered: `=`, `:=`, `::=`, `:::=`, `?=` (only when the file has not set it before), `+=`, `!=`,
 * `override` (later plain assignments are ignored), `define … endef`, `unexport`, comments, backslash
 * continuations, and `go env -w K=V` in recipe lines. Not covered: conditionals (both branches count),
 * `include`d makefiles, target-specific and pattern-specific variables, and values set on make's
 * command line. Values keep trailing whitespace, as make does.
 */

const MAX_PROBLEMS = 100;
const DIRECTIVE = /^(?:ifeq|ifneq|ifdef|ifndef|else|endif|include|-include|sinclude|vpath|undefine)(?:\s|$)/;
const VAR_NAME = /^[^\s:#=$()]+$/;

interface Assignment {
  key: ModuleVar;
  line: number;
  value: string;
  expands: boolean;
}

/** Cuts a make comment: the first '#' not escaped as '\#'; '\#' becomes '#'. */
function stripComment(s: string): string {
  if (!s.includes('#')) return s;
  let out = '';
  for (let j = 0; j < s.length; j++) {
    if (s.charAt(j) === '\\' && s.charAt(j + 1) === '#') {
      out += '#';
      j++;
    } else if (s.charAt(j) === '#') break;
    else out += s.charAt(j);
  }
  return out;
}

/** Where the assignment operator or the rule's ':' is, outside $(…) and ${…}. */
function findOperator(s: string): { at: number; op: string } | null {
  let depth = 0;
  for (let j = 0; j < s.length; j++) {
    const c = s.charAt(j);
    if (c === '$' && (s.charAt(j + 1) === '(' || s.charAt(j + 1) === '{')) {
      depth++;
      j++;
    } else if ((c === ')' || c === '}') && depth > 0) depth--;
    else if (depth > 0) continue;
    else if (c === '=') {
      const before = s.charAt(j - 1);
      if (before === '?' || before === '+' || before === '!') return { at: j - 1, op: before + '=' };
      return { at: j, op: '=' };
    } else if (c === ':') {
      const m = /^:{1,3}=/.exec(s.slice(j, j + 4));
      return m ? { at: j, op: m[0] } : { at: j, op: ':' };
    }
  }
  return null;
}

/** Splits a shell command's words roughly as sh does (quotes, backslashes), for `go env -w` arguments. */
function shellWords(s: string): { text: string; expands: boolean }[] {
  const words: { text: string; expands: boolean }[] = [];
  let cur: { text: string; expands: boolean } | null = null;
  let quote = '';
  for (let j = 0; j < s.length; j++) {
    const c = s.charAt(j);
    if (quote === '' && (c === ' ' || c === '\t')) {
      if (cur) words.push(cur);
      cur = null;
      continue;
    }
    cur ??= { text: '', expands: false };
    if (quote === '' && (c === "'" || c === '"')) quote = c;
    else if (c === quote) quote = '';
    else if (c === '\\' && quote !== "'" && j + 1 < s.length) cur.text += s.charAt(++j);
    else {
      if (c === '$' && quote !== "'") cur.expands = true;
      cur.text += c;
    }
  }
  if (cur) words.push(cur);
  return words;
}

export function parseMakefile(text: string, file: string): ParsedFile {
  const settings: Setting[] = [];
  const problems: ParseProblem[] = [];
  const problem = (line: number, message: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push({ line, message });
  };
  try {
    const physical = text.split('\n');
    const assignments: Assignment[] = [];
    const set = new Set<string>();
    const overridden = new Set<string>();
    const current = new Map<string, { value: string; expands: boolean }>();
    const exportAttr = new Map<string, boolean>();
    let exportAll = false;
    let inRule = false;
    let define: {
      name: string;
      export: boolean;
      override: boolean;
      op: string;
      line: number;
      body: string[];
    } | null = null;
    let defineDepth = 0;

    const assign = (name: string, op: string, raw: string, line: number, override: boolean): void => {
      if (overridden.has(name) && !override) return;
      if (override) overridden.add(name);
      if (op === '?=' && set.has(name)) return;
      const prev = op === '+=' ? current.get(name) : undefined;
      const value = prev === undefined || prev.value === '' ? raw : `${prev.value} ${raw}`;
      const expands = (prev?.expands ?? false) || raw.includes('$') || op === '!=';
      set.add(name);
      current.set(name, { value, expands });
      if (isModuleVar(name)) assignments.push({ key: name, line, value, expands });
    };

    let p = 0;
    while (p < physical.length) {
      const first = p + 1;
      const parts: string[] = [];
      let piece = (physical[p] ?? '').replace(/\r$/, '');
      p++;
      while (/(^|[^\\])(\\\\)*\\$/.test(piece) && p < physical.length) {
        parts.push(parts.length === 0 ? piece.slice(0, -1).trimEnd() : piece.slice(0, -1).trim());
        piece = (physical[p] ?? '').replace(/\r$/, '');
        p++;
      }
      parts.push(parts.length === 0 ? piece : piece.trim());
      const logical = parts.join(' ');

      if (define !== null) {
        const word = logical.trim();
        if (/^(?:(?:export|override)\s+)*define(?:\s|$)/.test(word)) defineDepth++;
        if (/^endef(?:\s|$)/.test(word)) {
          if (defineDepth === 0) {
            if (define.export) exportAttr.set(define.name, true);
            assign(define.name, define.op, define.body.join('\n'), define.line, define.override);
            define = null;
            continue;
          }
          defineDepth--;
        }
        define.body.push(logical);
        continue;
      }

      if (logical.startsWith('\t') && inRule) {
        const re = /(?:^|[\s;&|(@-])(?:go|\$\(GO\)|\$\{GO\})\s+env\s+-w\s+([^;&|]*)/g;
        for (let m = re.exec(logical); m !== null; m = re.exec(logical)) {
          for (const w of shellWords(m[1] ?? '')) {
            const kv = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(w.text);
            const key = kv?.[1] ?? '';
            if (!isModuleVar(key)) continue;
            const s: Setting = {
              file,
              line: first,
              key,
              value: kv?.[2] ?? '',
              context: 'make',
              how: 'recipe go env -w',
            };
            if (w.expands) s.expands = true;
            settings.push(s);
          }
        }
        continue;
      }

      // Make keeps the whitespace before a comment in a value, so only the start is trimmed here.
      let body = stripComment(logical).replace(/^\s+/, '');
      if (body.trim() === '' || DIRECTIVE.test(body)) continue;

      let isExport = false;
      let isOverride = false;
      for (
        let m = /^(export|override|private)\s+/.exec(body);
        m !== null;
        m = /^(export|override|private)\s+/.exec(body)
      ) {
        if (m[1] === 'export') isExport = true;
        if (m[1] === 'override') isOverride = true;
        body = body.slice(m[0].length);
      }

      const bare = body.trimEnd();
      const defineMatch = /^define\s+(\S+?)\s*(=|:=|::=|:::=|\?=|\+=|!=)?\s*$/.exec(bare);
      if (defineMatch) {
        define = {
          name: defineMatch[1] ?? '',
          export: isExport,
          override: isOverride,
          op: defineMatch[2] ?? '=',
          line: first,
          body: [],
        };
        defineDepth = 0;
        inRule = false;
        continue;
      }

      const op = findOperator(body);
      if (op === null || op.op === ':') {
        if (op === null && (bare === 'export' || bare === 'unexport') && !isExport) {
          exportAll = bare === 'export';
        } else if (op === null && (isExport || bare.startsWith('unexport '))) {
          const names = isExport ? bare : bare.slice('unexport '.length);
          for (const name of names.split(/\s+/)) if (name !== '') exportAttr.set(name, isExport);
        } else if (op !== null) {
          inRule = true;
          if (/^\.EXPORT_ALL_VARIABLES\s*$/.test(body.slice(0, op.at))) exportAll = true;
        } else if (!bare.startsWith('$'))
          problem(first, 'make reads this line as neither a rule nor an assignment ("missing separator").');
        continue;
      }

      inRule = false;
      const name = body.slice(0, op.at).trim();
      if (!VAR_NAME.test(name)) continue;
      if (isExport) exportAttr.set(name, true);
      assign(name, op.op, body.slice(op.at + op.op.length).replace(/^\s+/, ''), first, isOverride);
    }
    if (define !== null) problem(define.line, `define ${define.name} has no endef; make stops here.`);

    const ordered: Setting[] = [];
    for (const a of assignments) {
      const exported = exportAttr.get(a.key) ?? exportAll;
      const s: Setting = {
        file,
        line: a.line,
        key: a.key,
        value: a.value,
        context: 'make',
        how: exported ? 'export' : 'assignment (not exported)',
      };
      if (a.expands) s.expands = true;
      ordered.push(s);
    }
    // Make reads the whole file before any recipe runs, so recipe `go env -w` lines come after.
    for (const s of settings) ordered.push(s);
    return { settings: ordered, problems };
  } catch (err) {
    problem(0, `The file could not be read: ${err instanceof Error ? err.message : String(err)}`);
    return { settings, problems };
  }
}
