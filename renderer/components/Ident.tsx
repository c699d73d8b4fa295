import { Fragment, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { visible } from '../../shared/visible';
import { identTokens } from '../lib/identTokens';

/**
 * An identifier (an env var's value, a URL, a module path, a file) in code type: broken only between the
 * entries of a list, cut with "…" when one entry is wider than the box, whole in the title and, with
 * `copy`, a button that puts it on the clipboard. Control, bidi and zero-width characters are shown
 * (and copied) escaped, as everywhere untrusted text reaches the screen; escaping twice changes nothing.
 */
export function Ident({ value, copy, testId }: { value: string; copy?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const code = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState(false);
  const shown = visible(value);

  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(shown);
    } catch {
      // The desktop app grants the page no permissions: copy the selection instead, as Ctrl+C would.
      const range = document.createRange();
      range.selectNodeContents(code.current!);
      const selection = getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      if (!document.execCommand('copy')) return;
      selection.removeAllRanges();
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };

  return (
    <span className="ident">
      <code ref={code} title={shown} data-testid={testId}>
        {identTokens(shown).map((part, i) => (
          <Fragment key={i}>
            {i > 0 && <wbr />}
            <span className="token">{part}</span>
          </Fragment>
        ))}
      </code>
      {copy && (
        <button
          type="button"
          className="copy-button"
          data-testid={testId ? `${testId}-copy` : undefined}
          aria-label={t('common.copy.label', { value: shown })}
          onClick={() => void onCopy()}
        >
          {copied ? t('common.copy.done') : t('common.copy.button')}
        </button>
      )}
    </span>
  );
}
