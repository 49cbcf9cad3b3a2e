import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../lib/errors';
import { useFetch } from '../../lib/use-fetch';
import { ConfirmButton } from '../admin/ConfirmButton';
import { CopyField } from '../admin/CopyField';
import { Section } from './Section';
import { useSaveState } from './useSaveState';

interface TokenInfo {
  id: number;
  name: string;
  prefix: string;
  createdAt: number;
  lastUsedAt: number | null;
}

const loadTokens = async (path: string) => (await api.get<{ tokens: TokenInfo[] }>(path)).tokens;

/** Personal API tokens for scripts and integrations; a new token is shown once, since only its hash is kept. */
export function TokensSection() {
  const i18n = useI18n();
  const { t } = i18n;
  const list = useFetch('/tokens', loadTokens);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  // Creating and deleting share one message, as each clears the other's failure.
  const change = useSaveState();

  const tokens = list.data ?? null;
  const error = change.state.phase === 'error' ? change.state.message : list.error ? errorText(list.error, i18n) : null;

  const create = (event: FormEvent) => {
    event.preventDefault();
    void change.run(async () => {
      const reply = await api.post<{ id: number; name: string; token: string }>('/tokens', { name: name.trim() });
      setCreated({ name: reply.name, token: reply.token });
      setName('');
      await list.reload();
    });
  };

  const remove = async (token: TokenInfo) => {
    await change.run(async () => {
      await api.delete(`/tokens/${token.id}`);
      await list.reload();
    });
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
      <form onSubmit={create} className="settings-row">
        <label>
          {t('settings.tokenName')}
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} placeholder={t('settings.tokenNamePlaceholder')} />
        </label>
        <button type="submit" disabled={change.busy || !name.trim()}>
          {t('settings.createToken')}
        </button>
      </form>
    </Section>
  );
}
