import type { TrunkState } from '../../api/types';
import { useI18n } from '../../i18n/i18n';

/** How many channels each trunk carries now. */
export function TrunkTable({ trunks, labelledBy }: { trunks: TrunkState[]; labelledBy: string }) {
  const { t, number } = useI18n();
  if (trunks.length === 0) return <p className="muted">{t('panel.noTrunks')}</p>;
  return (
    <table className="panel-trunks" aria-labelledby={labelledBy}>
      <thead>
        <tr>
          <th scope="col">{t('panel.trunk')}</th>
          <th scope="col" className="num">
            {t('panel.channelsInUse')}
          </th>
        </tr>
      </thead>
      <tbody>
        {trunks.map((trunk) => (
          <tr key={trunk.device}>
            <th scope="row">{trunk.device}</th>
            <td className="num">{number(trunk.channels)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
