/**
 * The OS proxy as a browser reads it (issue 17): PAC scripts fetched, run in a sandbox and read,
 * and the WPAD names auto-detection tries.
 */
export { evaluatePac, type EvaluatePacOptions, type PacErrorCode, type PacEvaluation } from './evaluate';
export { fetchPac, type FetchPacOptions, type PacFetch } from './fetch';
export { parsePacResult, parsePacResultDetailed, type PacRoute } from './result';
export { readSearchDomains, wpadCandidates } from './wpad';
