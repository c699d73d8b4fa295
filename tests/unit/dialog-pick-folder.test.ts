import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/dispatch';
import { createHandlers } from '../../electron/handlers';
import { createServices, NO_FOLDER_PICKER_MESSAGE } from '../../electron/services';
import { createNodeHost } from '../../electron/services/host';

const host = () => createNodeHost({ env: { HOME: '/nonexistent-home', PATH: '' }, platform: 'linux' });

describe('dialog:pickFolder', () => {
  it("answers the desktop app's picker: a folder, or null when the user cancelled", async () => {
    const answers = ['/home/u/src/app', null];
    const handlers = createHandlers(
      createServices(host(), { pickFolder: async () => answers.shift() ?? null }),
    );
    await expect(dispatch(handlers, 'dialog:pickFolder', {})).resolves.toEqual({
      ok: true,
      value: { path: '/home/u/src/app' },
    });
    await expect(dispatch(handlers, 'dialog:pickFolder', {})).resolves.toEqual({
      ok: true,
      value: { path: null },
    });
  });

  it('is unavailable without the desktop app, telling the user to type the path', async () => {
    const handlers = createHandlers(createServices(host()));
    await expect(dispatch(handlers, 'dialog:pickFolder', {})).resolves.toEqual({
      ok: false,
      error: { code: 'unavailable', message: NO_FOLDER_PICKER_MESSAGE },
    });
  });
});
