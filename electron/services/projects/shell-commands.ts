import { isModuleVar, type ModuleVar } from './settings';

/**
 * The module settings a shell script makes for the go commands it runs (issue 16), read the way sh
 * splits words: `go env -w K=V`, `export K=V`, `K=V go build` (that command only), and lines a CI step
 * appends to `$GITHUB_ENV`. Shared by the Dockerfile RUN reader and the CI readers. A reader of words,
 * not a shell: nothing is expanded or run, and one pass over the text (a heredoc that is itself a
 * script is read once more, one level deep).
 */

export type ShellHow = 'go env -w' | 'export' | 'inline' | 'GITHUB_ENV';

export interface ShellSetting {
  key: ModuleVar;
  value: string;
  /** The line of the key, counted from `firstLine`. */
  line: number;
  how: ShellHow;
  expands: boolean;
}

export interface ShellOptions {
  /** The line number of the text's first line. */
  firstLine: number;
  /**
   * A Dockerfile RUN without heredocs: the escape character and a newline join lines (trailing blanks
   * allowed), comment lines between them are dropped, and no other newline ends a command.
   */
  dockerJoin?: { escape: string };
  /**
   * The text was folded from several source lines (a YAML folded scalar): every setting is put on
   * `firstLine`, because the value's lines no longer match the file's.
   */
  oneLine?: boolean;
}

interface Word {
  text: string;
  line: number;
  expands: boolean;
  /** Where the first quoted or escaped character starts in `text`; an assignment's name comes before. */
  quotedFrom: number;
}

interface Heredoc {
  body: string;
  line: number;
  expands: boolean;
}

interface Command {
  words: Word[];
  /** Targets of `>` and `>>`. */
  outputs: Word[];
  heredocs: Heredoc[];
  /** The command whose output this one reads through `|`. */
  pipedFrom: Command | null;
  /** It has heredocs whose bodies are still to be read. */
  awaitsHeredoc: boolean;
}

const NAME_EQ = /^[A-Za-z_][A-Za-z0-9_]*=/;
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);
const PREFIX_WORDS = new Set(['then', 'do', 'else', 'elif', 'if', 'while', 'until', '!', '{', 'time']);
const EXPANDS = /\$[A-Za-z_{(]/;

const newCommand = (pipedFrom: Command | null): Command => ({
  words: [],
  outputs: [],
  heredocs: [],
  pipedFrom,
  awaitsHeredoc: false,
});

/** Splits a script into simple commands (`&&`, `||`, `;`, `|`, newlines), with their redirections. */
function splitCommands(text: string, options: ShellOptions): Command[] {
  const join = options.dockerJoin;
  const commands: Command[] = [];
  let line = options.firstLine;
  let cmd = newCommand(null);
  let word: Word | null = null;
  let target: 'out' | 'in' | 'heredoc' | null = null;
  let stripTabs = false;
  const pending: { delimiter: string; strip: boolean; quoted: boolean; cmd: Command }[] = [];
  const n = text.length;
  let i = 0;

  const startWord = (): Word => (word ??= { text: '', line, expands: false, quotedFrom: Infinity });
  const endWord = () => {
    if (word === null) return;
    if (target === 'heredoc') {
      pending.push({ delimiter: word.text, strip: stripTabs, quoted: word.quotedFrom < Infinity, cmd });
      cmd.awaitsHeredoc = true;
    } else if (target === 'out') cmd.outputs.push(word);
    else if (target === null) cmd.words.push(word);
    target = null;
    word = null;
  };
  const endCommand = (piped: boolean) => {
    endWord();
    target = null;
    const used = cmd.words.length > 0 || cmd.outputs.length > 0 || cmd.awaitsHeredoc;
    if (used) commands.push(cmd);
    cmd = newCommand(piped && used ? cmd : null);
  };
  /** At a backslash (or the Dockerfile escape): the length of an escaped newline there, else 0. */
  const continuation = (at: number, escape: string): number => {
    if (text[at] !== escape) return 0;
    let j = at + 1;
    if (join) while (text[j] === ' ' || text[j] === '\t') j++;
    if (text[j] === '\r') j++;
    return text[j] === '\n' ? j + 1 - at : 0;
  };
  const readHeredocs = () => {
    for (const doc of pending) {
      const startLine = line;
      const lines: string[] = [];
      while (i < n) {
        let end = text.indexOf('\n', i);
        if (end < 0) end = n;
        let content = text.slice(i, end);
        if (content.endsWith('\r')) content = content.slice(0, -1);
        if (doc.strip) content = content.replace(/^\t+/, '');
        i = end + 1;
        line++;
        if (content === doc.delimiter) break;
        lines.push(content);
      }
      const body = lines.join('\n');
      doc.cmd.heredocs.push({ body, line: startLine, expands: !doc.quoted && EXPANDS.test(body) });
    }
    pending.length = 0;
  };

  while (i < n) {
    const c = text[i] as string;
    const joined = continuation(i, join ? join.escape : '\\');
    if (joined > 0) {
      i += joined;
      line++;
      // Docker drops comment lines inside a continued instruction before the shell sees it.
      while (join && i < n && /^[ \t]*#/.test(text.slice(i, i + 256))) {
        const end = text.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
        line++;
      }
      continue;
    }
    if (c === '\n') {
      i++;
      line++;
      if (join) {
        endWord();
        continue;
      }
      endCommand(false);
      if (pending.length > 0) readHeredocs();
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      i++;
      continue;
    }
    if (c === '#' && word === null) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? n : end;
      continue;
    }
    if (c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
      const piped = c === '|' && text[i + 1] !== '|' && text[i - 1] !== '|';
      endCommand(piped);
      i++;
      continue;
    }
    if (c === '>') {
      // `2>` names a file descriptor, not a word of the command.
      const w = word as Word | null;
      if (w !== null && w.quotedFrom === Infinity && /^\d+$/.test(w.text)) word = null;
      endWord();
      i++;
      if (text[i] === '>') i++;
      if (text[i] === '&' || text[i] === '|') i++;
      target = 'out';
      continue;
    }
    if (c === '<') {
      endWord();
      i++;
      if (text[i] === '<' && text[i + 1] === '<') {
        i += 2;
        target = 'in';
      } else if (text[i] === '<') {
        i++;
        stripTabs = text[i] === '-';
        if (stripTabs) i++;
        target = 'heredoc';
      } else target = 'in';
      continue;
    }
    const w = startWord();
    if (c === "'") {
      w.quotedFrom = Math.min(w.quotedFrom, w.text.length);
      const end = text.indexOf("'", i + 1);
      const stop = end < 0 ? n : end;
      const part = text.slice(i + 1, stop);
      w.text += join ? part.replace(/\\[ \t]*\r?\n/g, '') : part;
      line += countNewlines(part);
      i = stop + 1;
      continue;
    }
    if (c === '"') {
      w.quotedFrom = Math.min(w.quotedFrom, w.text.length);
      i++;
      while (i < n && text[i] !== '"') {
        const d = text[i] as string;
        const cont = continuation(i, join ? join.escape : '\\');
        if (cont > 0) {
          i += cont;
          line++;
          continue;
        }
        if (d === '\\' && i + 1 < n && '$`"\\'.includes(text[i + 1] as string)) {
          w.text += text[i + 1];
          i += 2;
          continue;
        }
        if (d === '$' && /[A-Za-z_{(]/.test(text[i + 1] ?? '')) w.expands = true;
        if (d === '\n') line++;
        w.text += d;
        i++;
      }
      i++;
      continue;
    }
    if (c === '\\') {
      w.quotedFrom = Math.min(w.quotedFrom, w.text.length);
      if (i + 1 < n) w.text += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '$' && text[i + 1] === '(') {
      // A command substitution stays one word, whatever blanks it holds.
      w.expands = true;
      let depth = 0;
      const start = i;
      i++;
      do {
        const d = text[i];
        if (d === '(') depth++;
        else if (d === ')') depth--;
        else if (d === '\n') line++;
        i++;
      } while (i < n && depth > 0);
      w.text += text.slice(start, i);
      continue;
    }
    if (c === '`') {
      w.expands = true;
      const end = text.indexOf('`', i + 1);
      const stop = end < 0 ? n : end + 1;
      line += countNewlines(text.slice(i, stop));
      w.text += text.slice(i, stop);
      i = stop;
      continue;
    }
    if (c === '$' && /[A-Za-z_{]/.test(text[i + 1] ?? '')) w.expands = true;
    w.text += c;
    i++;
  }
  endCommand(false);
  if (pending.length > 0) readHeredocs();
  return commands;
}

function countNewlines(s: string): number {
  let count = 0;
  for (let at = s.indexOf('\n'); at >= 0; at = s.indexOf('\n', at + 1)) count++;
  return count;
}

function assignment(word: Word, how: ShellHow, out: ShellSetting[]): void {
  const m = NAME_EQ.exec(word.text);
  if (m === null || m[0].length - 1 > word.quotedFrom) return;
  const key = m[0].slice(0, -1);
  if (!isModuleVar(key)) return;
  out.push({ key, value: word.text.slice(m[0].length), line: word.line, how, expands: word.expands });
}

/** A line `K=V` written to `$GITHUB_ENV`. */
function githubEnvLine(text: string, line: number, expands: boolean, out: ShellSetting[]): void {
  const m = NAME_EQ.exec(text);
  if (m === null) return;
  const key = m[0].slice(0, -1);
  if (isModuleVar(key)) out.push({ key, value: text.slice(m[0].length), line, how: 'GITHUB_ENV', expands });
}

const writesGithubEnv = (cmd: Command): boolean =>
  cmd.outputs.some((w) => w.text.includes('GITHUB_ENV')) ||
  (cmd.words[0]?.text === 'tee' && cmd.words.some((w) => w.text.includes('GITHUB_ENV')));

/** What `echo ...` (or pwsh's `"K=V" >> $env:GITHUB_ENV`) writes, and heredoc lines piped or redirected. */
function githubEnvCommand(cmd: Command, out: ShellSetting[]): void {
  for (const doc of cmd.heredocs) {
    const lines = doc.body.split('\n');
    for (let k = 0; k < lines.length; k++) githubEnvLine(lines[k] as string, doc.line + k, doc.expands, out);
  }
  let from = 0;
  const name = cmd.words[0]?.text;
  if (name === 'echo' || name === 'Write-Output') {
    from = 1;
    while (/^-[neE]+$/.test(cmd.words[from]?.text ?? '')) from++;
  } else if (name !== undefined && !NAME_EQ.test(name)) return;
  const args = cmd.words.slice(from);
  const first = args[0];
  if (first === undefined) return;
  const text = args.map((w) => w.text).join(' ');
  githubEnvLine(
    text,
    first.line,
    args.some((w) => w.expands),
    out,
  );
}

function commandSettings(cmd: Command, depth: number, out: ShellSetting[]): void {
  const words = cmd.words;
  let j = 0;
  while (j < words.length && PREFIX_WORDS.has((words[j] as Word).text)) j++;
  const inline: Word[] = [];
  while (j < words.length && NAME_EQ.test((words[j] as Word).text)) inline.push(words[j++] as Word);
  const name = words[j]?.text;
  // A bare `K=V` sets a shell variable, which go does not see unless it is exported.
  if (name !== undefined) for (const w of inline) assignment(w, 'inline', out);
  if (name === 'export') {
    for (let k = j + 1; k < words.length; k++) assignment(words[k] as Word, 'export', out);
  } else if ((name === 'go' || name?.endsWith('/go')) && words[j + 1]?.text === 'env') {
    let afterW = false;
    for (let k = j + 2; k < words.length; k++) {
      const w = words[k] as Word;
      if (w.text === '-w') afterW = true;
      else if (afterW) assignment(w, 'go env -w', out);
    }
  }
  if (writesGithubEnv(cmd)) {
    if (cmd.pipedFrom !== null && cmd.words[0]?.text === 'tee') githubEnvCommand(cmd.pipedFrom, out);
    else githubEnvCommand(cmd, out);
  }
  // `RUN <<EOF` or `bash <<EOF`: the heredoc is the script itself.
  const rest = words.slice(j);
  const isScript =
    rest.length === 0 ||
    (SHELLS.has(rest[0]?.text ?? '') && rest.every((w, k) => k === 0 || w.text.startsWith('-')));
  if (isScript && depth === 0 && !writesGithubEnv(cmd)) {
    for (const doc of cmd.heredocs) scriptSettings(doc.body, { firstLine: doc.line }, depth + 1, out);
  }
}

function scriptSettings(text: string, options: ShellOptions, depth: number, out: ShellSetting[]): void {
  for (const cmd of splitCommands(text, options)) commandSettings(cmd, depth, out);
}

/** The module settings `text`, a shell script, makes, in the order it makes them. */
export function shellSettings(text: string, options: ShellOptions): ShellSetting[] {
  const out: ShellSetting[] = [];
  scriptSettings(text, options, 0, out);
  if (options.oneLine) for (const s of out) s.line = options.firstLine;
  return out;
}
