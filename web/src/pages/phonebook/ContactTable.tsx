import type { ContactView } from '../../api/types';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { visibilityText } from '../../lib/codes';
import { canEdit } from './contact-rules';
import { NumberList } from './NumberList';

/** The contacts found; on a phone each row becomes a small card (see phonebook.css). */
export function ContactTable({ contacts, onOpen, onEdit, onDelete }: {
  contacts: ContactView[];
  onOpen: (contact: ContactView) => void;
  onEdit: (contact: ContactView) => void;
  onDelete: (contact: ContactView) => void;
}) {
  const { t } = useI18n();
  const session = useSession();
  return (
    <table className="pb-table">
      <caption className="visually-hidden">{t('phonebook.tableCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('phonebook.name')}</th>
          <th scope="col">{t('phonebook.numbers')}</th>
          <th scope="col">{t('phonebook.visibility')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('phonebook.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {contacts.map((contact) => {
          const editable = canEdit(contact, session);
          return (
            <tr key={contact.id}>
              <td className="pb-name-cell">
                <button type="button" className="link-button pb-name" onClick={() => onOpen(contact)}>
                  {contact.name}
                </button>
                {contact.company && <span className="muted pb-company">{contact.company}</span>}
              </td>
              <td>{contact.numbers.length > 0 ? <NumberList numbers={contact.numbers} /> : <span className="muted">{t('phonebook.noNumbers')}</span>}</td>
              <td>
                <span className={`pb-badge pb-badge-${contact.visibility}`}>{visibilityText(t, contact.visibility)}</span>
              </td>
              <td className="pb-actions">
                {editable ? (
                  <>
                    <button type="button" onClick={() => onEdit(contact)} aria-label={t('phonebook.editName', { name: contact.name })}>
                      {t('common.edit')}
                    </button>
                    <button type="button" className="danger" onClick={() => onDelete(contact)} aria-label={t('phonebook.deleteName', { name: contact.name })}>
                      {t('common.delete')}
                    </button>
                  </>
                ) : (
                  <span className="muted pb-readonly">{t('phonebook.readOnly')}</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
