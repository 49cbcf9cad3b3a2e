import { useId } from 'react';
import { Link } from 'react-router';
import type { ContactView } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { numberTypeText, visibilityText } from '../../lib/codes';
import { CallButton } from './CallButton';
import './calls.css';

/** One phonebook contact on the customer card: everything it says, each number callable. */
export function ContactDetails({ contact }: { contact: ContactView }) {
  const { t } = useI18n();
  const headingId = useId();
  return (
    <article className="card contact-details" aria-labelledby={headingId}>
      <h3 id={headingId}>{contact.name}</h3>
      <dl className="details">
        {contact.company && (
          <>
            <dt>{t('card.company')}</dt>
            <dd>{contact.company}</dd>
          </>
        )}
        {contact.email && (
          <>
            <dt>{t('card.email')}</dt>
            <dd>
              <a href={`mailto:${encodeURIComponent(contact.email).replace(/%40/g, '@')}`}>{contact.email}</a>
            </dd>
          </>
        )}
        {contact.address && (
          <>
            <dt>{t('card.address')}</dt>
            <dd className="pre-wrap">{contact.address}</dd>
          </>
        )}
        {contact.numbers.length > 0 && (
          <>
            <dt>{t('card.numbers')}</dt>
            <dd>
              <ul className="contact-numbers">
                {contact.numbers.map((number, index) => (
                  <li key={`${number.type}-${index}`}>
                    <span className="muted">{numberTypeText(t, number.type)}</span> <span>{number.raw}</span>
                    <CallButton label={number.raw} number={number.e164 ?? number.raw} />
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {contact.notes && (
          <>
            <dt>{t('card.notes')}</dt>
            <dd className="pre-wrap">{contact.notes}</dd>
          </>
        )}
        <dt>{t('card.visibility')}</dt>
        <dd>{visibilityText(t, contact.visibility)}</dd>
      </dl>
      <p>
        <Link to={`/phonebook?contact=${contact.id}`}>{t('card.openContact', { name: contact.name })}</Link>
      </p>
    </article>
  );
}
