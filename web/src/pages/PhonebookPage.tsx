import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, withQuery } from '../api/client';
import type { ContactView } from '../api/types';
import { useSession } from '../app/session';
import { SpeedDialPanel } from '../components/SpeedDialPanel';
import { useI18n } from '../i18n/i18n';
import { visibilityText } from '../lib/codes';
import { errorText } from '../lib/errors';
import { useToast } from '../lib/toast';
import { ContactDetails } from './phonebook/ContactDetails';
import { ContactForm } from './phonebook/ContactForm';
import { ContactTable } from './phonebook/ContactTable';
import { canEdit, VISIBILITIES, type Visibility } from './phonebook/contact-rules';
import { ImportPanel } from './phonebook/ImportPanel';
import { Modal } from './phonebook/Modal';
import { phonebookChanged } from './phonebook/phonebook-events';
import { useDebounced } from './phonebook/use-debounced';
import './phonebook/phonebook.css';

const LIMIT = 200;

/** The phonebook: find, call, add, change, remove, import and export contacts. */
export function PhonebookPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const toast = useToast();
  const [params, setParams] = useSearchParams();
  // setParams changes with every URL change; the effects below must not re-run because of that.
  const setParamsRef = useRef(setParams);
  setParamsRef.current = setParams;
  const [query, setQuery] = useState(() => params.get('q') ?? '');
  const [filter, setFilter] = useState<Visibility | ''>('');
  const debouncedQuery = useDebounced(query, 200);
  const [contacts, setContacts] = useState<ContactView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const [creating, setCreating] = useState(false);
  const [opened, setOpened] = useState<ContactView | null>(null);
  const [deleting, setDeleting] = useState<ContactView | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const changed = useCallback(() => {
    reload();
    phonebookChanged();
  }, [reload]);

  useEffect(() => {
    let stale = false;
    api
      .get<{ contacts: ContactView[] }>('/contacts', { q: debouncedQuery.trim(), visibility: filter, limit: LIMIT })
      .then((reply) => {
        if (stale) return;
        setContacts(reply.contacts);
        setLoadError(null);
      })
      .catch((error) => {
        if (!stale) setLoadError(errorText(error, i18n));
      });
    return () => {
      stale = true;
    };
  }, [debouncedQuery, filter, generation, i18n]);

  // ?contact=<id> opens that contact, so a link elsewhere (the customer card) can point here.
  const contactParam = params.get('contact');
  useEffect(() => {
    if (!contactParam) {
      setOpened(null);
      return;
    }
    const id = Number(contactParam);
    let stale = false;
    api
      .get<{ contact: ContactView }>(`/contacts/${id}`)
      .then((reply) => {
        if (!stale) setOpened(reply.contact);
      })
      .catch((error) => {
        if (stale) return;
        toast.show(errorText(error, i18n), 'error');
        setParamsRef.current((p) => withoutParam(p, 'contact'), { replace: true });
      });
    return () => {
      stale = true;
    };
  }, [contactParam, i18n, toast]);

  const open = (contact: ContactView) => {
    setOpened(contact);
    setParams((p) => withParam(p, 'contact', String(contact.id)));
  };
  const closeOpened = () => {
    setOpened(null);
    setParams((p) => withoutParam(p, 'contact'), { replace: true });
  };

  const saved = (contact: ContactView, isNew: boolean) => {
    toast.show(isNew ? t('phonebook.created', { name: contact.name }) : t('common.saved'));
    if (isNew) setCreating(false);
    else closeOpened();
    changed();
  };

  const confirmDelete = async () => {
    if (!deleting) return;
    setDeleteBusy(true);
    try {
      await api.delete(`/contacts/${deleting.id}`);
      toast.show(t('phonebook.deleted', { name: deleting.name }));
      if (opened?.id === deleting.id) closeOpened();
      setDeleting(null);
      changed();
    } catch (error) {
      toast.show(errorText(error, i18n), 'error');
    } finally {
      setDeleteBusy(false);
    }
  };

  const exportHref = (format: 'csv' | 'vcard') => withQuery('/api/v1/contacts/export', { format, visibility: filter });
  const openedEditable = opened !== null && opened.id === Number(contactParam) && canEdit(opened, session);

  return (
    <div className="pb-page">
      <div className="pb-main">
        <h1>{t('phonebook.title')}</h1>
        <div className="toolbar pb-toolbar">
          <label className="pb-search">
            {t('phonebook.search')}
            <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('phonebook.searchPlaceholder')} />
          </label>
          <label>
            {t('phonebook.show')}
            <select value={filter} onChange={(e) => setFilter(e.target.value as Visibility | '')}>
              <option value="">{t('phonebook.showAll')}</option>
              {VISIBILITIES.map((v) => (
                <option key={v} value={v}>
                  {visibilityText(t, v)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            {t('phonebook.newContact')}
          </button>
        </div>

        {loadError && (
          <p className="error" role="alert">
            {loadError}{' '}
            <button type="button" onClick={reload}>
              {t('common.retry')}
            </button>
          </p>
        )}
        <p className="muted pb-count" role="status">
          {contacts === null
            ? t('common.loading')
            : contacts.length >= LIMIT
              ? t('phonebook.countLimited', { count: i18n.number(LIMIT) })
              : t('phonebook.count', { count: i18n.number(contacts.length) })}
        </p>
        {contacts !== null && contacts.length === 0 && <p className="muted">{query.trim() || filter ? t('phonebook.noMatches') : t('phonebook.empty')}</p>}
        {contacts !== null && contacts.length > 0 && (
          <div className="pb-table-wrap">
            <ContactTable contacts={contacts} onOpen={open} onEdit={open} onDelete={setDeleting} />
          </div>
        )}

        <div className="pb-transfer">
          <ImportPanel onImported={changed} />
          <section className="pb-export card" aria-labelledby="pb-export-title">
            <h2 id="pb-export-title">{t('phonebook.exportTitle')}</h2>
            <p className="muted pb-hint">{filter ? t('phonebook.exportFiltered', { visibility: visibilityText(t, filter) }) : t('phonebook.exportAll')}</p>
            <p className="pb-export-links">
              <a href={exportHref('csv')} download="contacts.csv">
                {t('phonebook.exportCsv')}
              </a>
              <a href={exportHref('vcard')} download="contacts.vcf">
                {t('phonebook.exportVcard')}
              </a>
            </p>
          </section>
        </div>
      </div>
      <div className="pb-aside">
        <SpeedDialPanel />
      </div>

      {creating && (
        <Modal title={t('phonebook.newContact')} onClose={() => setCreating(false)}>
          <ContactForm contact={null} onSaved={(c) => saved(c, true)} onCancel={() => setCreating(false)} />
        </Modal>
      )}
      {opened && contactParam && (
        <Modal key={opened.id} title={openedEditable ? t('phonebook.editContact') : opened.name} onClose={closeOpened}>
          {openedEditable ? (
            <ContactForm contact={opened} onSaved={(c) => saved(c, false)} onCancel={closeOpened} onDelete={() => setDeleting(opened)} />
          ) : (
            <ContactDetails contact={opened} onClose={closeOpened} />
          )}
        </Modal>
      )}
      {deleting && (
        <Modal title={t('phonebook.deleteTitle')} onClose={() => setDeleting(null)} className="pb-confirm">
          <p>{t('phonebook.deleteConfirm', { name: deleting.name })}</p>
          <div className="pb-form-actions">
            <button type="button" className="danger" onClick={() => void confirmDelete()} disabled={deleteBusy}>
              {t('common.delete')}
            </button>
            <button type="button" onClick={() => setDeleting(null)} data-autofocus>
              {t('common.cancel')}
            </button>
          </div>
        </Modal>
      )}
    </div>
  );
}

function withParam(params: URLSearchParams, name: string, value: string): URLSearchParams {
  const next = new URLSearchParams(params);
  next.set(name, value);
  return next;
}

function withoutParam(params: URLSearchParams, name: string): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete(name);
  return next;
}
