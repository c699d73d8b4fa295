import { spawnSync } from 'node:child_process';
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import net from 'node:net';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  Command,
  DialogRecord,
  MenuItemRecord,
  NotificationRecord,
  StandInState,
  TrayRecord,
  WebContentsRecord,
  WindowRecord,
} from './protocol';

/**
 * A stand-in for the part of Electron's main-process API that out/main/index.js uses, for running the
 * built main process under plain Node. It behaves as Electron documents (events and their order, what
 * can be prevented, the single-instance lock across processes) and records what the main process did.
 * Every object is wrapped so that reading a property the stand-in lacks throws and is recorded: a new
 * use of Electron in main fails these tests until the stand-in learns it.
 */

const unimplemented: string[] = [];

function strict<T extends object>(name: string, target: T): T {
  return new Proxy(target, {
    get(t, key, receiver) {
      if (typeof key === 'symbol' || key in t) return Reflect.get(t, key, receiver) as unknown;
      const what = `${name}.${key}`;
      unimplemented.push(what);
      throw new Error(
        `Electron stand-in: ${what} is not implemented; main uses an Electron API that tests/shell/stand-in/electron.ts lacks.`,
      );
    },
  });
}

interface ElectronEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

function electronEvent<T extends object>(extra?: T): ElectronEvent & T {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
    ...extra,
  } as ElectronEvent & T;
  return event;
}

// --- app -------------------------------------------------------------------------------------------

const paths: Record<string, string> = {};
let ready = false;
let quitting = false;
let exiting = false;
let lock: StandInState['lock'] = null;
const secondInstances: StandInState['secondInstances'] = [];
const loginItemSettings: unknown[] = [];
let resolveReady: () => void = () => undefined;
const readyPromise = new Promise<void>((resolve) => {
  resolveReady = resolve;
});
/** Called by the stand-in when it is about to exit (the register file sends its last word). */
let beforeExit: () => Promise<void> = () => Promise.resolve();

export function onExit(fn: () => Promise<void>): void {
  beforeExit = fn;
}

/** Chromium reads the UI languages from the environment on Linux, the way gettext does. */
function preferredLanguages(): string[] {
  const env = process.env;
  const raw = env.LANGUAGE ? env.LANGUAGE.split(':') : [env.LC_ALL || env.LC_MESSAGES || env.LANG || ''];
  const tags = raw
    .map((l) => l.split('.')[0]!.split('@')[0]!.replace('_', '-'))
    .filter((l) => l !== '' && l !== 'C' && l !== 'POSIX');
  return tags.length > 0 ? tags : ['en-US'];
}

class App extends EventEmitter {
  readonly isPackaged = false;

  getPath(name: string): string {
    if (name === 'home') return homedir();
    const set = paths[name];
    if (set === undefined) throw new Error(`Electron stand-in: app.getPath('${name}') is not implemented.`);
    return set;
  }

  setPath(name: string, value: string): void {
    if (!path.isAbsolute(value)) throw new Error(`Path ${value} is not absolute`);
    paths[name] = value;
  }

  isReady(): boolean {
    return ready;
  }

  whenReady(): Promise<void> {
    return readyPromise;
  }

  requestSingleInstanceLock(additionalData?: unknown): boolean {
    lock = acquireSingleInstanceLock(additionalData) ? 'primary' : 'secondary';
    return lock === 'primary';
  }

  /** As Electron's: before-quit (preventable), close every window, will-quit (preventable), quit, exit. */
  quit(): void {
    if (quitting || exiting) return;
    const before = electronEvent();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    quitting = true;
    for (const entry of [...windows]) {
      if (entry.record.destroyed) continue;
      if (!entry.close()) {
        // A window refused to close: the quit is cancelled, as in Electron.
        quitting = false;
        return;
      }
    }
    shutDown(this);
  }

  setAppUserModelId(id: string): void {
    paths.appUserModelId = id;
  }

  setLoginItemSettings(settings: unknown): void {
    loginItemSettings.push(settings);
  }

  getLoginItemSettings(): { openAtLogin: boolean; wasOpenedAtLogin: boolean } {
    return { openAtLogin: false, wasOpenedAtLogin: false };
  }

  getPreferredSystemLanguages(): string[] {
    return preferredLanguages();
  }
}

const appTarget = new App();
export const app = strict('app', appTarget);

function shutDown(emitter: App): void {
  const willQuit = electronEvent();
  emitter.emit('will-quit', willQuit);
  if (willQuit.defaultPrevented) {
    quitting = false;
    return;
  }
  exiting = true;
  emitter.emit('quit', electronEvent(), 0);
  // Chromium ends the process here: whatever JavaScript was still pending never runs.
  void beforeExit().finally(() => process.exit(0));
}

/** The main script has run to its end: Electron then finishes launching and emits 'ready'. */
export function finishLaunching(): void {
  if (quitting || exiting) return;
  ready = true;
  appTarget.emit('will-finish-launching');
  appTarget.emit('ready', electronEvent(), {});
  resolveReady();
}

// --- the single-instance lock ---------------------------------------------------------------------

/**
 * Chromium's process singleton, per userData folder: a lock file naming the owner and a unix socket on
 * which the owner hears later starts. A later start hands its argv to the owner and waits for its
 * acknowledgement before answering false (synchronously, as Electron does); a lock whose owner is gone
 * is taken over.
 */
function acquireSingleInstanceLock(additionalData: unknown): boolean {
  const dir = paths.userData ?? path.join(homedir(), '.config', 'Electron');
  mkdirSync(dir, { recursive: true });
  const lockFile = path.join(dir, 'SingletonLock');
  const socketPath = path.join(dir, 'SingletonSocket');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockFile, 'utf8'));
      if (alive(owner)) {
        if (notifyOwner(socketPath, { argv: process.argv, workingDirectory: process.cwd(), additionalData }))
          return false;
        if (alive(owner)) return false;
      }
      rmSync(lockFile, { force: true });
      continue;
    }
    rmSync(socketPath, { force: true });
    listenForLaterStarts(socketPath);
    process.on('exit', () => {
      rmSync(lockFile, { force: true });
      rmSync(socketPath, { force: true });
    });
    return true;
  }
  throw new Error(`Electron stand-in: could not take or hand over the lock ${lockFile}.`);
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const NOTIFY_SCRIPT = `
const net = require('node:net');
const [socketPath, message] = process.argv.slice(1);
const deadline = Date.now() + 5000;
const attempt = () => {
  const s = net.connect(socketPath, () => s.write(message + '\\n'));
  let got = '';
  s.on('data', (d) => { got += d; if (got.includes('ACK')) process.exit(0); });
  s.on('error', () => (Date.now() < deadline ? setTimeout(attempt, 50) : process.exit(1)));
};
attempt();
`;

function notifyOwner(socketPath: string, message: object): boolean {
  const result = spawnSync(process.execPath, ['-e', NOTIFY_SCRIPT, socketPath, JSON.stringify(message)], {
    stdio: 'ignore',
    timeout: 10_000,
  });
  return result.status === 0;
}

function listenForLaterStarts(socketPath: string): void {
  const server = net.createServer((socket) => {
    let buffered = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      const end = buffered.indexOf('\n');
      if (end === -1) return;
      const message = JSON.parse(buffered.slice(0, end)) as {
        argv: string[];
        workingDirectory: string;
        additionalData: unknown;
      };
      secondInstances.push({ argv: message.argv, workingDirectory: message.workingDirectory });
      appTarget.emit(
        'second-instance',
        electronEvent(),
        message.argv,
        message.workingDirectory,
        message.additionalData,
      );
      socket.end('ACK\n');
    });
    socket.on('error', () => undefined);
  });
  server.listen(socketPath);
  server.unref();
}

// --- web contents and windows ---------------------------------------------------------------------

interface WebContentsEntry {
  record: WebContentsRecord;
  self: StandInWebContents;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null;
}

const webContentsEntries: WebContentsEntry[] = [];
let nextWebContentsId = 1;

class StandInWebContents extends EventEmitter {
  readonly id: number;
  private readonly entry: WebContentsEntry;

  constructor(windowId: number | null) {
    super();
    this.id = nextWebContentsId++;
    const record: WebContentsRecord = {
      id: this.id,
      windowId,
      url: '',
      destroyed: false,
      sent: [],
      guarded: { windowOpen: false, willNavigate: 0, willRedirect: 0, willAttachWebview: 0 },
    };
    const self = strict('webContents', this);
    this.entry = { record, self, windowOpenHandler: null };
    webContentsEntries.push(this.entry);
    return self;
  }

  getURL(): string {
    return this.entry.record.url;
  }

  isDestroyed(): boolean {
    return this.entry.record.destroyed;
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.entry.record.destroyed) throw new Error('Object has been destroyed');
    this.entry.record.sent.push({ channel, args: structuredClone(args) });
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.entry.windowOpenHandler = handler;
    this.entry.record.guarded.windowOpen = true;
  }

  override on(event: string | symbol, listener: Parameters<EventEmitter['on']>[1]): this {
    const guarded = this.entry.record.guarded;
    if (event === 'will-navigate') guarded.willNavigate++;
    if (event === 'will-redirect') guarded.willRedirect++;
    if (event === 'will-attach-webview') guarded.willAttachWebview++;
    return super.on(event, listener);
  }
}

/** Electron emits web-contents-created for every web contents, a window's or not. */
function createWebContents(windowId: number | null): WebContentsEntry {
  const self = new StandInWebContents(windowId);
  const entry = webContentsEntries.find((e) => e.self === self)!;
  appTarget.emit('web-contents-created', electronEvent(), self);
  return entry;
}

interface WindowEntry {
  record: WindowRecord;
  self: StandInBrowserWindow;
  contents: WebContentsEntry;
  /** Closes as a click on the window's close button would: false when 'close' was prevented. */
  close(): boolean;
}

const windows: WindowEntry[] = [];
let nextWindowId = 1;

function fileOfUrl(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  return fileURLToPath(url.split('#')[0]!);
}

class StandInBrowserWindow extends EventEmitter {
  readonly id: number;
  readonly webContents: StandInWebContents;
  private readonly entry: WindowEntry;

  constructor(options: unknown) {
    super();
    this.id = nextWindowId++;
    const self = strict('BrowserWindow', this);
    const contents = createWebContents(this.id);
    this.webContents = contents.self;
    const record: WindowRecord = {
      id: this.id,
      webContentsId: contents.record.id,
      options: structuredClone(options),
      loaded: [],
      visible: (options as { show?: boolean } | undefined)?.show !== false,
      minimized: false,
      shows: 0,
      focuses: 0,
      restores: 0,
      destroyed: false,
    };
    const entry: WindowEntry = {
      record,
      self,
      contents,
      close: () => {
        if (record.destroyed) return true;
        const event = electronEvent();
        self.emit('close', event);
        if (event.defaultPrevented) return false;
        record.destroyed = true;
        record.visible = false;
        contents.record.destroyed = true;
        contents.self.emit('destroyed');
        self.emit('closed');
        if (!quitting && windows.every((w) => w.record.destroyed)) {
          // Without a listener Electron quits when the last window closes.
          if (appTarget.listenerCount('window-all-closed') === 0) appTarget.quit();
          else appTarget.emit('window-all-closed');
        }
        return true;
      },
    };
    this.entry = entry;
    windows.push(entry);
    return self;
  }

  static fromWebContents(contents: unknown): StandInBrowserWindow | null {
    const entry = windows.find((w) => w.contents.self === contents);
    return entry === undefined || entry.record.destroyed ? null : entry.self;
  }

  static getAllWindows(): StandInBrowserWindow[] {
    return windows.filter((w) => !w.record.destroyed).map((w) => w.self);
  }

  private alive(): void {
    if (this.entry.record.destroyed) throw new Error('Object has been destroyed');
  }

  loadURL(url: string): Promise<void> {
    this.alive();
    this.entry.record.loaded.push(url);
    this.entry.contents.record.url = url;
    const file = fileOfUrl(url);
    return new Promise((resolve, reject) => {
      setImmediate(() => {
        if (this.entry.record.destroyed) return resolve();
        if (file !== null && !existsSync(file)) {
          this.entry.contents.self.emit('did-fail-load', electronEvent(), -6, 'ERR_FILE_NOT_FOUND', url);
          return reject(new Error(`ERR_FILE_NOT_FOUND (-6) loading '${url}'`));
        }
        this.entry.contents.self.emit('did-finish-load');
        this.emit('ready-to-show');
        resolve();
      });
    });
  }

  show(): void {
    this.alive();
    this.entry.record.visible = true;
    this.entry.record.shows++;
  }

  focus(): void {
    this.alive();
    this.entry.record.focuses++;
  }

  isMinimized(): boolean {
    this.alive();
    return this.entry.record.minimized;
  }

  restore(): void {
    this.alive();
    this.entry.record.minimized = false;
    this.entry.record.restores++;
  }

  isDestroyed(): boolean {
    return this.entry.record.destroyed;
  }

  close(): void {
    this.entry.close();
  }
}

export const BrowserWindow = strict('BrowserWindow', StandInBrowserWindow);

// --- ipcMain -----------------------------------------------------------------------------------------

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;
const invokeHandlers = new Map<string, InvokeHandler>();

export const ipcMain = strict('ipcMain', {
  handle(channel: string, handler: InvokeHandler): void {
    if (invokeHandlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    invokeHandlers.set(channel, handler);
  },
});

// --- tray, menus, images --------------------------------------------------------------------------

interface StandInImage {
  path: string;
  empty: boolean;
  representations: number;
  template: boolean;
}

class NativeImage {
  readonly info: StandInImage;

  constructor(file: string) {
    const empty = !path.isAbsolute(file) || !existsSync(file);
    this.info = { path: file, empty, representations: empty ? 0 : 1, template: false };
    return strict('NativeImage', this);
  }

  isEmpty(): boolean {
    return this.info.empty;
  }

  toPNG(): Buffer {
    return this.info.empty ? Buffer.alloc(0) : readFileSync(this.info.path);
  }

  addRepresentation(options: { scaleFactor: number; buffer?: Buffer }): void {
    if (options.buffer !== undefined && options.buffer.length > 0) this.info.representations++;
  }

  setTemplateImage(template: boolean): void {
    this.info.template = template;
  }
}

export const nativeImage = strict('nativeImage', {
  createFromPath: (file: string) => new NativeImage(file),
});

interface MenuItemTemplate {
  type?: string;
  label?: string;
  enabled?: boolean;
  checked?: boolean;
  role?: string;
  click?: (item: unknown, window: unknown, event: unknown) => void;
  submenu?: MenuItemTemplate[] | StandInMenu;
}

class StandInMenuItem {
  type: string;
  label: string;
  enabled: boolean;
  checked: boolean;
  readonly click: MenuItemTemplate['click'] | null;
  readonly submenu: StandInMenu | null;

  constructor(template: MenuItemTemplate) {
    if (template.label === undefined && template.type === undefined && template.role === undefined)
      throw new Error('Invalid template for MenuItem: must have at least one of label, role or type');
    this.submenu =
      template.submenu === undefined
        ? null
        : template.submenu instanceof StandInMenu
          ? template.submenu
          : StandInMenu.buildFromTemplate(template.submenu);
    this.type = template.type ?? (this.submenu !== null ? 'submenu' : 'normal');
    this.label = template.label ?? '';
    this.enabled = template.enabled ?? true;
    this.checked = template.checked ?? false;
    this.click = template.click ?? null;
    return strict('MenuItem', this);
  }
}

class StandInMenu {
  readonly items: StandInMenuItem[];

  constructor(items: StandInMenuItem[]) {
    this.items = items;
  }

  static buildFromTemplate(template: MenuItemTemplate[]): StandInMenu {
    return strict('Menu', new StandInMenu(template.map((t) => new StandInMenuItem(t))));
  }
}

export const Menu = strict('Menu', StandInMenu);

function menuRecord(menu: StandInMenu): MenuItemRecord[] {
  return menu.items.map((i) => ({
    type: i.type,
    label: i.label,
    enabled: i.enabled,
    checked: i.checked,
    clickable: i.click !== null,
    submenu: i.submenu === null ? null : menuRecord(i.submenu),
  }));
}

interface TrayEntry {
  record: Omit<TrayRecord, 'menu' | 'clickListeners'>;
  self: StandInTray;
  menu: StandInMenu | null;
}

const trays: TrayEntry[] = [];

class StandInTray extends EventEmitter {
  private readonly entry: TrayEntry;

  constructor(image: NativeImage | string) {
    super();
    const icon = typeof image === 'string' ? new NativeImage(image).info : image.info;
    const self = strict('Tray', this);
    this.entry = { record: { icon, tooltip: '', renders: 0, destroyed: false }, self, menu: null };
    trays.push(this.entry);
    return self;
  }

  private alive(): void {
    if (this.entry.record.destroyed) throw new Error('Object has been destroyed');
  }

  setContextMenu(menu: StandInMenu | null): void {
    this.alive();
    this.entry.menu = menu;
    this.entry.record.renders++;
  }

  setToolTip(tooltip: string): void {
    this.alive();
    this.entry.record.tooltip = tooltip;
  }

  destroy(): void {
    this.entry.record.destroyed = true;
  }

  isDestroyed(): boolean {
    return this.entry.record.destroyed;
  }
}

export const Tray = strict('Tray', StandInTray);

// --- notifications, dialogs, shell, session, safeStorage -------------------------------------------

interface NotificationEntry {
  record: NotificationRecord;
  self: StandInNotification;
}

const notificationEntries: NotificationEntry[] = [];

class StandInNotification extends EventEmitter {
  private readonly entry: NotificationEntry;

  constructor(options: { title?: string; body?: string; actions?: { type: string; text: string }[] }) {
    super();
    const self = strict('Notification', this);
    this.entry = {
      record: {
        id: notificationEntries.length + 1,
        title: options.title ?? '',
        body: options.body ?? '',
        actions: options.actions ?? [],
        shown: false,
        clickListeners: 0,
        actionListeners: 0,
      },
      self,
    };
    notificationEntries.push(this.entry);
    return self;
  }

  static isSupported(): boolean {
    return true;
  }

  show(): void {
    this.entry.record.shown = true;
  }
}

export const Notification = strict('Notification', StandInNotification);

interface DialogEntry {
  record: DialogRecord;
  answer: (value: unknown) => void;
}

const dialogEntries: DialogEntry[] = [];

/** A dialog stays open until the test answers it, as a modal dialog waits for the user. */
function openDialog(kind: DialogRecord['kind'], args: unknown[]): Promise<unknown> {
  const [first, second] = args;
  const windowEntry = windows.find((w) => w.self === first);
  const options = second === undefined ? first : second;
  return new Promise((resolve) => {
    dialogEntries.push({
      record: {
        id: dialogEntries.length + 1,
        kind,
        windowId: windowEntry?.record.id ?? null,
        options: structuredClone(options),
        answered: false,
      },
      answer: resolve,
    });
  });
}

export const dialog = strict('dialog', {
  showMessageBox: (...args: unknown[]) => openDialog('showMessageBox', args),
  showOpenDialog: (...args: unknown[]) => openDialog('showOpenDialog', args),
});

const openedExternal: string[] = [];

export const shell = strict('shell', {
  openExternal(url: string): Promise<void> {
    openedExternal.push(url);
    return Promise.resolve();
  },
});

type PermissionRequestHandler = (
  wc: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;
type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]>; cancel?: boolean }) => void,
) => void;

const sessionHandlers: {
  permissionRequest: PermissionRequestHandler | null;
  permissionCheck: unknown;
  devicePermission: unknown;
  headers: HeadersListener | null;
} = { permissionRequest: null, permissionCheck: null, devicePermission: null, headers: null };

export const session = strict('session', {
  defaultSession: strict('Session', {
    setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
      sessionHandlers.permissionRequest = handler;
    },
    setPermissionCheckHandler(handler: unknown): void {
      sessionHandlers.permissionCheck = handler;
    },
    setDevicePermissionHandler(handler: unknown): void {
      sessionHandlers.devicePermission = handler;
    },
    webRequest: strict('WebRequest', {
      onHeadersReceived(listener: HeadersListener | null): void {
        sessionHandlers.headers = listener;
      },
    }),
  }),
});

/**
 * Chromium's os_crypt: without a keyring Linux falls back to 'basic_text', a key compiled into
 * Chromium ('peanuts'), which is what a machine like CI has.
 */
const BACKEND = process.env.GOPROXY_DESK_STANDIN_SAFE_STORAGE ?? 'basic_text';
const OS_CRYPT_KEY = createHash('sha1').update('peanuts').digest().subarray(0, 16);
const OS_CRYPT_IV = Buffer.alloc(16, ' ');

export const safeStorage = strict('safeStorage', {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => BACKEND,
  encryptString(plain: string): Buffer {
    const cipher = createCipheriv('aes-128-cbc', OS_CRYPT_KEY, OS_CRYPT_IV);
    return Buffer.concat([Buffer.from('v10'), cipher.update(plain, 'utf8'), cipher.final()]);
  },
  decryptString(sealed: Buffer): string {
    if (sealed.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext');
    const decipher = createDecipheriv('aes-128-cbc', OS_CRYPT_KEY, OS_CRYPT_IV);
    return Buffer.concat([decipher.update(sealed.subarray(3)), decipher.final()]).toString('utf8');
  },
});

// --- what the test sees and does ------------------------------------------------------------------

const problems: string[] = [];

/** Uncaught errors and unhandled rejections in main: Electron reports them and carries on. */
export function recordProblem(what: string): void {
  problems.push(what);
}

export function state(): StandInState {
  return {
    pid: process.pid,
    ready,
    quitting,
    lock,
    secondInstances,
    paths,
    windows: windows.map((w) => w.record),
    webContents: webContentsEntries.map((e) => e.record),
    trays: trays.map((t) => ({
      ...t.record,
      menu: t.menu === null ? [] : menuRecord(t.menu),
      clickListeners: t.self.listenerCount('click'),
    })),
    notifications: notificationEntries.map((n) => ({
      ...n.record,
      clickListeners: n.self.listenerCount('click'),
      actionListeners: n.self.listenerCount('action'),
    })),
    dialogs: dialogEntries.map((d) => d.record),
    openedExternal,
    loginItemSettings,
    ipcChannels: [...invokeHandlers.keys()],
    session: {
      permissionRequest: sessionHandlers.permissionRequest !== null,
      permissionCheck: sessionHandlers.permissionCheck !== null,
      devicePermission: sessionHandlers.devicePermission !== null,
      headers: sessionHandlers.headers !== null,
    },
    unimplemented,
    problems,
  };
}

function contentsById(id: number): WebContentsEntry {
  const entry = webContentsEntries.find((e) => e.record.id === id);
  if (entry === undefined) throw new Error(`No web contents ${id}.`);
  return entry;
}

function windowById(id: number): WindowEntry {
  const entry = windows.find((w) => w.record.id === id);
  if (entry === undefined) throw new Error(`No window ${id}.`);
  return entry;
}

function liveTray(): TrayEntry {
  const entry = trays.findLast((t) => !t.record.destroyed);
  if (entry === undefined) throw new Error('There is no tray icon.');
  return entry;
}

function findItem(items: readonly StandInMenuItem[], label: string): StandInMenuItem {
  const found = items.filter((i) => i.label.includes(label));
  if (found.length !== 1) {
    throw new Error(
      `${found.length} menu items contain "${label}": ${items.map((i) => JSON.stringify(i.label)).join(', ')}`,
    );
  }
  return found[0]!;
}

export async function control(command: Command): Promise<unknown> {
  switch (command.type) {
    case 'state':
      return state();
    case 'invoke': {
      const contents = contentsById(command.sender.webContentsId);
      // A destroyed web contents has no renderer left that could send anything.
      if (contents.record.destroyed) throw new Error('The sender is destroyed and cannot send.');
      const handler = invokeHandlers.get(command.channel);
      if (handler === undefined) throw new Error(`No handler registered for '${command.channel}'`);
      const frameUrl = command.sender.frameUrl === undefined ? contents.record.url : command.sender.frameUrl;
      const event = {
        sender: contents.self,
        senderFrame: frameUrl === null ? null : { url: frameUrl },
        processId: 1,
        frameId: 1,
      };
      return structuredClone(await handler(event, ...command.args));
    }
    case 'create-web-contents': {
      const entry = createWebContents(null);
      entry.record.url = command.url;
      return entry.record.id;
    }
    case 'close-window':
      return windowById(command.windowId).close();
    case 'minimize-window': {
      windowById(command.windowId).record.minimized = true;
      return true;
    }
    case 'click-tray': {
      const tray = liveTray();
      if (tray.menu === null) throw new Error('The tray has no menu.');
      let items = tray.menu.items;
      if (command.submenu !== undefined) {
        const parent = findItem(items, command.submenu);
        if (parent.submenu === null) throw new Error(`"${parent.label}" has no submenu.`);
        items = parent.submenu.items;
      }
      const item = findItem(items, command.label);
      if (!item.enabled) throw new Error(`"${item.label}" is disabled.`);
      if (item.type === 'radio') {
        for (const sibling of items) if (sibling.type === 'radio') sibling.checked = false;
        item.checked = true;
      }
      item.click?.(item, null, { shiftKey: false, ctrlKey: false, altKey: false, metaKey: false });
      return item.label;
    }
    case 'click-tray-icon':
      liveTray().self.emit('click', electronEvent(), { x: 0, y: 0, width: 16, height: 16 }, { x: 8, y: 8 });
      return true;
    case 'click-notification': {
      const entry = notificationEntries.find((n) => n.record.id === command.id);
      if (entry === undefined) throw new Error(`No notification ${command.id}.`);
      if (command.action === undefined) entry.self.emit('click', electronEvent());
      else entry.self.emit('action', electronEvent(), command.action);
      return true;
    }
    case 'answer-dialog': {
      const entry = dialogEntries.find((d) => d.record.id === command.id);
      if (entry === undefined || entry.record.answered) throw new Error(`No open dialog ${command.id}.`);
      entry.record.answered = true;
      entry.answer(
        entry.record.kind === 'showMessageBox'
          ? { response: command.response, checkboxChecked: false }
          : command.response,
      );
      return true;
    }
    case 'will-navigate': {
      const event = electronEvent({ url: command.url });
      contentsById(command.webContentsId).self.emit('will-navigate', event, command.url);
      return { prevented: event.defaultPrevented };
    }
    case 'window-open': {
      const entry = contentsById(command.webContentsId);
      if (entry.windowOpenHandler === null) return { action: 'allow' };
      return entry.windowOpenHandler({ url: command.url });
    }
    case 'permission-request': {
      const handler = sessionHandlers.permissionRequest;
      if (handler === null) return true;
      return new Promise((resolve) =>
        handler(contentsById(command.webContentsId).self, command.permission, resolve),
      );
    }
    case 'headers-received': {
      const listener = sessionHandlers.headers;
      if (listener === null) return { responseHeaders: command.responseHeaders };
      return new Promise((resolve) =>
        listener({ url: command.url, responseHeaders: command.responseHeaders }, resolve),
      );
    }
    case 'quit':
      appTarget.quit();
      return true;
  }
}
