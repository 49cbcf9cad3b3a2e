import type { ExtensionState } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import type { ExtensionNames } from './extension-names';
import { StateBadge } from './StateBadge';

/** Whether an extension is one the filter asks for: by its number, or by its user's name. */
export function matchesFilter(extension: ExtensionState, filter: string, names: ExtensionNames): boolean {
  const wanted = filter.trim().toLocaleLowerCase();
  if (wanted === '') return true;
  if (extension.extension.toLocaleLowerCase().includes(wanted)) return true;
  return names.get(extension.extension)?.toLocaleLowerCase().includes(wanted) ?? false;
}

/** Every extension as a card: number, user, state, and DND and forwarding when set. */
export function ExtensionGrid({ extensions, names, filter, labelledBy }: { extensions: ExtensionState[]; names: ExtensionNames; filter: string; labelledBy: string }) {
  const { t } = useI18n();
  if (extensions.length === 0) return <p className="muted">{t('panel.noExtensions')}</p>;
  const shown = extensions.filter((e) => matchesFilter(e, filter, names));
  if (shown.length === 0) return <p className="muted">{t('panel.noMatch', { filter: filter.trim() })}</p>;
  return (
    <ul className="panel-ext-grid" aria-labelledby={labelledBy}>
      {shown.map((e) => {
        const name = names.get(e.extension);
        return (
          <li key={e.extension} className={`panel-ext panel-state-${e.state}`}>
            <span className="panel-ext-number">{e.extension}</span>
            {name && <span className="panel-ext-name">{name}</span>}
            <StateBadge state={e.state} />
            {e.dnd && (
              <span className="panel-flag">
                <span className="panel-icon" aria-hidden="true">
                  ⊘
                </span>
                {t('panel.dnd')}
              </span>
            )}
            {e.forwarded && (
              <span className="panel-flag">
                <span className="panel-icon" aria-hidden="true">
                  ↪
                </span>
                {t('panel.forwarded')}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
