import { useId, useRef, useState } from 'react';
import './admin.css';
import { useI18n } from '../../i18n/i18n';

/**
 * A value to paste somewhere else (webhook URL, secret, API token): read-only text with a copy
 * button. Without clipboard access (plain HTTP, old browsers) the text is selected instead, so
 * Ctrl+C copies it.
 */
export function CopyField({ label, value, secret = false }: { label: string; value: string; secret?: boolean }) {
  const { t } = useI18n();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<'idle' | 'copied' | 'selected'>('idle');

  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      setStatus('copied');
    } catch {
      input.current?.focus();
      input.current?.select();
      setStatus('selected');
    }
  };

  return (
    <div className="copy-field">
      <label htmlFor={id} id={`${id}-label`}>
        {label}
      </label>
      <div className="copy-field-row">
        <input
          id={id}
          ref={input}
          readOnly
          value={value}
          spellCheck={false}
          autoComplete="off"
          className={secret ? 'secret-text' : undefined}
          onFocus={(event) => event.currentTarget.select()}
        />
        {/* Named "Copy" only, so the label finds just the field; the label describes the button. */}
        <button type="button" onClick={() => void copy()} aria-describedby={`${id}-label`}>
          {t('common.copy')}
        </button>
      </div>
      <span className="copy-status muted" role="status">
        {status === 'copied' ? t('common.copied') : status === 'selected' ? t('admin.copyManually') : ''}
      </span>
    </div>
  );
}
