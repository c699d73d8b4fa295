import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import path from 'node:path';
import { createHandlers } from '../handlers';
import {
  browserCommand,
  forwardServiceEvents,
  isLoopback,
  openBrowser,
  startWebServer,
  urlHost,
  type WebServer,
} from '../web';
import { UsageError } from './args';
import type { CommandSpec } from './command';

/** The built pages, beside the built CLI (out/cli/goproxy-desk.js → out/renderer). */
const RENDERER_DIR = path.resolve(__dirname, '../renderer');

/**
 * `goproxy-desk ui`: the app in a browser, for machines without a desktop (SSH, WSL, containers). The
 * first stdout line is the one-time link (a script can read it); the rest goes to stderr. Runs until
 * Ctrl+C or SIGTERM.
 */
export const uiCommand: CommandSpec = {
  name: 'ui',
  synopsis: 'ui [--port N] [--host ADDRESS] [--no-open]',
  options: {
    port: { type: 'integer' },
    host: { type: 'string' },
    'no-open': { type: 'boolean' },
  },
  positionals: { min: 0, max: 0 },
  async run(ctx) {
    const { options, services, io, t, json } = ctx;
    const port = options.port === undefined ? 0 : (options.port as number);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError('ui.badPort', { port: String(port) });
    const given = typeof options.host === 'string' ? options.host : '127.0.0.1';
    const address = given === 'localhost' ? '127.0.0.1' : given.replace(/^\[(.*)\]$/, '$1');
    if (isIP(address) === 0) throw new UsageError('ui.badHost', { host: given });
    if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
      io.stderr(`${t('ui.notBuilt', { dir: RENDERER_DIR })}\n`);
      return 1;
    }

    let server: WebServer;
    try {
      server = await startWebServer({
        handlers: createHandlers(services),
        staticDir: RENDERER_DIR,
        events: (send) => forwardServiceEvents(services, send),
        address,
        port,
        ...(ctx.languageGiven ? { language: ctx.language } : {}),
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const key =
        code === 'EADDRINUSE' ? 'ui.portInUse' : code === 'EADDRNOTAVAIL' ? 'ui.noSuchAddress' : null;
      if (key === null) throw error;
      io.stderr(`${t(key, { port: String(port), host: given })}\n`);
      return 1;
    }

    const link = server.newLink();
    io.stdout(
      json ? `${JSON.stringify({ url: link, origin: server.origin, port: server.port })}\n` : `${link}\n`,
    );
    if (!isLoopback(address))
      io.stderr(`${t('ui.exposed', { address: urlHost(address), port: server.port })}\n`);
    io.stderr(`${t('ui.running', { origin: server.origin })}\n`);
    const tunnel = t('ui.tunnel', { port: server.port, host: hostname() });
    if (options['no-open'] === true) {
      io.stderr(`${tunnel}\n`);
    } else {
      const opener = browserCommand(process.platform, ctx.host.env, link);
      const opened = opener !== null && (await openBrowser(opener));
      io.stderr(`${opened ? t('ui.opened') : t('ui.noBrowser')}\n${tunnel}\n`);
    }
    io.stderr(`${t('ui.stop')}\n`);

    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    // Probes and downloads stop; a write already under way finishes (the process waits for it).
    services.probe.cancel();
    services.goenv.cancel();
    await server.close();
    io.stderr(`${t('ui.stopped')}\n`);
    return 0;
  },
};
