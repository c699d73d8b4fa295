import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface Common<T> {
  testId: string;
  label: string;
  help?: string;
  value: T;
  disabled?: boolean;
  /** Called with a value that passed the check and differs from the saved one. */
  onValid: (value: T) => void;
  /** Called when the typed value fails the check: nothing is saved. */
  onInvalid: () => void;
}

/**
 * A text box whose value is checked and saved when the user leaves it or presses Enter (not on every
 * keystroke, which would save half-typed values); a value that fails the check is kept on screen with
 * the reason, and nothing is saved.
 */
function CheckedInput<T extends string | number>({
  testId,
  label,
  help,
  value,
  disabled,
  onValid,
  onInvalid,
  parse,
  inputMode,
}: Common<T> & {
  /** The value, or the message saying what is wrong with the text. */
  parse: (text: string) => { ok: true; value: T } | { ok: false; message: string };
  inputMode: 'numeric' | 'text';
}) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const [problem, setProblem] = useState<string | null>(null);

  // A value saved elsewhere (the tray, another window) shows up unless the user is fixing a bad one.
  const [shownValue, setShownValue] = useState(value);
  if (shownValue !== value) {
    setShownValue(value);
    if (problem === null) setText(String(value));
  }

  const commit = () => {
    const parsed = parse(text.trim());
    if (!parsed.ok) {
      setProblem(parsed.message);
      onInvalid();
      return;
    }
    setProblem(null);
    setText(String(parsed.value));
    if (parsed.value !== value) onValid(parsed.value);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') commit();
  };
  const described = [help ? `${id}-help` : '', problem ? `${id}-problem` : ''].filter(Boolean).join(' ');

  return (
    <div className="setting">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        data-testid={testId}
        type="text"
        inputMode={inputMode}
        spellCheck={false}
        value={text}
        disabled={disabled}
        aria-invalid={problem !== null}
        aria-describedby={described || undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
      {help && (
        <span id={`${id}-help`} className="muted small">
          {help}
        </span>
      )}
      {problem && (
        <span id={`${id}-problem`} className="field-error" role="alert" data-testid={`${testId}-error`}>
          {problem}
        </span>
      )}
    </div>
  );
}

export function NumberSetting(props: Common<number> & { min: number; max: number }) {
  const { t } = useTranslation();
  const { min, max, ...rest } = props;
  const parse = (text: string) => {
    const n = /^-?\d+$/.test(text) ? Number(text) : NaN;
    return Number.isInteger(n) && n >= min && n <= max
      ? { ok: true as const, value: n }
      : { ok: false as const, message: t('settingsPage.invalid.range', { min, max }) };
  };
  return <CheckedInput {...rest} parse={parse} inputMode="numeric" />;
}

/** PATH@VERSION, as go get takes it; main checks it again (and says more when it is wrong). */
const MODULE_VERSION = /^[^\s@]+@v[^\s@]+$/;

export function ModuleSetting(props: Common<string>) {
  const { t } = useTranslation();
  const parse = (text: string) =>
    MODULE_VERSION.test(text) && text.length <= 512
      ? { ok: true as const, value: text }
      : { ok: false as const, message: t('settingsPage.invalid.module') };
  return <CheckedInput {...props} parse={parse} inputMode="text" />;
}
