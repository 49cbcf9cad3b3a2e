import type { Command } from 'commander';
import { logEntry } from '../../calls/call-log-entry.js';
import { CliError, out, table, withSwitchboard, type GlobalOptions } from '../context.js';

const seconds = (ms: number | null) => (ms === null ? '' : `${Math.round(ms / 1000)} s`);

/** The call log in a terminal: what the API's GET /calls returns, as a table. */
export function registerCallCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('calls')
    .description('show the call log (everyone\'s, or one user\'s)')
    .option('-u, --user <name>', 'only the calls this user took part in')
    .option('--missed', 'only missed calls')
    .option('-n, --limit <n>', 'how many, newest first', '20')
    .action(async (o: { user?: string; missed?: boolean; limit: string }) => {
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new CliError('--limit: a whole number from 1 to 500');
      await withSwitchboard(globals(), async (sb) => {
        let userId: number | undefined;
        if (o.user) {
          const user = await sb.repos.users.byUsername(o.user.toLowerCase());
          if (!user) throw new CliError(`no user named "${o.user}"`);
          userId = user.id;
        }
        const rows = await sb.repos.calls.list(
          { userId, limit, ...(o.missed && { outcome: ['missed'], direction: 'inbound' as const }) },
          userId ?? 0,
        );
        const lines = [['STARTED', 'DIR', 'NUMBER', 'CALLER', 'OUTCOME', 'ANSWERED BY', 'RING', 'TALK']];
        for (const entry of rows.map(logEntry)) {
          const answeredBy = entry.answeredByUserId ? sb.registry.userName(entry.answeredByUserId) : undefined;
          lines.push([
            new Date(entry.startedAt).toLocaleString(),
            entry.direction === 'inbound' ? 'in' : 'out',
            entry.remoteNumber ?? 'withheld',
            entry.identity?.name ?? entry.remoteName ?? '',
            entry.outcome ?? entry.phase,
            answeredBy ?? entry.answeredBy ?? '',
            seconds(entry.ringMs),
            seconds(entry.talkMs),
          ]);
        }
        out(rows.length ? table(lines) : 'no calls');
      });
    });
}
