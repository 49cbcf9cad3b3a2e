import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { api, ApiError, onSessionExpired } from '../api/client';
import type { Capabilities, Me, Preferences, PreferencesReply, Presence } from '../api/types';
import { isLanguage } from '../i18n/catalog';
import { useI18n } from '../i18n/i18n';

/** Everything about the signed-in user that the whole app reads. */
export interface Session {
  user: Me;
  preferences: Preferences;
  defaults: PreferencesReply['defaults'];
  capabilities: Capabilities;
  /** The numbering region numbers are written for ("NO": "22 33 44 55"). */
  region: string;
  isAdmin: boolean;
  /** Re-reads the user, preferences and capabilities (after a reconnect, or a change elsewhere). */
  refresh: () => Promise<void>;
  /** Re-reads only the capabilities: the phone system connection came or went. */
  refreshCapabilities: () => Promise<void>;
  updatePreferences: (changes: Partial<Preferences>) => Promise<void>;
  setPresence: (presence: Presence) => Promise<void>;
  setDefaultDevice: (deviceId: number) => Promise<void>;
  /** Applies a change another tab made (pushed over the WebSocket). */
  applyRemote: (change: { preferences?: Preferences; presence?: Presence; user?: Me }) => void;
  signOut: () => Promise<void>;
}

type State =
  | { phase: 'loading' }
  | { phase: 'signedOut'; expired: boolean }
  | { phase: 'signedIn'; user: Me; prefs: PreferencesReply; capabilities: Capabilities; region: string };

const SessionContext = createContext<Session | null>(null);
const SignInContext = createContext<{ expired: boolean; signedIn: () => Promise<void> } | null>(null);

async function loadAll(): Promise<Extract<State, { phase: 'signedIn' }>> {
  const [me, prefs, capabilities, numbering] = await Promise.all([
    api.get<{ user: Me }>('/auth/me'),
    api.get<PreferencesReply>('/me/preferences'),
    api.get<Capabilities>('/capabilities'),
    api.get<{ numbering: { defaultRegion: string } }>('/settings/numbering'),
  ]);
  return { phase: 'signedIn', user: me.user, prefs, capabilities, region: numbering.numbering.defaultRegion };
}

export function SessionProvider({ signedOut, children }: { signedOut: ReactNode; children: ReactNode }) {
  const [state, setState] = useState<State>({ phase: 'loading' });
  const [loadError, setLoadError] = useState<string | null>(null);
  const { setLanguage, t } = useI18n();
  /** A PBX that drops and returns asks twice in a row: only the answer to the latest question counts. */
  const capabilitiesAsked = useRef(0);

  const load = useCallback(async () => {
    try {
      const next = await loadAll();
      setLoadError(null);
      setState(next);
      if (isLanguage(next.user.language)) setLanguage(next.user.language);
    } catch (error) {
      // Several requests may fail at once when a session ends: the first one decides what is said.
      if (error instanceof ApiError && error.status === 401) setState((s) => (s.phase === 'signedOut' ? s : { phase: 'signedOut', expired: s.phase === 'signedIn' }));
      else setLoadError(error instanceof Error ? error.message : String(error));
    }
  }, [setLanguage]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(
    () => onSessionExpired(() => setState((s) => (s.phase === 'signedIn' ? { phase: 'signedOut', expired: true } : s))),
    [],
  );

  if (state.phase === 'loading') {
    return (
      <div className="center-screen" role="status">
        {loadError ? (
          <p>
            {t('common.error', { message: loadError })}{' '}
            <button type="button" onClick={() => void load()}>
              {t('common.retry')}
            </button>
          </p>
        ) : (
          t('common.loading')
        )}
      </div>
    );
  }
  if (state.phase === 'signedOut') {
    return <SignInContext.Provider value={{ expired: state.expired, signedIn: load }}>{signedOut}</SignInContext.Provider>;
  }

  const session: Session = {
    user: state.user,
    preferences: state.prefs.preferences,
    defaults: state.prefs.defaults,
    capabilities: state.capabilities,
    region: state.region,
    isAdmin: state.user.role === 'admin',
    refresh: load,
    refreshCapabilities: async () => {
      const asked = ++capabilitiesAsked.current;
      const capabilities = await api.get<Capabilities>('/capabilities');
      if (asked !== capabilitiesAsked.current) return;
      setState((s) => (s.phase === 'signedIn' ? { ...s, capabilities } : s));
    },
    updatePreferences: async (changes) => {
      const reply = await api.put<PreferencesReply>('/me/preferences', changes);
      setState((s) => (s.phase === 'signedIn' ? { ...s, prefs: reply } : s));
    },
    setPresence: async (presence) => {
      await api.put('/me/presence', { presence });
      setState((s) => (s.phase === 'signedIn' ? { ...s, user: { ...s.user, presence } } : s));
    },
    setDefaultDevice: async (deviceId) => {
      await api.put(`/users/${state.user.id}/default-device`, { deviceId });
      await load();
    },
    applyRemote: (change) => {
      if (change.user && isLanguage(change.user.language)) setLanguage(change.user.language);
      setState((s) => {
        if (s.phase !== 'signedIn') return s;
        const user = change.user ?? (change.presence ? { ...s.user, presence: change.presence } : s.user);
        return { ...s, user, prefs: change.preferences ? { ...s.prefs, preferences: change.preferences } : s.prefs };
      });
    },
    signOut: async () => {
      try {
        await api.post('/auth/logout');
      } finally {
        setState({ phase: 'signedOut', expired: false });
      }
    },
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside a signed-in SessionProvider');
  return value;
}

/** For the sign-in page: whether the last session expired, and what to call once signed in. */
export function useSignIn() {
  const value = useContext(SignInContext);
  if (!value) throw new Error('useSignIn outside a signed-out SessionProvider');
  return value;
}
