import { SourcePanel } from './SourcePanel';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { AmiSourceDetails } from './AmiSourceDetails';
import { CopyField } from './CopyField';
import { SourceSwitch } from './SourceSwitch';
import { CRMPLUS_EVENTS, isAmiSource, isLocalUrl, tokenUrl, type SourceInfo, type WebhookSourceInfo } from './source-types';

interface DetailsProps<S extends SourceInfo> {
  source: S;
  onClose: () => void;
  /** After switching the source on or off, or changing its settings: the source as the server now has it. */
  onChanged: (source: SourceInfo) => Promise<void>;
  notice?: string;
}

/** The panel for one source: what to paste for a webhook source, the connection for an AMI source. */
export function SourceDetails({ source, ...props }: DetailsProps<SourceInfo>) {
  return isAmiSource(source) ? <AmiSourceDetails source={source} {...props} /> : <WebhookSourceDetails source={source} {...props} />;
}

/**
 * What to paste into the phone system for one source, in the form its dialect needs: the URL and
 * secret for signed requests, or a URL carrying the token for senders that only take a URL.
 */
function WebhookSourceDetails({ source, onClose, onChanged, notice }: DetailsProps<WebhookSourceInfo>) {
  const { t } = useI18n();
  const hmac = source.auth === 'hmac';
  const secret = source.secret ?? '';

  let where: MessageKey;
  let fields: { label: string; value: string; secret?: boolean }[];
  switch (source.dialect) {
    case 'native':
      where = hmac ? 'admin.paste_native_hmac' : 'admin.paste_native_token';
      fields = [
        { label: t('admin.webhookUrl'), value: source.url },
        { label: t('admin.secret'), value: secret, secret: true },
      ];
      break;
    case 'crmplus':
      where = 'admin.paste_crmplus';
      fields = CRMPLUS_EVENTS.map((event) => ({ label: t(`admin.crmplusEvent_${event}`), value: tokenUrl(source, event), secret: true }));
      break;
    case 'zammad':
      where = 'admin.paste_zammad';
      fields = [{ label: t('admin.urlWithToken'), value: tokenUrl(source), secret: true }];
      break;
    case 'placetel':
      where = hmac ? 'admin.paste_placetel_hmac' : 'admin.paste_placetel_token';
      fields = hmac
        ? [
            { label: t('admin.webhookUrl'), value: source.url },
            { label: t('admin.secret'), value: secret, secret: true },
          ]
        : [{ label: t('admin.urlWithToken'), value: tokenUrl(source), secret: true }];
      break;
    default:
      where = 'admin.paste_other';
      fields = [
        { label: t('admin.webhookUrl'), value: source.url },
        ...(hmac ? [] : [{ label: t('admin.urlWithToken'), value: tokenUrl(source), secret: true }]),
        { label: t('admin.secret'), value: secret, secret: true },
      ];
  }

  return (
    <SourcePanel title={t('admin.connectSource', { name: source.name })} closeLabel={t('admin.hideSecret')} onClose={onClose} notice={notice} focusKey={source.name}>
      <p>{t(where)}</p>
      {fields.map((field) => (
        <CopyField key={field.label} label={field.label} value={field.value} secret={field.secret} />
      ))}
      <p className="muted admin-help">{t('admin.secretWarning')}</p>
      {isLocalUrl(source.url) && <p className="notice admin-help">{t('admin.localUrlWarning')}</p>}
      <SourceSwitch source={source} onChanged={onChanged} />
    </SourcePanel>
  );
}
