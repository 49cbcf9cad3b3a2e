import { NavLink, Outlet } from 'react-router';
import { ConnectionBanner } from '../components/ConnectionBanner';
import { DeviceSwitch } from '../components/DeviceSwitch';
import { PresenceSwitch } from '../components/PresenceSwitch';
import { NotificationPrompt } from '../components/popup/NotificationPrompt';
import { PopupStack } from '../components/popup/PopupStack';
import { SearchDial } from '../components/SearchDial';
import { useI18n } from '../i18n/i18n';
import { usePbx } from '../realtime/realtime';
import { useSession } from './session';

/** The frame around every page: top bar, navigation, the page, and the popups above it all. */
export function Layout() {
  const { t } = useI18n();
  const session = useSession();
  // The panel only has something to show once a phone system reports its state.
  const hasPbx = Object.keys(usePbx()).length > 0;
  const link = ({ isActive }: { isActive: boolean }) => (isActive ? 'nav-link active' : 'nav-link');
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="topbar">
        <span className="brand" aria-hidden="true">
          ☎
        </span>
        <SearchDial />
        <div className="topbar-status">
          <PresenceSwitch />
          <DeviceSwitch />
          <button type="button" className="link-button" onClick={() => void session.signOut()}>
            {t('shell.signOut')}
          </button>
        </div>
      </header>
      <nav className="sidenav" aria-label={t('shell.navigation')}>
        <NavLink to="/" end className={link}>
          {t('shell.home')}
        </NavLink>
        <NavLink to="/calls" className={link}>
          {t('shell.callLog')}
        </NavLink>
        <NavLink to="/phonebook" className={link}>
          {t('shell.phonebook')}
        </NavLink>
        {hasPbx && (
          <NavLink to="/panel" className={link}>
            {t('shell.panel')}
          </NavLink>
        )}
        <NavLink to="/settings" className={link}>
          {t('shell.settings')}
        </NavLink>
        {session.isAdmin && (
          <>
            <span className="nav-heading">{t('shell.admin')}</span>
            <NavLink to="/admin/users" className={link}>
              {t('shell.users')}
            </NavLink>
            <NavLink to="/admin/sources" className={link}>
              {t('shell.sources')}
            </NavLink>
            <NavLink to="/admin/numbering" className={link}>
              {t('shell.numbering')}
            </NavLink>
          </>
        )}
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        {/* In the page, not over it: an offer must never cover what the user wants to click. */}
        <NotificationPrompt />
        <Outlet />
      </main>
      <PopupStack />
      <ConnectionBanner />
    </div>
  );
}
