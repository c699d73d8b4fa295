import { applyEdits, modify, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { isModuleVar, type ParsedFile, type ParseProblem, type Setting } from './settings';

/**
 * `.vscode/settings.json` (JSON with comments and trailing commas, issue 16): `go.toolsEnvVars` reaches
 * gopls and the Go tools (context 'editor-tools'); `terminal.integrated.env.<os>` reaches the
 * integrated terminal (context 'terminal'). VS Code resolves `${env:X}` / `${workspaceFolder}` in both,
 * so such values are marked `expands`. A later duplicate key wins, as in VS Code.
 */

const MAX_PROBLEMS = 100;
const TOOLS_KEY = 'go.toolsEnvVars';
const SECTIONS: Record<string, { context: string; how: string }> = {
  [TOOLS_KEY]: { context: 'editor-tools', how: TOOLS_KEY },
  'terminal.integrated.env.linux': { context: 'terminal', how: 'terminal.integrated.env.linux' },
  'terminal.integrated.env.osx': { context: 'terminal', how: 'terminal.integrated.env.osx' },
  'terminal.integrated.env.windows': { context: 'terminal', how: 'terminal.integrated.env.windows' },
};

/** 1-based line of each offset; `lineStarts` is sorted, so a binary search keeps this O(log n). */
function lineOf(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

export function parseVscodeSettings(text: string, file: string): ParsedFile {
  const settings: Setting[] = [];
  const problems: ParseProblem[] = [];
  try {
    const lineStarts = [0];
    for (let j = 0; j < text.length; j++) if (text.charCodeAt(j) === 10) lineStarts.push(j + 1);
    const errors: ParseError[] = [];
    const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
    for (const e of errors) {
      if (problems.length >= MAX_PROBLEMS) break;
      problems.push({
        line: lineOf(lineStarts, e.offset),
        message: `JSON error: ${printParseErrorCode(e.error)}.`,
      });
    }
    if (root === undefined || root.type !== 'object') {
      if (text.trim() !== '') problems.push({ line: 0, message: 'The file is not a JSON object.' });
      return { settings, problems };
    }
    for (const prop of root.children ?? []) {
      const [keyNode, valueNode] = prop.children ?? [];
      if (keyNode === undefined || valueNode === undefined) continue;
      const section = SECTIONS[String(keyNode.value)];
      if (section === undefined) continue;
      if (valueNode.type !== 'object') {
        if (valueNode.type !== 'null' && problems.length < MAX_PROBLEMS) {
          problems.push({
            line: lineOf(lineStarts, valueNode.offset),
            message: `${String(keyNode.value)} should be an object of strings; VS Code ignores it.`,
          });
        }
        continue;
      }
      for (const entry of valueNode.children ?? []) {
        const [k, v] = entry.children ?? [];
        if (k === undefined || v === undefined) continue;
        const key = String(k.value);
        if (!isModuleVar(key)) continue;
        const line = lineOf(lineStarts, k.offset);
        if (v.type !== 'string') {
          if (v.type !== 'null' && problems.length < MAX_PROBLEMS) {
            problems.push({
              line,
              message: `${key} in ${section.how} should be a string; VS Code ignores it.`,
            });
          }
          continue;
        }
        const value = String(v.value);
        const s: Setting = { file, line, key, value, context: section.context, how: section.how };
        if (/\$\{[^}]*\}/.test(value)) s.expands = true;
        settings.push(s);
      }
    }
  } catch (err) {
    problems.push({
      line: 0,
      message: `The file could not be read: ${err instanceof Error ? err.message : String(err)}`,
    });
  }
  return { settings, problems };
}

/** The file's own indentation unit and line end, so that edits look like the user's. */
function detectFormat(text: string): { insertSpaces: boolean; tabSize: number; eol: string } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let tabSize = 0;
  for (const m of text.matchAll(/\n([ \t]+)\S/g)) {
    const indent = m[1] ?? '';
    if (indent.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
    if (tabSize === 0 || indent.length < tabSize) tabSize = indent.length;
  }
  return { insertSpaces: true, tabSize: tabSize || 2, eol };
}

/**
 * Removes one property without touching comments outside it. jsonc-parser's `modify(…, undefined)`
 * deletes from the end of the previous value, which takes the comments between them along.
 */
function removeProperty(text: string, object: Node, index: number): string {
  const props = object.children ?? [];
  const prop = props[index];
  if (prop === undefined) return text;
  let start = prop.offset;
  let end = prop.offset + prop.length;
  const comma = /^[ \t]*,/.exec(text.slice(end, end + 200));
  if (comma) end += comma[0].length;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const rest = /^[ \t]*(?:\/\/[^\n]*)?(?:\r?\n|$)/.exec(text.slice(end));
  if (text.slice(lineStart, start).trim() === '' && rest) {
    start = lineStart;
    end += rest[0].length;
  }
  let out = text.slice(0, start) + text.slice(end);
  const prev = props[index - 1];
  if (!comma && prev !== undefined) {
    // The last property went: drop the comma after the one before it, which is now trailing.
    const from = prev.offset + prev.length;
    const after = /^[ \t]*,/.exec(out.slice(from, from + 200));
    if (after) out = out.slice(0, from) + out.slice(from + after[0].length);
  }
  return out;
}

/**
 * The settings file with `go.toolsEnvVars` keys set (a null value removes the key), keeping every
 * comment and all formatting outside the changed parts. `text` null means the file does not exist.
 * When the last key goes and the object holds nothing else (not even a comment), the property goes too.
 */
/**
 * A new last property of a multi-line object, added by hand: jsonc-parser rewrites the line of the
 * property before it, which moves a comment at its end (`"A": 1, // why`) onto the new property's
 * line. Here that line keeps every byte (a comma is added after its value when it has none) and the
 * new property goes on a line of its own after it, indented like it. Null when the object is not laid
 * out one property per line (jsonc-parser's edit is right there).
 */
function appendProperty(text: string, object: Node, key: string, value: string, eol: string): string | null {
  const last = object.children?.at(-1);
  if (last === undefined) return null;
  const valueEnd = last.offset + last.length;
  const lineStart = text.lastIndexOf('\n', last.offset) + 1;
  if (text.lastIndexOf('\n', object.offset) + 1 === lineStart) return null;
  const newline = text.indexOf('\n', valueEnd);
  const lineEnd =
    newline < 0 ? text.length : newline > 0 && text[newline - 1] === '\r' ? newline - 1 : newline;
  let rest = text.slice(valueEnd, lineEnd).trim();
  const hasComma = rest.startsWith(',');
  if (hasComma) rest = rest.slice(1).trim();
  const onlyComment =
    rest === '' ||
    rest.startsWith('//') ||
    (rest.startsWith('/*') && rest.endsWith('*/') && !rest.slice(2, -2).includes('*/'));
  if (!onlyComment) return null;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, last.offset))![0];
  const added = `${eol}${indent}${JSON.stringify(key)}: ${JSON.stringify(value)}`;
  return hasComma
    ? text.slice(0, lineEnd) + added + text.slice(lineEnd)
    : `${text.slice(0, valueEnd)},${text.slice(valueEnd, lineEnd)}${added}${text.slice(lineEnd)}`;
}

export function planVscodeToolsEnv(text: string | null, set: Record<string, string | null>): string {
  const toSet = Object.entries(set);
  if (text === null || text.trim() === '') {
    const values: Record<string, string> = {};
    for (const [k, v] of toSet) if (v !== null) values[k] = v;
    if (Object.keys(values).length === 0) return text ?? '{}\n';
    const body = JSON.stringify({ [TOOLS_KEY]: values }, null, 2);
    return `${body}\n`;
  }
  let out = text;
  const formattingOptions = detectFormat(out);
  const tools = (): Node | undefined => {
    const root = parseTree(out, [], { allowTrailingComma: true });
    const prop = root?.children?.filter((c) => c.children?.[0]?.value === TOOLS_KEY).pop();
    return prop?.children?.[1];
  };
  const existing = tools();
  if (existing !== undefined && existing.type !== 'object') {
    const values: Record<string, string> = {};
    for (const [k, v] of toSet) if (v !== null) values[k] = v;
    return applyEdits(out, modify(out, [TOOLS_KEY], values, { formattingOptions }));
  }
  for (const [k, v] of toSet) {
    if (v !== null) {
      const obj = tools();
      const known = obj?.children?.some((c) => c.children?.[0]?.value === k) ?? false;
      const appended =
        obj?.type === 'object' && !known ? appendProperty(out, obj, k, v, formattingOptions.eol) : null;
      out = appended ?? applyEdits(out, modify(out, [TOOLS_KEY, k], v, { formattingOptions }));
      continue;
    }
    const obj = tools();
    const at = obj?.children?.findIndex((c) => c.children?.[0]?.value === k) ?? -1;
    if (obj !== undefined && at >= 0) out = removeProperty(out, obj, at);
  }
  const root = parseTree(out, [], { allowTrailingComma: true });
  const props = root?.children ?? [];
  let index = props.length - 1;
  while (index >= 0 && props[index]?.children?.[0]?.value !== TOOLS_KEY) index--;
  const after = props[index]?.children?.[1];
  if (root !== undefined && after?.type === 'object' && (after.children ?? []).length === 0) {
    const inner = out.slice(after.offset + 1, after.offset + after.length - 1);
    if (inner.trim() === '' && toSet.some(([, v]) => v === null)) out = removeProperty(out, root, index);
  }
  return out;
}
