import { useSession } from '../../app/session';

/**
 * Whether the user's phone can act on what a phone system shows (join its queues, pick up its
 * parked calls, listen in on its calls): only on the one that serves the user. Webhook backends
 * act on nothing.
 */
export function useActsHere(source: string): boolean {
  const { capabilities } = useSession();
  return capabilities.backend === 'ami' && (capabilities.pbx === undefined || capabilities.pbx === source);
}
