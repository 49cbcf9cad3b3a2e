import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { PublicUser } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { directionText, outcomeText } from '../../lib/codes';
import { DIRECTIONS, NO_FILTERS, OUTCOMES, type CallFilters } from './filters';
import './calls.css';

const TYPING_PAUSE_MS = 500;

interface Props {
  filters: CallFilters;
  onChange: (filters: CallFilters) => void;
  /** Admins: the users to pick from; null for everyone else (no user filter). */
  users: PublicUser[] | null;
}

/** The call log's filters; each applies as soon as it is chosen, the number once typing pauses (or on Enter). */
export function CallFilterForm({ filters, onChange, users }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [number, setNumber] = useState(filters.number);
  const timer = useRef<number | undefined>(undefined);

  // Back/forward or "clear" changed the URL: show what it says.
  useEffect(() => setNumber(filters.number), [filters.number]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const set = (changes: Partial<CallFilters>) => {
    window.clearTimeout(timer.current);
    onChange({ ...filters, number, ...changes });
  };
  const typeNumber = (value: string) => {
    setNumber(value);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => onChange({ ...filters, number: value }), TYPING_PAUSE_MS);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    window.clearTimeout(timer.current);
    onChange({ ...filters, number });
  };
  const known = filters.outcome === '' || (OUTCOMES as readonly string[]).includes(filters.outcome);

  return (
    <form className="toolbar call-filters" aria-label={t('calls.filters')} onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-direction`}>{t('calls.direction')}</label>
        <select id={`${id}-direction`} value={filters.direction} onChange={(e) => set({ direction: e.target.value })}>
          <option value="">{t('calls.anyDirection')}</option>
          {DIRECTIONS.map((d) => (
            <option key={d} value={d}>
              {directionText(t, d)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-outcome`}>{t('calls.outcome')}</label>
        <select id={`${id}-outcome`} value={filters.outcome} onChange={(e) => set({ outcome: e.target.value })}>
          <option value="">{t('calls.anyOutcome')}</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {outcomeText(t, o)}
            </option>
          ))}
          {!known && (
            // A link may carry several outcomes (outcome=busy,failed); keep it choosable as it came.
            <option value={filters.outcome}>
              {t('calls.someOutcomes', { list: filters.outcome.split(',').map((o) => outcomeText(t, o)).join(', ') })}
            </option>
          )}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-from`}>{t('calls.from')}</label>
        <input id={`${id}-from`} type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => set({ from: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t('calls.to')}</label>
        <input id={`${id}-to`} type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => set({ to: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-number`}>{t('calls.number')}</label>
        <input id={`${id}-number`} type="search" inputMode="tel" autoComplete="off" value={number} onChange={(e) => typeNumber(e.target.value)} />
      </div>
      {users && (
        <div className="field">
          <label htmlFor={`${id}-user`}>{t('calls.user')}</label>
          <select id={`${id}-user`} value={filters.user} onChange={(e) => set({ user: e.target.value })}>
            <option value="">{t('calls.myCalls')}</option>
            <option value="all">{t('calls.allUsers')}</option>
            {users.map((user) => (
              <option key={user.id} value={String(user.id)}>
                {user.displayName}
              </option>
            ))}
          </select>
        </div>
      )}
      <button type="button" onClick={() => set(NO_FILTERS)}>
        {t('calls.clearFilters')}
      </button>
    </form>
  );
}
