import { describe, expect, it } from 'vitest';
import { isOurLiveWindow, type LiveWindow } from '../../electron/shell/trusted-sender';

function window(): LiveWindow & { destroy(): void } {
  let destroyed = false;
  return {
    isDestroyed: () => destroyed,
    destroy: () => {
      destroyed = true;
    },
  };
}

describe('IPC sender check', () => {
  it('accepts the web contents of our open window', () => {
    const ours = window();
    expect(isOurLiveWindow(ours, ours)).toBe(true);
  });

  it('refuses contents of another window', () => {
    expect(isOurLiveWindow(window(), window())).toBe(false);
  });

  it('refuses contents that belong to no window while our window is open', () => {
    expect(isOurLiveWindow(null, window())).toBe(false);
  });

  it('refuses contents that belong to no window once our window is closed (null is not a match)', () => {
    expect(isOurLiveWindow(null, null)).toBe(false);
  });

  it('refuses our window once it is destroyed, before the app has heard it closed', () => {
    const ours = window();
    ours.destroy();
    expect(isOurLiveWindow(ours, ours)).toBe(false);
  });

  it('refuses a window once ours is closed', () => {
    expect(isOurLiveWindow(window(), null)).toBe(false);
  });
});
