/**
 * The six steps the user fills in, then Verify & done. Nothing is written before the Review step's
 * "Apply changes" button; after it there is nothing to go back to.
 */
export const STEPS = ['go', 'network', 'mirrors', 'private', 'proxy', 'review', 'verify'] as const;
export type StepId = (typeof STEPS)[number];
/** The numbered steps ("Step 3 of 6"); Verify & done follows them. */
export const NUMBERED_STEPS = 6;
export const REVIEW_STEP = STEPS.indexOf('review');
export const VERIFY_STEP = STEPS.indexOf('verify');

/** Why moving forwards is not possible yet (a key of wizard.blocked), or null when it is. */
export type Blocker = 'probe' | 'patterns' | 'proxyUrl' | 'proxyScopes' | 'review' | 'apply' | 'last';

export interface GateFacts {
  probeRunning: boolean;
  patternProblems: number;
  useProxy: boolean;
  proxyUrl: string;
  proxyScopes: number;
  reviewReady: boolean;
  applied: boolean;
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
      if (!f.reviewReady) return 'review';
      return f.applied ? null : 'apply';
    case 'verify':
      return 'last';
    default:
      return null;
  }
}
