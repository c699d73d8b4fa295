import { isModuleVar, type ParsedFile, type ParseProblem, type Setting } from './settings';

/**
 * GoLand's Go modules environment in `.idea/workspace.xml` (issue 16), which gopls and go run by the IDE
 * see (context 'editor-tools'):
 *
 *   <component name="VgoProject">
 *     <environment><map><entry key="GOPROXY" value="https://goproxy.cn,direct" /></map></environment>
 *     <proxy>direct</proxy>            (older GoLand: the GOPROXY field on its own)
 *   </component>
 *
 * No XML library is installed, and this needs only start/end tags, their attributes (either quote),
 * entities and comments, so this is a small linear scanner rather than a parser: it skips comments,
 * CDATA, processing instructions and DOCTYPE, does not validate, and recovers from a stray end tag
 * by closing up to the nearest open element of that name.
 */

const MAX_PROBLEMS = 100;
const HOW = 'GoLand Go modules environment';

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'" };

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(
    /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|quot|lt|gt|apos);/g,
    (whole: string, name: string) => {
      if (!name.startsWith('#')) return ENTITIES[name] ?? whole;
      const cp = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    },
  );
}

interface Tag {
  name: string;
  attrs: Map<string, string>;
  selfClosing: boolean;
  end: number;
}

/** Reads a start tag at `at` (just after '<'); null when it is cut off. */
function readStartTag(src: string, at: number): Tag | null {
  const nameMatch = /[^\s/>]+/y;
  nameMatch.lastIndex = at;
  const m = nameMatch.exec(src);
  if (m === null) return null;
  const attrs = new Map<string, string>();
  let j = nameMatch.lastIndex;
  const attr = /\s*([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)'|[^\s/>]*)/y;
  for (;;) {
    while (j < src.length && /\s/.test(src.charAt(j))) j++;
    if (j >= src.length) return null;
    if (src.charAt(j) === '>') return { name: m[0], attrs, selfClosing: false, end: j + 1 };
    if (src.charAt(j) === '/' && src.charAt(j + 1) === '>')
      return { name: m[0], attrs, selfClosing: true, end: j + 2 };
    attr.lastIndex = j;
    const a = attr.exec(src);
    if (a === null || attr.lastIndex === j) {
      j++;
      continue;
    }
    attrs.set(a[1] ?? '', decodeEntities(a[3] ?? a[4] ?? a[2] ?? ''));
    j = attr.lastIndex;
  }
}

export function parseGolandWorkspace(text: string, file: string): ParsedFile {
  const settings: Setting[] = [];
  const problems: ParseProblem[] = [];
  const lineStarts = [0];
  for (let j = 0; j < text.length; j++) if (text.charCodeAt(j) === 10) lineStarts.push(j + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const problem = (offset: number, message: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push({ line: offset < 0 ? 0 : lineOf(offset), message });
  };
  const push = (offset: number, key: string, value: string, how: string): void => {
    if (!isModuleVar(key)) return;
    const s: Setting = { file, line: lineOf(offset), key, value, context: 'editor-tools', how };
    if (value.includes('$')) s.expands = true;
    settings.push(s);
  };

  try {
    // Open elements; `vgo` is the stack depth of the open VgoProject component and `env` of the
    // <environment> inside it (-1 outside them).
    const stack: string[] = [];
    let vgo = -1;
    let env = -1;
    let i = 0;
    const skipTo = (marker: string, from: number, what: string): boolean => {
      const end = text.indexOf(marker, from);
      if (end < 0) {
        problem(i, `The ${what} opened here is never closed.`);
        i = text.length;
        return false;
      }
      i = end + marker.length;
      return true;
    };
    while (i < text.length) {
      const lt = text.indexOf('<', i);
      if (lt < 0) break;
      i = lt;
      if (text.startsWith('<!--', i)) skipTo('-->', i + 4, 'comment');
      else if (text.startsWith('<![CDATA[', i)) skipTo(']]>', i + 9, 'CDATA section');
      else if (text.startsWith('<?', i)) skipTo('?>', i + 2, 'processing instruction');
      else if (text.startsWith('<!', i)) skipTo('>', i + 2, 'declaration');
      else if (text.startsWith('</', i)) {
        const gt = text.indexOf('>', i);
        if (gt < 0) {
          problem(i, 'This end tag is cut off.');
          break;
        }
        const name = text.slice(i + 2, gt).trim();
        // Looking back a bounded way keeps stray end tags from making this quadratic.
        let at = stack.length - 1;
        while (at >= 0 && at >= stack.length - 64 && stack[at] !== name) at--;
        if (at >= 0 && stack[at] === name) {
          stack.length = at;
          if (vgo >= at) vgo = -1;
          if (env >= at) env = -1;
        } else problem(i, `</${name}> closes no open element.`);
        i = gt + 1;
      } else {
        const tag = readStartTag(text, i + 1);
        if (tag === null) {
          problem(i, 'This tag is cut off.');
          break;
        }
        const depth = stack.length;
        if (vgo < 0 && tag.name === 'component' && tag.attrs.get('name') === 'VgoProject') {
          if (!tag.selfClosing) vgo = depth;
        } else if (vgo >= 0 && env < 0 && tag.name === 'environment' && !tag.selfClosing) {
          env = depth;
        } else if (env >= 0 && tag.name === 'entry') {
          const key = tag.attrs.get('key');
          const value = tag.attrs.get('value');
          if (key !== undefined && value !== undefined) push(i, key, value, HOW);
        } else if (vgo >= 0 && depth === vgo + 1 && tag.name === 'proxy' && !tag.selfClosing) {
          const next = text.indexOf('<', tag.end);
          if (next >= 0 && text.startsWith('</proxy>', next)) {
            push(i, 'GOPROXY', decodeEntities(text.slice(tag.end, next).trim()), `${HOW} (proxy field)`);
          }
        }
        if (!tag.selfClosing) stack.push(tag.name);
        i = tag.end;
      }
    }
  } catch (err) {
    problem(-1, `The file could not be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { settings, problems };
}
