import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Forwarding, ForwardKind, ForwardTarget } from '../../../../src/calls/call-control.js';
import { ApiError, api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../lib/errors';
import { useFetch } from '../../lib/use-fetch';
import { SaveActions } from './SaveActions';
import { Section } from './Section';
import { useSaveState } from './useSaveState';

const KINDS: readonly ForwardKind[] = ['unconditional', 'busy', 'unavailable'];
const CHOICES = ['off', 'number', 'voicemail'] as const;
type Choice = (typeof CHOICES)[number];

/** One row of the form; the typed number is kept while another choice is picked, so picking "To a number" again brings it back. */
interface Row {
  choice: Choice;
  number: string;
}
type Draft = Record<ForwardKind, Row>;

const CHOICE_KEY = { off: 'settings.forwardOff', number: 'settings.forwardToNumber', voicemail: 'settings.forwardToVoicemail' } as const;

const toRow = (target: ForwardTarget | null): Row =>
  target === null ? { choice: 'off', number: '' } : 'voicemail' in target ? { choice: 'voicemail', number: '' } : { choice: 'number', number: target.number };

const toTarget = (row: Row): ForwardTarget | null =>
  row.choice === 'off' ? null : row.choice === 'voicemail' ? { voicemail: true } : { number: row.number.trim() };

const toDraft = (state: Forwarding): Draft => ({ unconditional: toRow(state.unconditional), busy: toRow(state.busy), unavailable: toRow(state.unavailable) });

const loadForwarding = (path: string) => api.get<Forwarding>(path);

/** The rows a refusal names: the server says `busy.number: …` for a number it cannot dial. */
const namedKinds = (message: string): ForwardKind[] => KINDS.filter((kind) => message.includes(`${kind}.`));

/**
 * Where the user's calls go instead of their phone: always, when busy, when not answered. The PBX
 * keeps this (its AstDB), so it is read from there when the page opens and written on save; the
 * form then shows what the PBX holds, numbers in the form the PBX dials them.
 */
export function ForwardingSection() {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const loaded = useFetch('/me/forwarding', loadForwarding);
  const save = useSaveState();
  const [shown, setShown] = useState<{ extension: string; draft: Draft } | null>(null);
  const [invalid, setInvalid] = useState<ForwardKind[]>([]);

  useEffect(() => {
    if (loaded.data) setShown({ extension: loaded.data.extension, draft: toDraft(loaded.data) });
  }, [loaded.data]);

  const edit = (kind: ForwardKind, change: Partial<Row>) => {
    setShown((s) => (s === null ? s : { ...s, draft: { ...s.draft, [kind]: { ...s.draft[kind], ...change } } }));
    setInvalid((kinds) => kinds.filter((k) => k !== kind));
    save.touch();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (shown === null) return;
    const body = Object.fromEntries(KINDS.map((kind) => [kind, toTarget(shown.draft[kind])]));
    void save.run(async () => {
      try {
        const reply = await api.put<Forwarding>('/me/forwarding', body);
        setShown({ extension: reply.extension, draft: toDraft(reply) });
        setInvalid([]);
      } catch (error) {
        if (!(error instanceof ApiError) || error.code !== 'invalid') throw error;
        // The server names the field by its API name; the user knows the row by its label.
        setInvalid(namedKinds(error.message));
        const message = error.message.replace(/\b(unconditional|busy|unavailable)\.number\b/g, (_, kind: ForwardKind) => t(`settings.forward_${kind}`));
        throw new ApiError(error.status, error.code, message);
      }
    });
  };

  return (
    <Section id="settings-forwarding" title={t('settings.forwardingTitle')}>
      {shown === null ? (
        loaded.error ? (
          <div className="settings-actions">
            <p className="error" role="alert">
              {t('settings.forwardingUnavailable', { message: errorText(loaded.error, i18n) })}
            </p>
            <button type="button" onClick={() => void loaded.reload()} disabled={loaded.loading}>
              {t('common.retry')}
            </button>
          </div>
        ) : (
          <p role="status">{t('common.loading')}</p>
        )
      ) : (
        <form onSubmit={submit} className="settings-form">
          <p className="muted">{t('settings.forwardingIntro', { extension: shown.extension })}</p>
          {KINDS.map((kind) => {
            const row = shown.draft[kind];
            return (
              <fieldset key={kind} className="settings-choices forwarding-choices">
                <legend>{t(`settings.forward_${kind}`)}</legend>
                {CHOICES.map((choice) => (
                  <label key={choice} className="inline">
                    <input type="radio" name={`${id}-${kind}`} value={choice} checked={row.choice === choice} onChange={() => edit(kind, { choice })} />
                    {t(CHOICE_KEY[choice])}
                  </label>
                ))}
                {row.choice === 'number' && (
                  <div className="field forwarding-number">
                    <label htmlFor={`${id}-${kind}-number`}>{t('settings.forwardNumber')}</label>
                    <input
                      id={`${id}-${kind}-number`}
                      type="tel"
                      autoComplete="off"
                      required
                      maxLength={64}
                      value={row.number}
                      aria-invalid={invalid.includes(kind) || undefined}
                      onChange={(event) => edit(kind, { number: event.target.value })}
                    />
                  </div>
                )}
              </fieldset>
            );
          })}
          <SaveActions save={save} />
        </form>
      )}
    </Section>
  );
}
