import type { Command } from 'commander';
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
        for (const r of rows) {
          const name = r.my_identified_name ?? r.identified_name ?? r.remote_name ?? '';
          const answeredBy = r.answered_by_user_id ? (sb.registry.userName(r.answered_by_user_id) ?? r.answered_by) : (r.answered_by ?? '');
          lines.push([
            new Date(r.started_at).toLocaleString(),
            r.direction === 'inbound' ? 'in' : 'out',
            r.remote_raw ?? 'withheld',
            name,
            r.outcome ?? r.phase,
            answeredBy ?? '',
            seconds(r.ring_ms),
            seconds(r.talk_ms),
          ]);
        }
        out(rows.length ? table(lines) : 'no calls');
      });
    });
}
