import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n';

/**
 * Where a directory answer came from: a phonebook contact opens in the phonebook, a colleague has no
 * page of their own, and a source the app does not know (a CRM later) is named as it is.
 */
export function RecordLink({ reference }: { reference: string | null | undefined }) {
  const { t } = useI18n();
  if (!reference) return null;
  const contact = /^contact:(\d+)$/.exec(reference);
  if (contact) return <Link to={`/phonebook?contact=${contact[1]}`}>{t('card.openRecord')}</Link>;
  if (reference.startsWith('user:')) return null;
  return <span className="muted">{t('card.record', { ref: reference })}</span>;
}
