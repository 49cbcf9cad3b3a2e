import { useId, useMemo } from 'react';
import type { CustomerCard } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { sourceText } from '../../lib/codes';
import { CallButton } from './CallButton';
import { CallTable } from './CallTable';
import { ContactDetails } from './ContactDetails';
import { NoteList } from './NoteList';
import { RecordLink } from './RecordLink';
import './calls.css';

/** What the card shows about one number: who it is, the contacts that carry it, the calls and their notes. */
export function CustomerCardView({ card, onNoteAdded }: { card: CustomerCard; onNoteAdded: () => void }) {
  const { t, dateTime } = useI18n();
  const ids = { number: useId(), identity: useId(), contacts: useId(), calls: useId(), notes: useId() };
  const noteCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const note of card.notes) counts.set(note.callId, (counts.get(note.callId) ?? 0) + 1);
    return counts;
  }, [card.notes]);
  const callStarts = useMemo(() => new Map(card.calls.map((call) => [call.id, call.startedAt])), [card.calls]);
  const notes = useMemo(() => [...card.notes].sort((a, b) => b.createdAt - a.createdAt), [card.notes]);
  const { identity } = card;
  const unknown = !identity && card.contacts.length === 0;

  return (
    <>
      <section className="card card-section" aria-labelledby={ids.number}>
        <h2 id={ids.number} className="visually-hidden">
          {t('card.numberHeading')}
        </h2>
        <p className="card-number">
          <span>{card.number.display}</span>
          <CallButton label={card.number.display} number={card.number.e164 ?? card.number.input} />
        </p>
        {!card.number.valid && <p className="notice">{t('card.invalidNumber')}</p>}
      </section>

      <section className="card card-section" aria-labelledby={ids.identity}>
        <h2 id={ids.identity}>{t('card.identity')}</h2>
        {identity ? (
          <>
            <p className="identity-name">{identity.name}</p>
            <dl className="details">
            {identity.company && (
              <>
                <dt>{t('card.company')}</dt>
                <dd>{identity.company}</dd>
              </>
            )}
            <dt>{t('card.source')}</dt>
            <dd>
              {sourceText(t, identity.source)} <RecordLink reference={identity.ref} />
            </dd>
            </dl>
          </>
        ) : (
          <p className={unknown ? 'notice' : 'muted'}>{t('card.unknownNumber')}</p>
        )}
      </section>

      {card.contacts.length > 0 && (
        <section className="card-section" aria-labelledby={ids.contacts}>
          <h2 id={ids.contacts}>{t('card.contacts')}</h2>
          <div className="contact-grid">
            {card.contacts.map((contact) => (
              <ContactDetails key={contact.id} contact={contact} />
            ))}
          </div>
        </section>
      )}

      <section className="card-section" aria-labelledby={ids.calls}>
        <h2 id={ids.calls}>{t('card.calls')}</h2>
        {card.calls.length === 0 ? (
          <p className="muted">{t('card.noCalls')}</p>
        ) : (
          <CallTable calls={card.calls} caption={t('card.calls')} noteCounts={noteCounts} onNoteAdded={onNoteAdded} />
        )}
      </section>

      <section className="card-section" aria-labelledby={ids.notes}>
        <h2 id={ids.notes}>{t('card.callNotes')}</h2>
        <NoteList
          notes={notes}
          empty={t('card.noNotes')}
          context={(note) => {
            const startedAt = callStarts.get(note.callId);
            return startedAt === undefined ? null : t('card.noteOnCall', { time: dateTime(startedAt) });
          }}
        />
      </section>
    </>
  );
}
