/**
 * Injected into the page by Playwright (page.addInitScript) before the renderer's own scripts run:
 * defines window.goproxy over the HTTP bridge, with the same shape as electron/preload.ts. Must be
 * self-contained, because Playwright serialises the function's source.
 */
export function installBridge({ token }: { token: string }): void {
  type Listener = (payload: unknown) => void;
  const listeners = new Map<string, Set<Listener>>();
  let source: EventSource | null = null;
  const api = {
    mode: 'desktop',
    invoke: async (channel: string, input: unknown) => {
      const response = await fetch('/__bridge/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-bridge-token': token },
        body: JSON.stringify({ channel, input }),
      });
      if (!response.ok) throw new Error(`bridge answered HTTP ${response.status}`);
      return response.json();
    },
    on: (event: string, listener: Listener) => {
      if (!source) {
        source = new EventSource(`/__bridge/events?token=${token}`);
        source.onmessage = (message: MessageEvent<string>) => {
          const { event: name, payload } = JSON.parse(message.data) as { event: string; payload: unknown };
          for (const l of listeners.get(name) ?? []) l(payload);
        };
      }
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(event, set);
      return () => {
        set.delete(listener);
      };
    },
  };
  Object.defineProperty(window, 'goproxy', {
    value: Object.freeze(api),
    writable: false,
    configurable: false,
  });
}
