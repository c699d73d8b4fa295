import { Arg, DockerfileParser, Env, From, Run, type Dockerfile, type Property } from 'dockerfile-ast';
import { isModuleVar, type ModuleVar, type ParsedFile, type ParseProblem, type Setting } from './settings';
import { shellSettings, type ShellHow } from './shell-commands';

/**
 * The module settings of a Dockerfile's build stages (issue 16): ENV, ARG defaults, and what RUN's
 * shell commands set (`go env -w`, `export`, `K=V go ...`, heredoc scripts). A stage built FROM an
 * earlier one starts with what that one left in the image: its ENV and its `go env -w` file, and its
 * Go version. Nothing is expanded; a value that names a variable says so.
 */

const MAX_PROBLEMS = 100;

const RUN_HOW: Record<Exclude<ShellHow, 'GITHUB_ENV'>, string> = {
  'go env -w': 'RUN go env -w',
  export: 'RUN export',
  inline: 'RUN (inline)',
};

interface Stage {
  context: string;
  goVersion: string | undefined;
  /** What a stage built FROM this one starts with: the last ENV and `go env -w` of each key. */
  carried: Map<string, Setting>;
}

interface Position {
  line: number;
  character: number;
}

/** The go version a `golang` image tag names: `1.22.3-alpine` → '1.22.3', `1.23rc1-bookworm` → '1.23rc1'. */
function goVersionOfImage(image: string): string | undefined {
  const at = image.indexOf('@');
  const ref = at < 0 ? image : image.slice(0, at);
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon <= slash) return undefined;
  if (ref.slice(slash + 1, colon).toLowerCase() !== 'golang') return undefined;
  return /^(\d+\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?)(?:-|$)/.exec(ref.slice(colon + 1))?.[1];
}

/** `$NAME`, `${NAME}` and `${NAME:-default}` in a FROM line, from the ARGs declared before the first FROM. */
function substituteGlobalArgs(image: string, args: ReadonlyMap<string, string | null>): string {
  return image.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+]([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (whole, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
      const value = args.get(braced ?? bare ?? '');
      if (value !== undefined && value !== null && value !== '') return value;
      return fallback ?? whole;
    },
  );
}

/** Whether a raw ENV/ARG value (quotes and escapes as written) refers to a variable Docker expands. */
function dockerExpands(raw: string, escape: string): boolean {
  let quote: string | null = null;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === escape && quote !== "'") i++;
    else if (quote !== null && c === quote) quote = null;
    else if (quote === null && (c === '"' || c === "'")) quote = c;
    else if (c === '$' && quote !== "'" && /[A-Za-z_{]/.test(raw[i + 1] ?? '')) return true;
  }
  return false;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  const breaks = /\r\n|\r|\n/g;
  for (let m = breaks.exec(text); m !== null; m = breaks.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function parseDockerfile(text: string, file: string): ParsedFile {
  const settings: Setting[] = [];
  const problems: ParseProblem[] = [];
  const problem = (line: number, what: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ line, message: what });
  };
  let dockerfile: Dockerfile;
  try {
    dockerfile = DockerfileParser.parse(text);
  } catch (error) {
    problem(0, `could not be read as a Dockerfile (${message(error)})`);
    return { settings, problems };
  }
  try {
    readStages(dockerfile, text, file, settings, problem);
  } catch (error) {
    problem(0, `could not be read past this point (${message(error)}); the settings before it are kept`);
  }
  return { settings, problems };
}

function readStages(
  dockerfile: Dockerfile,
  text: string,
  file: string,
  settings: Setting[],
  problem: (line: number, what: string) => void,
): void {
  const escape = dockerfile.getEscapeCharacter();
  const starts = lineStarts(text);
  const offset = (p: Position) => Math.min((starts[p.line] ?? text.length) + p.character, text.length);
  const globalArgs = new Map<string, string | null>();
  const stages = new Map<string, Stage>();
  let stage: Stage | null = null;
  let index = 0;

  const add = (
    key: ModuleVar,
    value: string,
    line: number,
    how: string,
    expands: boolean,
    carry: boolean,
  ) => {
    if (stage === null) return;
    const setting: Setting = { file, line, key, value, context: stage.context, how };
    if (stage.goVersion !== undefined) setting.goVersion = stage.goVersion;
    if (expands) setting.expands = true;
    settings.push(setting);
    if (carry) {
      // Deleted first so that what a later stage inherits keeps the order it was written in.
      stage.carried.delete(`${key}\0${how}`);
      stage.carried.set(`${key}\0${how}`, setting);
    }
  };
  const property = (p: Property, how: string) => {
    const name = p.getName();
    if (!isModuleVar(name)) return;
    const line = p.getNameRange().start.line + 1;
    const value = p.getValue();
    if (value === null) {
      if (how === 'ENV')
        problem(line, `ENV ${name} has no value; Docker rejects it. Write ENV ${name}=<value>.`);
      else {
        // `ARG K` in a stage takes the default of an `ARG K=...` before the first FROM.
        const global = globalArgs.get(name);
        if (global !== undefined && global !== null) add(name, global, line, how, false, false);
      }
      return;
    }
    add(name, value, line, how, dockerExpands(p.getUnescapedValue() ?? '', escape), how === 'ENV');
  };

  for (const instruction of dockerfile.getInstructions()) {
    if (instruction instanceof From) {
      const image = substituteGlobalArgs(instruction.getImage() ?? '', globalArgs);
      const parent = stages.get(image.toLowerCase());
      const name = instruction.getBuildStage() ?? String(index);
      index++;
      stage = {
        context: `container:${name}`,
        goVersion: parent ? parent.goVersion : goVersionOfImage(image),
        carried: new Map(),
      };
      if (parent) {
        for (const s of parent.carried.values()) add(s.key, s.value, s.line, s.how, s.expands === true, true);
      }
      stages.set(name.toLowerCase(), stage);
    } else if (instruction instanceof Arg) {
      const p = instruction.getProperty();
      if (p === null) continue;
      if (stage === null) globalArgs.set(p.getName(), p.getValue());
      else property(p, 'ARG default');
    } else if (instruction instanceof Env) {
      for (const p of instruction.getProperties()) property(p, 'ENV');
    } else if (instruction instanceof Run && stage !== null) {
      const found = runSettings(instruction, text, offset, escape);
      for (const s of found) {
        if (s.how !== 'GITHUB_ENV')
          add(s.key, s.value, s.line, RUN_HOW[s.how], s.expands, s.how === 'go env -w');
      }
    }
  }
}

interface Found {
  key: ModuleVar;
  value: string;
  line: number;
  how: ShellHow;
  expands: boolean;
}

function runSettings(run: Run, text: string, offset: (p: Position) => number, escape: string): Found[] {
  const strings = run.getJSONStrings();
  if (run.getOpeningBracket() !== null && strings.length > 0) {
    const argv: { value: string; line: number }[] = [];
    for (const s of strings) {
      let value: unknown;
      try {
        // The string as written: getValue() drops the blanks inside it.
        const range = s.getRange();
        value = JSON.parse(text.slice(offset(range.start), offset(range.end)));
      } catch {
        return [];
      }
      if (typeof value !== 'string') return [];
      argv.push({ value, line: s.getRange().start.line + 1 });
    }
    return execFormSettings(argv);
  }
  const flags = run.getFlags();
  const last = flags[flags.length - 1];
  const start = last ? last.getRange().end : run.getInstructionRange().end;
  const body = text.slice(offset(start), offset(run.getRange().end));
  const heredocs = run.getHeredocs().length > 0;
  return shellSettings(body, { firstLine: start.line + 1, ...(heredocs ? {} : { dockerJoin: { escape } }) });
}

/** `RUN ["go", "env", "-w", "K=V"]` and `RUN ["sh", "-c", "..."]`: no shell, or a shell given its script. */
function execFormSettings(argv: readonly { value: string; line: number }[]): Found[] {
  const [first, second, third] = argv;
  if (first === undefined || second === undefined) return [];
  if (/(^|\/)(ba|da|a|z)?sh$/.test(first.value) && second.value === '-c' && third !== undefined) {
    return shellSettings(third.value, { firstLine: third.line, oneLine: true });
  }
  if (!/(^|\/)go$/.test(first.value) || second.value !== 'env') return [];
  const out: Found[] = [];
  let afterW = false;
  for (const arg of argv.slice(2)) {
    if (arg.value === '-w') afterW = true;
    else if (afterW) {
      const eq = arg.value.indexOf('=');
      const key = arg.value.slice(0, eq);
      if (eq > 0 && isModuleVar(key)) {
        out.push({ key, value: arg.value.slice(eq + 1), line: arg.line, how: 'go env -w', expands: false });
      }
    }
  }
  return out;
}
