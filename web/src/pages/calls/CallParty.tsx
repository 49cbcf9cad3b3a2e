import { Link } from 'react-router';
import type { CallLogEntry } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { callerName } from '../../lib/caller';
import { useFormatNumber } from '../../lib/use-format-number';
import { cardHref, dialable } from './numbers';

/** The other party: name (or number) linking to their customer card, and the number beneath a name. */
export function CallParty({ call }: { call: CallLogEntry }) {
  const i18n = useI18n();
  const format = useFormatNumber();
  const number = dialable(call);
  const name = call.identity?.name ?? call.remoteName ?? (call.remoteNumber ? format(call.remoteNumber) : callerName(call, i18n));
  return (
    <span className="party">
      {number ? (
        <Link className="party-name" to={cardHref(number)}>
          {name}
        </Link>
      ) : (
        <span className="party-name">{name}</span>
      )}
      {call.remoteNumber && (call.identity?.name ?? call.remoteName) && <span className="party-number muted">{format(call.remoteNumber)}</span>}
      {call.identity?.company && <span className="party-company muted">{call.identity.company}</span>}
    </span>
  );
}
