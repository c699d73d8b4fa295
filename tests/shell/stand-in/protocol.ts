/**
 * What the test and the stand-in Electron say to each other over the fork IPC channel: the test sends
 * a command with an id, the stand-in answers with the same id. Everything the stand-in saw the main
 * process do is in `StandInState`, which the test reads whenever it likes.
 */

/** A web contents the stand-in made: a window's, or one of no window (a webview's, a service worker's). */
export interface WebContentsRecord {
  id: number;
  windowId: number | null;
  url: string;
  destroyed: boolean;
  /** Events sent to the renderer (webContents.send), payloads as sent. */
  sent: { channel: string; args: unknown[] }[];
  /** Whether main gave it a window-open handler and will-navigate / will-redirect / will-attach-webview listeners. */
  guarded: { windowOpen: boolean; willNavigate: number; willRedirect: number; willAttachWebview: number };
}

export interface WindowRecord {
  id: number;
  webContentsId: number;
  options: unknown;
  /** Every URL loadURL was given. */
  loaded: string[];
  visible: boolean;
  minimized: boolean;
  shows: number;
  focuses: number;
  restores: number;
  destroyed: boolean;
}

export interface MenuItemRecord {
  type: string;
  label: string;
  enabled: boolean;
  checked: boolean;
  clickable: boolean;
  submenu: MenuItemRecord[] | null;
}

export interface TrayRecord {
  icon: { path: string; empty: boolean; representations: number; template: boolean };
  tooltip: string;
  menu: MenuItemRecord[];
  /** How many times a context menu was set. */
  renders: number;
  destroyed: boolean;
  clickListeners: number;
}

export interface NotificationRecord {
  id: number;
  title: string;
  body: string;
  actions: { type: string; text: string }[];
  shown: boolean;
  clickListeners: number;
  actionListeners: number;
}

export interface DialogRecord {
  id: number;
  kind: 'showMessageBox' | 'showOpenDialog';
  /** The window the dialog is modal to, or null. */
  windowId: number | null;
  options: unknown;
  answered: boolean;
}

export interface StandInState {
  pid: number;
  ready: boolean;
  quitting: boolean;
  lock: 'primary' | 'secondary' | null;
  /** second-instance events delivered to this (primary) process. */
  secondInstances: { argv: string[]; workingDirectory: string }[];
  paths: Record<string, string>;
  windows: WindowRecord[];
  webContents: WebContentsRecord[];
  trays: TrayRecord[];
  notifications: NotificationRecord[];
  dialogs: DialogRecord[];
  openedExternal: string[];
  loginItemSettings: unknown[];
  ipcChannels: string[];
  session: {
    permissionRequest: boolean;
    permissionCheck: boolean;
    devicePermission: boolean;
    headers: boolean;
  };
  /** Properties of the Electron API main used that the stand-in does not have: must stay empty. */
  unimplemented: string[];
  /** Uncaught exceptions and unhandled rejections in the main process: must stay empty. */
  problems: string[];
}

export type SenderSpec =
  /** The web contents with this id, as it is (a window's or not). */
  { webContentsId: number; frameUrl?: string | null };

export type Command =
  | { type: 'state' }
  /** ipcRenderer.invoke(channel, ...args) from that sender. */
  | { type: 'invoke'; sender: SenderSpec; channel: string; args: unknown[] }
  | { type: 'create-web-contents'; url: string }
  | { type: 'close-window'; windowId: number }
  | { type: 'minimize-window'; windowId: number }
  /** Clicks the tray menu item whose label contains `label` (exactly one must); `submenu` first opens that submenu. */
  | { type: 'click-tray'; label: string; submenu?: string }
  | { type: 'click-tray-icon' }
  | { type: 'click-notification'; id: number; action?: number }
  | { type: 'answer-dialog'; id: number; response: unknown }
  | { type: 'will-navigate'; webContentsId: number; url: string }
  | { type: 'window-open'; webContentsId: number; url: string }
  | { type: 'permission-request'; webContentsId: number; permission: string }
  | { type: 'headers-received'; url: string; responseHeaders: Record<string, string[]> }
  | { type: 'quit' };

export type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

export interface Request {
  id: number;
  command: Command;
}

/** The stand-in's first message: the process is up and listening for commands. */
export interface Hello {
  hello: true;
  pid: number;
}
