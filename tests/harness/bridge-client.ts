/**
 * Injected into the page by Playwright (page.addInitScript) before the renderer's own scripts run:
 * defines window.goproxy over the HTTP bridge, with the same shape as electron/preload.ts. Must be
 * self-contained, because Playwright serialises the function's source.
 */
export function installBridge({ token }: { token: string }): void {
  const api = {
    invoke: async (channel: string, input: unknown) => {
      const response = await fetch('/__bridge/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-bridge-token': token },
        body: JSON.stringify({ channel, input }),
      });
      if (!response.ok) throw new Error(`bridge answered HTTP ${response.status}`);
      return response.json();
    },
    // Events are not bridged yet: no channel emits them before probing lands.
    on: () => () => undefined,
  };
  Object.defineProperty(window, 'goproxy', {
    value: Object.freeze(api),
    writable: false,
    configurable: false,
  });
}
