import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { catalogues, LANGUAGES, type Language } from '../../shared/i18n';
import { uiMessages } from '../../renderer/messages';

/**
 * Static checks of the renderer's sources: every message key used with t() exists in both languages,
 * and no user-visible text is written straight into JSX (it would not be translated).
 */

const RENDERER = path.resolve(__dirname, '../../renderer');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'messages' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const FILES = sourceFiles(RENDERER).map((file) => ({
  file: path.relative(RENDERER, file),
  source: ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true),
}));

const merged: Record<Language, Record<string, unknown>> = Object.fromEntries(
  LANGUAGES.map((l) => [l, { ...catalogues[l], ...uiMessages[l] }]),
) as unknown as Record<Language, Record<string, unknown>>;

/** The value at a dotted key, or undefined; i18next's plural forms (_one, _other) count as the key. */
function lookup(tree: Record<string, unknown>, key: string): unknown {
  let node: unknown = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  if (node === undefined) {
    const parent = key.slice(0, key.lastIndexOf('.'));
    const leaf = key.slice(key.lastIndexOf('.') + 1);
    const holder = parent ? lookup(tree, parent) : tree;
    if (typeof holder === 'object' && holder !== null && `${leaf}_other` in holder) return '';
  }
  return node;
}

interface KeyUse {
  where: string;
  /** A whole key, or the fixed start of a template key (`common.nav.` of `common.nav.${page}`). */
  key: string;
  dynamic: boolean;
}

function keyUses(): KeyUse[] {
  const uses: KeyUse[] = [];
  for (const { file, source } of FILES) {
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && node.arguments.length > 0) {
        const callee = node.expression;
        const name = ts.isIdentifier(callee)
          ? callee.text
          : ts.isPropertyAccessExpression(callee)
            ? callee.name.text
            : '';
        const arg = node.arguments[0]!;
        if (name === 't') {
          const where = `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
          if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) {
            uses.push({ where, key: arg.text, dynamic: false });
          } else if (ts.isTemplateExpression(arg)) {
            uses.push({ where, key: arg.head.text, dynamic: true });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return uses;
}

const TEXT_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'title', 'placeholder', 'alt', 'label']);
const LETTERS = /\p{L}/u;

/** JSX text and text attributes with letters that are not in a <code> (technical literals) element. */
function hardCodedStrings(): string[] {
  const found: string[] = [];
  for (const { file, source } of FILES) {
    if (!file.endsWith('.tsx')) continue;
    const at = (node: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const insideCode = (node: ts.Node): boolean => {
      for (let p: ts.Node | undefined = node.parent; p; p = p.parent) {
        if (ts.isJsxElement(p) && ['code', 'kbd', 'samp'].includes(p.openingElement.tagName.getText()))
          return true;
      }
      return false;
    };
    const visit = (node: ts.Node): void => {
      if (ts.isJsxText(node) && LETTERS.test(node.text) && !insideCode(node)) {
        found.push(`${at(node)} text "${node.text.trim()}"`);
      }
      if (
        ts.isJsxExpression(node) &&
        node.expression &&
        (ts.isStringLiteral(node.expression) || ts.isNoSubstitutionTemplateLiteral(node.expression)) &&
        ts.isJsxElement(node.parent) &&
        LETTERS.test(node.expression.text) &&
        !insideCode(node)
      ) {
        found.push(`${at(node)} text {"${node.expression.text}"}`);
      }
      if (ts.isJsxAttribute(node) && TEXT_ATTRIBUTES.has(node.name.getText())) {
        const init = node.initializer;
        const literal =
          init && ts.isStringLiteral(init)
            ? init
            : init && ts.isJsxExpression(init) && init.expression && ts.isStringLiteral(init.expression)
              ? init.expression
              : undefined;
        if (literal && LETTERS.test(literal.text)) {
          found.push(`${at(node)} ${node.name.getText()}="${literal.text}"`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('renderer messages', () => {
  const uses = keyUses();

  it('finds the t() calls it checks (the scan itself works)', () => {
    expect(uses.some((u) => u.key === 'app.title' && !u.dynamic)).toBe(true);
    expect(uses.some((u) => u.dynamic && u.key === 'common.nav.')).toBe(true);
  });

  it.each(LANGUAGES)('every key used with t() exists in %s', (language) => {
    const missing = uses
      .filter((u) => {
        if (!u.dynamic) return typeof lookup(merged[language], u.key) !== 'string';
        // A template key: the fixed part must name a section (or a prefix within one).
        const section = u.key.endsWith('.') ? u.key.slice(0, -1) : u.key.slice(0, u.key.lastIndexOf('.'));
        return section !== '' && typeof lookup(merged[language], section) !== 'object';
      })
      .map((u) => `${u.where} ${u.key}${u.dynamic ? '…' : ''}`);
    expect(missing).toEqual([]);
  });

  it('has no hard-coded user-visible text in JSX', () => {
    expect(hardCodedStrings()).toEqual([]);
  });

  it('every renderer message section has the same keys in both languages', () => {
    const leaves = (value: unknown, prefix = ''): string[] =>
      typeof value === 'string'
        ? [prefix]
        : Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
            leaves(v, prefix ? `${prefix}.${k}` : k),
          );
    const en = new Set(leaves(uiMessages.en));
    const zh = new Set(leaves(uiMessages['zh-CN']));
    expect([...en].filter((k) => !zh.has(k))).toEqual([]);
    expect([...zh].filter((k) => !en.has(k))).toEqual([]);
  });
});

describe('the hard-coded text check', () => {
  it('would catch text, attributes and string children, and allows technical literals in <code>', () => {
    const probe = ts.createSourceFile(
      'probe.tsx',
      `const a = <div title="Hello"><p>Click here</p>{'Save'}<code>GOPROXY</code><span>{t('x')}</span></div>;`,
      ts.ScriptTarget.Latest,
      true,
    );
    FILES.push({ file: 'probe.tsx', source: probe });
    try {
      expect(hardCodedStrings().filter((s) => s.startsWith('probe.tsx'))).toEqual([
        'probe.tsx:1 title="Hello"',
        'probe.tsx:1 text "Click here"',
        'probe.tsx:1 text {"Save"}',
      ]);
    } finally {
      FILES.pop();
    }
  });
});
