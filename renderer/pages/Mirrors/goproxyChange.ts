import { useCallback, useState } from 'react';
import type { GoEnvWriteResult, IpcError } from '../../../shared/contract';
import { call, toIpcError } from '../../lib/api';
import { useEnv } from '../../store/env';
import { useOverview } from '../../store/overview';

/** What a GOPROXY change would write: a catalogue mirror put first (`use`), or a whole new value. */
export type ChangeRequest = { kind: 'use'; target: string; name: string } | { kind: 'set'; value: string };

export type ChangeStep =
  | { kind: 'idle' }
  | { kind: 'preview'; request: ChangeRequest; result: GoEnvWriteResult }
  | { kind: 'applied'; request: ChangeRequest; result: GoEnvWriteResult }
  | { kind: 'undone'; value: string }
  | { kind: 'nothing-to-undo' };

const send = (request: ChangeRequest, dryRun: boolean) =>
  request.kind === 'use'
    ? call('goenv:use', { target: request.target, ...(dryRun ? { dryRun } : {}) })
    : call('goenv:write', { set: [`GOPROXY=${request.value}`], ...(dryRun ? { dryRun } : {}) });

/** Both views of go's settings show the new value before the page says the change is done. */
const reload = () => Promise.all([useEnv.getState().load(), useOverview.getState().loadEnv()]);

/**
 * A GOPROXY change in three steps, as every write of the app goes: preview (a dry run), one confirm,
 * then Undo. A new preview replaces whatever the last change said, so nothing stale stays on screen.
 */
export function useGoproxyChange() {
  const [step, setStep] = useState<ChangeStep>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  /** The request of the newest preview: which part of the page the preview and its outcome belong to. */
  const [last, setLast] = useState<ChangeRequest | null>(null);

  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(toIpcError(e));
    } finally {
      setBusy(false);
    }
  }, []);

  const preview = useCallback(
    (request: ChangeRequest) =>
      run(async () => {
        setStep({ kind: 'idle' });
        setLast(request);
        setStep({ kind: 'preview', request, result: await send(request, true) });
      }),
    [run],
  );

  const confirm = useCallback(
    () =>
      run(async () => {
        if (step.kind !== 'preview') return;
        const result = await send(step.request, false);
        await reload();
        setStep({ kind: 'applied', request: step.request, result });
      }),
    [run, step],
  );

  const undo = useCallback(
    () =>
      run(async () => {
        const result = await call('goenv:undo', {});
        await reload();
        const value = useEnv.getState().report?.vars.GOPROXY?.value ?? '';
        setStep(result.undone ? { kind: 'undone', value } : { kind: 'nothing-to-undo' });
      }),
    [run],
  );

  const reset = useCallback(() => {
    setStep({ kind: 'idle' });
    setError(null);
    setLast(null);
  }, []);

  return { step, busy, error, last, preview, confirm, undo, reset };
}

export type GoproxyChange = ReturnType<typeof useGoproxyChange>;
