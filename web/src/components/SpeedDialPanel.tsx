import { useCallback, useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { ContactView } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { numberTypeText } from '../lib/codes';
import { useDial } from '../lib/dial';
import { errorText } from '../lib/errors';
import { dialable } from '../pages/phonebook/contact-rules';
import { onPhonebookChanged } from '../pages/phonebook/phonebook-events';
import './search/speed-dial.css';

/** The user's quick list: one click calls the contact's first number. */
export function SpeedDialPanel() {
  const i18n = useI18n();
  const { t } = i18n;
  const dial = useDial();
  const titleId = useId();
  const [contacts, setContacts] = useState<ContactView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    api
      .get<{ contacts: ContactView[] }>('/contacts/speeddial')
      .then((reply) => {
        setContacts(reply.contacts);
        setError(null);
      })
      .catch((e) => setError(errorText(e, i18n)));
  }, [i18n]);

  useEffect(() => {
    load();
    const off = onPhonebookChanged(load);
    // Another tab or person may have changed it meanwhile.
    window.addEventListener('focus', load);
    return () => {
      off();
      window.removeEventListener('focus', load);
    };
  }, [load]);

  return (
    <section className="speed-dial card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('phonebook.speedDialTitle')}</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {contacts === null && !error && <p className="muted">{t('common.loading')}</p>}
      {contacts !== null && contacts.length === 0 && (
        <p className="muted">
          {t('phonebook.speedDialEmpty')} <Link to="/phonebook">{t('phonebook.speedDialManage')}</Link>
        </p>
      )}
      {contacts !== null && contacts.length > 0 && (
        <ul className="speed-dial-list">
          {contacts.map((contact) => {
            const first = contact.numbers[0];
            return (
              <li key={contact.id}>
                <button
                  type="button"
                  className="speed-dial-button"
                  aria-label={t('phonebook.callName', { name: contact.name })}
                  disabled={!first}
                  onClick={() => first && void dial(dialable(first))}
                >
                  <span className="speed-dial-icon" aria-hidden="true">
                    ☎
                  </span>
                  <span className="speed-dial-text">
                    <span className="speed-dial-name">{contact.name}</span>
                    <span className="speed-dial-number muted">
                      {first ? `${numberTypeText(t, first.type)} · ${first.raw}` : t('phonebook.noNumbers')}
                    </span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
