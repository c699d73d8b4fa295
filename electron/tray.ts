/// <reference types="electron-vite/node" />
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import trayColor from '../build/tray.png?asset';
import trayColor2x from '../build/tray@2x.png?asset';
import trayTemplate from '../build/trayTemplate.png?asset';
import trayTemplate2x from '../build/trayTemplate@2x.png?asset';
import type { TrayAction, TrayItem } from './shell/tray-menu';

/**
 * Draws the tray menu that shell/tray-menu.ts computes; knows nothing of the app's state. On macOS the
 * icon is a template image (black and alpha, tinted by the menu bar); elsewhere the small app icon.
 */
export interface TrayView {
  render(items: TrayItem[], tooltip: string): void;
  /** The items last drawn (read by tests/electron through the main process). */
  items(): TrayItem[];
  destroy(): void;
}

function icon(): NativeImage {
  const mac = process.platform === 'darwin';
  const image = nativeImage.createFromPath(mac ? trayTemplate : trayColor);
  image.addRepresentation({
    scaleFactor: 2,
    buffer: nativeImage.createFromPath(mac ? trayTemplate2x : trayColor2x).toPNG(),
  });
  if (mac) image.setTemplateImage(true);
  return image;
}

function toMenuItem(item: TrayItem, onAction: (action: TrayAction) => void): MenuItemConstructorOptions {
  switch (item.kind) {
    case 'separator':
      return { type: 'separator' };
    case 'label':
      return { label: item.label, enabled: false };
    case 'radio': {
      const action = item.action;
      return {
        type: 'radio',
        label: item.label,
        checked: item.checked,
        enabled: item.enabled,
        ...(action !== null ? { click: () => onAction(action) } : {}),
      };
    }
    case 'item':
      return { label: item.label, enabled: item.enabled, click: () => onAction(item.action) };
    case 'submenu':
      return { label: item.label, submenu: item.items.map((i) => toMenuItem(i, onAction)) };
  }
}

export function createTrayView(onAction: (action: TrayAction) => void, onOpen: () => void): TrayView {
  const tray = new Tray(icon());
  let drawn: TrayItem[] = [];
  // Windows and most Linux panels: a click on the icon opens the window, the menu is on right-click.
  if (process.platform !== 'darwin') tray.on('click', onOpen);
  return {
    render(items, tooltip) {
      drawn = items;
      tray.setContextMenu(Menu.buildFromTemplate(items.map((i) => toMenuItem(i, onAction))));
      tray.setToolTip(tooltip);
    },
    items: () => drawn,
    destroy: () => tray.destroy(),
  };
}
