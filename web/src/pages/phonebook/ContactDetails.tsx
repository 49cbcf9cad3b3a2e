import { Link } from 'react-router';
import type { ContactView } from '../../api/types';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { numberTypeText, visibilityText } from '../../lib/codes';
import { cardNumber, cardPath } from './contact-rules';
import { NumberList } from './NumberList';

/** A contact the user may read but not change (the company phonebook, a colleague's shared one). */
export function ContactDetails({ contact, onClose }: { contact: ContactView; onClose: () => void }) {
  const { t } = useI18n();
  const session = useSession();
  const card = cardNumber(contact, session.preferences.cardNumberType);
  const rows: [string, string | null][] = [
    [t('phonebook.company'), contact.company],
    [t('phonebook.email'), contact.email],
    [t('phonebook.address'), contact.address],
    [t('phonebook.notes'), contact.notes],
  ];
  return (
    <div className="pb-details">
      <p className="muted">
        {visibilityText(t, contact.visibility)} · {t('phonebook.readOnly')}
      </p>
      <dl>
        {rows
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd className="pb-pre">{value}</dd>
            </div>
          ))}
        <div>
          <dt>{t('phonebook.numbers')}</dt>
          <dd>{contact.numbers.length > 0 ? <NumberList numbers={contact.numbers} /> : <span className="muted">{t('phonebook.noNumbers')}</span>}</dd>
        </div>
      </dl>
      <div className="pb-form-actions">
        {card && (
          <Link to={cardPath(card)} title={`${numberTypeText(t, card.type)}: ${card.raw}`}>
            {t('phonebook.openCard')}
          </Link>
        )}
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </div>
  );
}
