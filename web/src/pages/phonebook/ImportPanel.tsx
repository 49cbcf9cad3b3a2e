import { useId, useState, type FormEvent } from 'react';
import { api, withQuery } from '../../api/client';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { visibilityText } from '../../lib/codes';
import { errorText } from '../../lib/errors';
import { visibilityChoices, type Visibility } from './contact-rules';

/** POST /contacts/import's answer (src/contacts/contact-service.ts ImportReport). */
interface ImportReport {
  format: 'csv' | 'vcard';
  imported: number;
  rejected: { line: number; reason: string; raw?: string }[];
  warnings: { line: number; message: string }[];
}

/** A file of a million bad lines must not become a million table rows. */
const SHOWN = 500;

const isVcard = (file: File) => /\.(vcf|vcard)$/i.test(file.name) || /vcard|directory/i.test(file.type);

/** Upload a CSV or vCard file as it is; the server reports what it took and what it refused, by line. */
export function ImportPanel({ onImported }: { onImported: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const id = useId();
  const choices = visibilityChoices(null, session);
  const [file, setFile] = useState<File | null>(null);
  const [visibility, setVisibility] = useState<Visibility>(session.isAdmin ? 'central' : 'private');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const path = withQuery('/contacts/import', { filename: file.name.slice(0, 255), visibility });
      const reply = await api.upload<ImportReport>(path, file, isVcard(file) ? 'text/vcard' : 'text/csv');
      setReport(reply);
      if (reply.imported > 0) onImported();
    } catch (e) {
      setError(errorText(e, i18n));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="pb-import card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('phonebook.importTitle')}</h2>
      <form className="pb-import-form" onSubmit={submit}>
        <label>
          {t('phonebook.importFile')}
          <input type="file" accept=".csv,.vcf,text/csv,text/vcard" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <label>
          {t('phonebook.importAs')}
          <select value={visibility} onChange={(e) => setVisibility(e.target.value as Visibility)}>
            {choices.map((v) => (
              <option key={v} value={v}>
                {visibilityText(t, v)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={!file || busy}>
          {busy ? t('phonebook.importing') : t('phonebook.import')}
        </button>
      </form>
      <p className="muted pb-hint">{t('phonebook.importHint')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div role="status">{report && <p>{t('phonebook.importedCount', { count: i18n.number(report.imported), rejected: i18n.number(report.rejected.length) })}</p>}</div>
      {report && report.rejected.length > 0 && (
        <div className="table-wrap">
          <table className="pb-report">
            <caption>{t('phonebook.rejectedTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('phonebook.line')}</th>
                <th scope="col">{t('phonebook.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rejected.slice(0, SHOWN).map((r, i) => (
                <tr key={i}>
                  <td>{r.line}</td>
                  <td>
                    {r.reason}
                    {r.raw && <code className="pb-raw">{r.raw}</code>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.rejected.length > SHOWN && <p className="muted">{t('phonebook.moreRejected', { count: i18n.number(report.rejected.length - SHOWN) })}</p>}
        </div>
      )}
      {report && report.warnings.length > 0 && (
        <details className="pb-warnings">
          <summary>{t('phonebook.warningsTitle', { count: i18n.number(report.warnings.length) })}</summary>
          <ul>
            {report.warnings.map((w, i) => (
              <li key={i}>{t('phonebook.lineMessage', { line: w.line, message: w.message })}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
