import { useSession } from '../app/session';
import { useI18n } from '../i18n/i18n';
import { AdminDefaultsSection } from './settings/AdminDefaultsSection';
import { CallingSection } from './settings/CallingSection';
import { DeviceSection } from './settings/DeviceSection';
import { ForwardingSection } from './settings/ForwardingSection';
import { LanguageSection } from './settings/LanguageSection';
import { NotificationsSection } from './settings/NotificationsSection';
import { PasswordSection } from './settings/PasswordSection';
import { TokensSection } from './settings/TokensSection';
import { UrlSection } from './settings/UrlSection';
import './settings/settings.css';

/** The user's own settings, each group saved on its own; admins also set the defaults for everyone. */
export function SettingsPage() {
  const session = useSession();
  const { t } = useI18n();
  return (
    <div className="settings-page">
      <h1>{t('settings.title')}</h1>
      <LanguageSection />
      <NotificationsSection />
      <UrlSection />
      <DeviceSection />
      <CallingSection />
      {/* Forwarding lives on the PBX: only an Asterisk reached over AMI can be told. */}
      {session.capabilities.backend === 'ami' && <ForwardingSection />}
      <PasswordSection />
      <TokensSection />
      {session.isAdmin && <AdminDefaultsSection />}
    </div>
  );
}
