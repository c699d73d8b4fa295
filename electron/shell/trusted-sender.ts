/** What the sender check needs of a window: Electron's BrowserWindow has it. */
export interface LiveWindow {
  isDestroyed(): boolean;
}

/**
 * Whether an IPC sender belongs to our window: `senderWindow` is the window the sender's web contents
 * belong to (BrowserWindow.fromWebContents: null for contents that are no window's), `ours` the app's
 * window (null while it is closed, the app living on in the tray). A sender without a window never
 * passes, even when ours is gone too; nor does a window being destroyed.
 */
export function isOurLiveWindow<W extends LiveWindow>(senderWindow: W | null, ours: W | null): boolean {
  return senderWindow !== null && senderWindow === ours && !senderWindow.isDestroyed();
}
