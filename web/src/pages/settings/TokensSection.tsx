import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../lib/errors';
import { ConfirmButton } from '../admin/ConfirmButton';
import { CopyField } from '../admin/CopyField';
import { Section } from './Section';

interface TokenInfo {
  id: number;
  name: string;
  prefix: string;
  createdAt: number;
  lastUsedAt: number | null;
}

/** Personal API tokens for scripts and integrations; a new token is shown once, since only its hash is kept. */
export function TokensSection() {
  const i18n = useI18n();
  const { t } = i18n;
  const [tokens, setTokens] = useState<TokenInfo[] | null>(null);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setTokens((await api.get<{ tokens: TokenInfo[] }>('/tokens')).tokens);
    } catch (e) {
      setError(errorText(e, i18n));
    }
  }, [i18n]);
  useEffect(() => {
    void load();
  }, [load]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const reply = await api.post<{ id: number; name: string; token: string }>('/tokens', { name: name.trim() });
      setCreated({ name: reply.name, token: reply.token });
      setName('');
      await load();
    } catch (e) {
      setError(errorText(e, i18n));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (token: TokenInfo) => {
    setError(null);
    try {
      await api.delete(`/tokens/${token.id}`);
      await load();
    } catch (e) {
      setError(errorText(e, i18n));
    }
  };

  return (
    <Section id="settings-tokens" title={t('settings.tokensTitle')}>
      <p className="muted">{t('settings.tokensIntro')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {created && (
        <div className="token-created" role="status">
          <p>
            <strong>{t('settings.tokenCreated', { name: created.name })}</strong> {t('settings.tokenShownOnce')}
          </p>
          <CopyField label={t('settings.newToken')} value={created.token} secret />
          <button type="button" onClick={() => setCreated(null)}>
            {t('settings.tokenDone')}
          </button>
        </div>
      )}
      {tokens === null && !error && <p role="status">{t('common.loading')}</p>}
      {tokens && tokens.length === 0 && <p className="muted">{t('settings.noTokens')}</p>}
      {tokens && tokens.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('settings.tokensTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('settings.tokenName')}</th>
                <th scope="col">{t('settings.tokenPrefix')}</th>
                <th scope="col">{t('settings.tokenCreatedAt')}</th>
                <th scope="col">{t('settings.tokenLastUsed')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('settings.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id}>
                  <td>{token.name}</td>
                  <td>
                    <code>{token.prefix}…</code>
                  </td>
                  <td>{i18n.dateTime(token.createdAt)}</td>
                  <td>{token.lastUsedAt ? i18n.dateTime(token.lastUsedAt) : t('settings.tokenNeverUsed')}</td>
                  <td>
                    <ConfirmButton
                      ariaLabel={t('settings.deleteTokenNamed', { name: token.name })}
                      question={t('settings.deleteTokenQuestion', { name: token.name })}
                      confirmLabel={t('common.delete')}
                      onConfirm={() => remove(token)}
                    >
                      {t('common.delete')}
                    </ConfirmButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form onSubmit={(event) => void create(event)} className="settings-row">
        <label>
          {t('settings.tokenName')}
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} placeholder={t('settings.tokenNamePlaceholder')} />
        </label>
        <button type="submit" disabled={busy || !name.trim()}>
          {t('settings.createToken')}
        </button>
      </form>
    </Section>
  );
}
