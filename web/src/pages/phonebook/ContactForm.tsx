import { useId, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { ContactView } from '../../api/types';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { numberTypeText, visibilityText } from '../../lib/codes';
import { errorText } from '../../lib/errors';
import { NUMBER_TYPES, visibilityChoices, type NumberType, type Visibility } from './contact-rules';
import { fieldErrors } from './server-errors';

interface NumberRow {
  key: number;
  type: NumberType;
  number: string;
}

const TEXT_FIELDS = ['name', 'company', 'email', 'address', 'notes'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

/** Create or edit one contact; the server validates, and its messages appear beside the fields. */
export function ContactForm({ contact, onSaved, onCancel, onDelete }: {
  contact: ContactView | null;
  onSaved: (contact: ContactView) => void;
  onCancel: () => void;
  onDelete?: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const id = useId();
  const nextKey = useRef(1);
  const row = (type: NumberType, number: string): NumberRow => ({ key: nextKey.current++, type, number });

  const [text, setText] = useState<Record<TextField, string>>(() => ({
    name: contact?.name ?? '',
    company: contact?.company ?? '',
    email: contact?.email ?? '',
    address: contact?.address ?? '',
    notes: contact?.notes ?? '',
  }));
  const [numbers, setNumbers] = useState<NumberRow[]>(() =>
    contact && contact.numbers.length > 0 ? contact.numbers.map((n) => row(n.type, n.raw)) : [row('work', '')],
  );
  const choices = visibilityChoices(contact, session);
  const [visibility, setVisibility] = useState<Visibility>(() => contact?.visibility ?? 'private');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ byField: Record<string, string>; general: string[] }>({ byField: {}, general: [] });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Rows left empty are dropped rather than sent for the server to refuse.
    const sent = numbers.filter((n) => n.number.trim() !== '');
    const body = {
      name: text.name,
      ...Object.fromEntries(TEXT_FIELDS.filter((f) => f !== 'name' && text[f].trim() !== '').map((f) => [f, text[f]])),
      numbers: sent.map((n) => ({ type: n.type, number: n.number })),
      visibility,
    };
    setBusy(true);
    try {
      const reply = contact
        ? await api.put<{ contact: ContactView }>(`/contacts/${contact.id}`, body)
        : await api.post<{ contact: ContactView }>('/contacts', body);
      onSaved(reply.contact);
    } catch (error) {
      const paths = [...TEXT_FIELDS, 'visibility', ...sent.map((_, i) => `numbers.${i}`), 'numbers'];
      const split = fieldErrors(error, paths);
      // The server counts only the rows it was sent; map its indexes back to the rows on screen.
      const byField: Record<string, string> = {};
      for (const [path, message] of Object.entries(split.byField)) {
        const index = /^numbers\.(\d+)$/.exec(path)?.[1];
        const target = index === undefined ? undefined : sent[Number(index)];
        byField[target ? `row-${target.key}` : path] = message;
      }
      const general = Object.keys(byField).length > 0 ? [t('phonebook.fixFields'), ...split.rest] : [errorText(error, i18n)];
      setErrors({ byField, general });
      setBusy(false);
    }
  };

  const fieldError = (field: string) =>
    errors.byField[field] ? (
      <span id={`${id}-${field}-error`} className="error pb-field-error">
        {errors.byField[field]}
      </span>
    ) : null;
  const described = (field: string) =>
    errors.byField[field] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${field}-error` } : {};

  const input = (field: TextField, label: string, type = 'text', autoComplete?: string) => (
    <label>
      {label}
      <input
        type={type}
        data-autofocus={field === 'name' ? true : undefined}
        value={text[field]}
        autoComplete={autoComplete}
        onChange={(e) => setText((s) => ({ ...s, [field]: e.target.value }))}
        {...described(field)}
      />
      {fieldError(field)}
    </label>
  );

  const setRow = (key: number, change: Partial<NumberRow>) => setNumbers((list) => list.map((n) => (n.key === key ? { ...n, ...change } : n)));

  return (
    <form className="pb-form" onSubmit={submit} noValidate>
      {errors.general.length > 0 && (
        <div className="error pb-form-errors" role="alert">
          {errors.general.map((message, i) => (
            <p key={i}>{message}</p>
          ))}
        </div>
      )}
      {input('name', t('phonebook.name'), 'text', 'off')}
      {input('company', t('phonebook.company'), 'text', 'off')}
      <fieldset className="pb-numbers">
        <legend>{t('phonebook.numbers')}</legend>
        {numbers.map((n, index) => (
          <div key={n.key} className="pb-number-row">
            <select aria-label={t('phonebook.numberTypeN', { n: index + 1 })} value={n.type} onChange={(e) => setRow(n.key, { type: e.target.value as NumberType })}>
              {NUMBER_TYPES.map((type) => (
                <option key={type} value={type}>
                  {numberTypeText(t, type)}
                </option>
              ))}
            </select>
            <input
              type="tel"
              aria-label={t('phonebook.numberN', { n: index + 1 })}
              value={n.number}
              onChange={(e) => setRow(n.key, { number: e.target.value })}
              {...described(`row-${n.key}`)}
            />
            <button type="button" className="icon-button" aria-label={t('phonebook.removeNumberN', { n: index + 1 })} onClick={() => setNumbers((list) => list.filter((r) => r.key !== n.key))}>
              ×
            </button>
            {fieldError(`row-${n.key}`)}
          </div>
        ))}
        {fieldError('numbers')}
        <button type="button" onClick={() => setNumbers((list) => [...list, row(list.length === 0 ? 'work' : 'mobile', '')])} disabled={numbers.length >= 20}>
          {t('phonebook.addNumber')}
        </button>
      </fieldset>
      {input('email', t('phonebook.email'), 'email', 'off')}
      <label>
        {t('phonebook.address')}
        <textarea rows={2} value={text.address} onChange={(e) => setText((s) => ({ ...s, address: e.target.value }))} {...described('address')} />
        {fieldError('address')}
      </label>
      <label>
        {t('phonebook.notes')}
        <textarea rows={3} value={text.notes} onChange={(e) => setText((s) => ({ ...s, notes: e.target.value }))} {...described('notes')} />
        {fieldError('notes')}
      </label>
      <label>
        {t('phonebook.visibility')}
        <select value={visibility} onChange={(e) => setVisibility(e.target.value as Visibility)} {...described('visibility')}>
          {(choices.includes(visibility) ? choices : [visibility, ...choices]).map((v) => (
            <option key={v} value={v}>
              {visibilityText(t, v)}
            </option>
          ))}
        </select>
        <span className="muted pb-hint">{t(`phonebook.visibilityHint_${visibility}`)}</span>
        {fieldError('visibility')}
      </label>
      <div className="pb-form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('phonebook.saving') : t('common.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        {onDelete && (
          <button type="button" className="danger pb-delete" onClick={onDelete}>
            {t('common.delete')}
          </button>
        )}
      </div>
    </form>
  );
}
