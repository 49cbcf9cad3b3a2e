import { useI18n } from '../../i18n/i18n';
import { numberTypeText, visibilityText } from '../../lib/codes';
import type { NumbersReport } from './numbering-types';

/** The stored numbers the current settings cannot read, with the normalizer's reason. */
export function InvalidNumbersTable({ report }: { report: NumbersReport }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section className="card admin-section" aria-labelledby="numbers-report-title">
      <h2 id="numbers-report-title">{t('admin.reportTitle')}</h2>
      <p role="status">
        {t('admin.reportChanged', { count: i18n.number(report.contactNumbersChanged) })}{' '}
        {report.invalid.length === 0 ? t('admin.reportAllValid') : t('admin.reportInvalid', { count: i18n.number(report.invalid.length) })}
      </p>
      {report.invalid.length > 0 && (
        <div className="table-wrap">
          <table className="admin-table">
            <caption className="visually-hidden">{t('admin.reportTableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.reportContact')}</th>
                <th scope="col">{t('admin.reportField')}</th>
                <th scope="col">{t('admin.reportNumber')}</th>
                <th scope="col">{t('admin.reportReason')}</th>
              </tr>
            </thead>
            <tbody>
              {report.invalid.map((row, index) => (
                <tr key={`${row.contactId}-${row.field}-${index}`}>
                  <td>
                    {row.contactName ?? <span className="muted">{t('admin.reportHiddenContact')}</span>}
                    <span className="muted"> · {visibilityText(t, row.visibility)}</span>
                  </td>
                  <td>{numberTypeText(t, row.field)}</td>
                  <td>{row.raw === null ? <span className="muted">–</span> : <code>{row.raw}</code>}</td>
                  <td>{row.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
