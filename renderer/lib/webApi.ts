import type { GoproxyApi, Result } from '../../shared/contract';

/**
 * `window.goproxy` for browser mode (`goproxy-desk ui`, electron/web/): calls go to POST /api/invoke
 * as JSON with the session cookie, events come from GET /api/events. Same shapes as the preload's.
 */
export function createWebApi(): GoproxyApi {
  type Listener = (payload: unknown) => void;
  const listeners = new Map<string, Set<Listener>>();
  let source: EventSource | null = null;
  const disconnected = {
    ok: false,
    error: { code: 'disconnected', message: 'The goproxy-desk ui server cannot be reached.' },
  } as const;

  const connect = (): void => {
    if (source !== null) return;
    source = new EventSource('/api/events');
    source.onmessage = (message: MessageEvent<string>) => {
      let parsed: { event?: unknown; payload?: unknown };
      try {
        parsed = JSON.parse(message.data) as typeof parsed;
      } catch {
        return;
      }
      for (const listener of listeners.get(String(parsed.event)) ?? []) listener(parsed.payload);
    };
  };

  return {
    mode: 'browser',
    async invoke(channel, input) {
      let response: Response;
      try {
        response = await fetch('/api/invoke', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ channel, input }),
          credentials: 'same-origin',
          cache: 'no-store',
        });
      } catch {
        return disconnected;
      }
      // 401: the server restarted (sessions do not survive it); 421/403: it is not ours any more.
      if (response.status === 401 || response.status === 421) return disconnected;
      const body = (await response.json().catch(() => null)) as Result<never> | null;
      if (body === null || typeof body !== 'object' || typeof body.ok !== 'boolean') {
        return {
          ok: false,
          error: { code: 'internal', message: `The server answered HTTP ${response.status}.` },
        };
      }
      return body;
    },
    on(event, listener) {
      connect();
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener as Listener);
      listeners.set(event, set);
      return () => {
        set.delete(listener as Listener);
      };
    },
  };
}
