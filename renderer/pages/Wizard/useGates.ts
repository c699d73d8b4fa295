import { useShallow } from 'zustand/react/shallow';
import { patternProblems } from '../../../shared/go/patterns';
import { useWizard } from '../../store/wizard';
import { blocker, STEPS, type Blocker, type GateFacts } from './steps';

/** What stands in the way of leaving each step forwards, from the wizard's state. */
export function useGates(): (step: number) => Blocker | null {
  const facts = useWizard(
    useShallow((s): GateFacts => ({
      probeRunning: s.probe.status === 'running',
      patternProblems: patternProblems(s.goprivate).length,
      useProxy: s.proxy.use,
      proxyUrl: s.proxy.url,
      proxyScopes: s.proxy.scopes.length,
      reviewReady: s.review.status === 'ready',
      applied: s.apply.status === 'done',
    })),
  );
  return (step) => blocker(STEPS[step]!, facts);
}
