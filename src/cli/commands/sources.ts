import type { Command } from 'commander';
import { DIALECTS } from '../../telephony/webhook/index.js';
import type { SourceInfo } from '../../sources/source-service.js';
import { CliError, collect, type GlobalOptions, out, table, withSwitchboard } from '../context.js';

function printSource(s: SourceInfo): void {
  out(`source "${s.name}" (${s.dialect}, ${s.auth} auth)`);
  out(`  URL:    ${s.url}`);
  if (s.secret) out(`  secret: ${s.secret}`);
  if (s.urlWithToken) out(`  URL with token (for systems that only take a URL): ${s.urlWithToken}`);
  if (s.dialect === 'crmplus') out(`  events: ${s.url}/ringing, …/connected, …/ended, …/notanswered, …/dialing`);
  if (Object.keys(s.options).length) out(`  options: ${Object.entries(s.options).map(([k, v]) => `${k}=${v}`).join(' ')}`);
}

export function registerSourceCommands(program: Command, globals: () => GlobalOptions): void {
  const sources = program.command('sources').description('webhook sources: phone systems and softphones that send call events');

  sources
    .command('add')
    .description('register a source and print its URL and secret')
    .requiredOption('--name <name>', 'a short name, part of the URL')
    .requiredOption('--dialect <dialect>', DIALECTS.map((d) => `${d.name}: ${d.description}`).join('; '))
    .option('--auth <mode>', 'token or hmac (default: what the dialect usually uses)')
    .option('--option <key=value>', 'a dialect option, e.g. numberParam=caller; repeat for several', collect)
    .action(async (o: { name: string; dialect: string; auth?: string; option?: string[] }) => {
      const options: Record<string, string> = {};
      for (const pair of o.option ?? []) {
        const eq = pair.indexOf('=');
        if (eq <= 0) throw new CliError(`--option ${pair}: expected key=value`);
        options[pair.slice(0, eq)] = pair.slice(eq + 1);
      }
      await withSwitchboard(globals(), async (sb) => printSource(await sb.sources.add({ name: o.name, dialect: o.dialect, auth: o.auth, options })));
    });

  sources
    .command('list')
    .description('list sources')
    .action(async () => {
      await withSwitchboard(globals(), async (sb) => {
        const rows = [['NAME', 'DIALECT', 'AUTH', 'STATUS', 'URL']];
        for (const s of await sb.sources.list()) rows.push([s.name, s.dialect, s.auth, s.enabled ? 'enabled' : 'disabled', s.url]);
        out(table(rows));
      });
    });

  sources
    .command('show')
    .description('print a source\'s URL and secret')
    .argument('<name>')
    .action(async (name: string) => {
      await withSwitchboard(globals(), async (sb) => {
        const s = await sb.sources.get(name, true);
        if (!s) throw new CliError(`no source named "${name}"`);
        printSource(s);
      });
    });

  sources
    .command('rotate-secret')
    .description('give a source a new secret (the old one stops working at once)')
    .argument('<name>')
    .action(async (name: string) => {
      await withSwitchboard(globals(), async (sb) => {
        const s = await sb.sources.rotateSecret(name);
        if (!s) throw new CliError(`no source named "${name}"`);
        printSource(s);
      });
    });

  sources
    .command('remove')
    .description('delete a source (its calls stay in the call log)')
    .argument('<name>')
    .action(async (name: string) => {
      await withSwitchboard(globals(), async (sb) => {
        if (!(await sb.sources.remove(name))) throw new CliError(`no source named "${name}"`);
        out(`removed source "${name}"`);
      });
    });
}
