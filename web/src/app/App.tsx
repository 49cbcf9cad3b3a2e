import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { I18nProvider } from '../i18n/i18n';
import { ToastProvider } from '../lib/toast';
import { CallLogPage } from '../pages/CallLogPage';
import { CardPage } from '../pages/CardPage';
import { DialPage } from '../pages/DialPage';
import { HomePage } from '../pages/HomePage';
import { LoginPage } from '../pages/LoginPage';
import { PanelPage } from '../pages/Panel';
import { PhonebookPage } from '../pages/PhonebookPage';
import { SettingsPage } from '../pages/SettingsPage';
import { NumberingPage } from '../pages/admin/NumberingPage';
import { SourcesPage } from '../pages/admin/SourcesPage';
import { UsersPage } from '../pages/admin/UsersPage';
import { RealtimeProvider } from '../realtime/realtime';
import { AdminOnly } from './AdminOnly';
import { Layout } from './Layout';
import { SessionProvider } from './session';

/** The page tree: sign-in until there is a session, then the app with its live connection. */
export function App() {
  return (
    <I18nProvider>
      <ToastProvider>
        <BrowserRouter>
          <SessionProvider signedOut={<LoginPage />}>
            <RealtimeProvider>
              <Routes>
                <Route element={<Layout />}>
                  <Route index element={<HomePage />} />
                  <Route path="calls" element={<CallLogPage />} />
                  <Route path="phonebook" element={<PhonebookPage />} />
                  <Route path="panel" element={<PanelPage />} />
                  <Route path="card" element={<CardPage />} />
                  <Route path="dial" element={<DialPage />} />
                  <Route path="settings" element={<SettingsPage />} />
                  <Route path="admin" element={<AdminOnly />}>
                    <Route path="users" element={<UsersPage />} />
                    <Route path="sources" element={<SourcesPage />} />
                    <Route path="numbering" element={<NumberingPage />} />
                  </Route>
                  <Route path="*" element={<Navigate to="/" replace />} />
                </Route>
              </Routes>
            </RealtimeProvider>
          </SessionProvider>
        </BrowserRouter>
      </ToastProvider>
    </I18nProvider>
  );
}
