export * from './result';
export * from './goproxy';
export * from './patterns';
export * from './gosumdb';
export * from './modpath';
export * from './govcs';
export * from './envfile';
export * from './noproxy';
