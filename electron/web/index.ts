/**
 * Browser mode (issue 18, DESIGN §8): the app's pages served by `goproxy-desk ui` on loopback, for
 * machines without a desktop.
 */
export { forwardServiceEvents } from './events';
export { isLoopback, isWildcard, urlHost } from './guards';
export { browserCommand, openBrowser, type BrowserCommand } from './open-browser';
export { readBody, startWebServer, type WebServer, type WebServerOptions } from './server';
