import type { Command } from 'commander';
import WebSocket from 'ws';
import { SESSION_COOKIE } from '../../server/auth/authenticator.js';
import { baseUrl } from '../../sources/source-service.js';
import { CliError, cliConfig, out, withSwitchboard, type GlobalOptions } from '../context.js';

interface CallFrame {
  id: string;
  direction: string;
  phase: string;
  outcome: string | null;
  remoteNumber: string | null;
  remoteName: string | null;
  identifying: boolean;
  identity: { name: string; company?: string | null; source: string } | null;
  answeredBy: { extension: string; userName: string | null } | null;
  mine: { extension: string; state: string } | null;
  lookupFailures: { source: string; error: string }[];
}

function describe(call: CallFrame): string {
  const who = call.identity
    ? `${call.identity.name}${call.identity.company ? ` (${call.identity.company})` : ''} [${call.identity.source}]`
    : call.identifying
      ? 'identifying…'
      : (call.remoteName ?? 'unknown caller');
  const number = call.remoteNumber ?? 'withheld';
  const at = call.mine ? ` at ${call.mine.extension}` : '';
  const state =
    call.phase === 'ended'
      ? `ended: ${call.outcome}${call.answeredBy ? `, answered by ${call.answeredBy.userName ?? call.answeredBy.extension}` : ''}`
      : call.phase === 'answered' && call.answeredBy
        ? `answered by ${call.answeredBy.userName ?? call.answeredBy.extension}`
        : call.phase;
  const failures = call.lookupFailures.length ? ` (lookup failed: ${call.lookupFailures.map((f) => `${f.source}: ${f.error}`).join('; ')})` : '';
  return `${new Date().toLocaleTimeString()}  ${call.direction === 'inbound' ? '←' : '→'} ${number}  ${who}${at}  ${state}${failures}`;
}

/** Prints a user's popups as they arrive: the quickest way to see Switchboard work without a browser. */
export function registerWatchCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('watch')
    .description('print the call popups a user receives, live (Ctrl-C to stop)')
    .option('-u, --user <name>', 'whose popups (signs in as them with a short session)')
    .option('-t, --token <token>', 'an API token instead of --user')
    .option('--url <url>', 'the running server (default: from the configuration)')
    .option('--all', 'admins: every call, not only the user\'s own')
    .option('--insecure', 'accept a self-signed HTTPS certificate')
    .action(async (o: { user?: string; token?: string; url?: string; all?: boolean; insecure?: boolean }) => {
      const url = (o.url ?? baseUrl(cliConfig(globals()))).replace(/\/+$/, '');
      const headers: Record<string, string> = {};
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      else if (o.user) {
        const cookie = await withSwitchboard(globals(), async (sb) => {
          const user = await sb.repos.users.byUsername(o.user!.toLowerCase());
          if (!user) throw new CliError(`no user named "${o.user}"`);
          return (await sb.auth.startSession(user.id, 'switchboard watch')).cookie;
        });
        headers.cookie = `${SESSION_COOKIE}=${cookie}`;
      } else throw new CliError('say whose popups to watch: --user NAME or --token TOKEN');

      const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/v1/ws${o.all ? '?all=1' : ''}`, { headers, rejectUnauthorized: !o.insecure });
      await new Promise<void>((resolve, reject) => {
        ws.on('message', (data: Buffer) => {
          const frame = JSON.parse(data.toString('utf8')) as { type: string; call?: CallFrame; calls?: CallFrame[]; user?: { displayName: string }; message?: string };
          if (frame.type === 'hello') {
            out(`watching ${frame.user?.displayName}'s calls on ${url} (${frame.calls?.length ?? 0} in progress)`);
            frame.calls?.forEach((call) => out(describe(call)));
          } else if (frame.type === 'call' && frame.call) out(describe(frame.call));
          else if (frame.type === 'error') out(`server: ${frame.message}`);
        });
        ws.on('error', (error) => reject(new CliError(`cannot connect to ${url}: ${error.message}`)));
        ws.on('close', (code, reason) => (code === 4401 ? reject(new CliError('not authenticated')) : resolve(void out(`connection closed (${code}${reason.length ? ` ${reason.toString()}` : ''})`))));
        process.once('SIGINT', () => ws.close());
      });
    });
}
