export const STEPS = [
  'go',
  'network',
  'mirrors',
  'private',
  'proxy',
  'review',
  'apply',
  'verify',
  'done',
] as const;
export type StepId = (typeof STEPS)[number];

/** Why Next is not possible yet (a key of wizard.blocked), or null when it is. */
export type Blocker =
  'probe' | 'patterns' | 'proxyUrl' | 'proxyScopes' | 'review' | 'apply' | 'verify' | 'last';

export interface GateFacts {
  probeRunning: boolean;
  patternProblems: number;
  useProxy: boolean;
  proxyUrl: string;
  proxyScopes: number;
  reviewReady: boolean;
  applied: boolean;
  verifyRunning: boolean;
}

export function blocker(step: StepId, f: GateFacts): Blocker | null {
  switch (step) {
    case 'network':
      return f.probeRunning ? 'probe' : null;
    case 'private':
      return f.patternProblems > 0 ? 'patterns' : null;
    case 'proxy':
      if (!f.useProxy) return null;
      if (f.proxyUrl.trim() === '') return 'proxyUrl';
      return f.proxyScopes === 0 ? 'proxyScopes' : null;
    case 'review':
      return f.reviewReady ? null : 'review';
    case 'apply':
      return f.applied ? null : 'apply';
    case 'verify':
      return f.verifyRunning ? 'verify' : null;
    case 'done':
      return 'last';
    default:
      return null;
  }
}
