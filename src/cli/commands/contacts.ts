import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { VISIBILITIES, type Visibility } from '../../domain/contacts/contact.js';
import type { Viewer } from '../../store/contacts.js';
import { CliError, out, withSwitchboard, type GlobalOptions } from '../context.js';

function visibilityOf(value: string | undefined, fallback: Visibility): Visibility {
  if (value === undefined) return fallback;
  if (!(VISIBILITIES as readonly string[]).includes(value)) throw new CliError(`--visibility: one of ${VISIBILITIES.join(', ')}`);
  return value as Visibility;
}

export function registerContactCommands(program: Command, globals: () => GlobalOptions): void {
  const contacts = program.command('contacts').description('the phonebook');

  contacts
    .command('import')
    .description('import contacts from a CSV or vCard file; rejected rows are listed with the reason')
    .argument('<file>')
    .option('--visibility <v>', 'central (default), public, private or speeddial')
    .option('--user <name>', 'owner of public/private/speeddial contacts')
    .action(async (file: string, o: { visibility?: string; user?: string }) => {
      const visibility = visibilityOf(o.visibility, 'central');
      let data: Buffer;
      try {
        data = readFileSync(file);
      } catch (error) {
        throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      await withSwitchboard(globals(), async (sb) => {
        let viewer: Viewer = { userId: 0, isAdmin: true };
        if (visibility !== 'central') {
          if (!o.user) throw new CliError(`--user is required for ${visibility} contacts (they belong to someone)`);
          const user = await sb.repos.users.byUsername(o.user.toLowerCase());
          if (!user) throw new CliError(`no user named "${o.user}"`);
          viewer = { userId: user.id, isAdmin: true };
        }
        const report = await sb.contacts.import(viewer, path.basename(file), data, visibility);
        out(`imported ${report.imported} contact${report.imported === 1 ? '' : 's'} from ${file} (${report.format}, ${visibility})`);
        for (const w of report.warnings) out(`  line ${w.line}: warning: ${w.message}`);
        if (report.rejected.length) {
          out(`rejected ${report.rejected.length}:`);
          for (const r of report.rejected) out(`  line ${r.line}: ${r.reason}`);
        }
        const invalid = sb.repos.contacts.invalidNumbers(5);
        if (invalid.length) out('some numbers could not be normalized; see "switchboard numbers check"');
      });
    });

  contacts
    .command('export')
    .description('export the phonebook as CSV or vCard')
    .option('--format <f>', 'csv or vcard', 'csv')
    .option('--visibility <list>', 'comma-separated visibilities to include (default: central and public)')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(async (o: { format: string; visibility?: string; output?: string }) => {
      if (o.format !== 'csv' && o.format !== 'vcard') throw new CliError('--format: csv or vcard');
      const visibility = (o.visibility ?? 'central,public').split(',').map((v) => visibilityOf(v.trim(), 'central'));
      await withSwitchboard(globals(), async (sb) => {
        const text = await sb.contacts.export({ userId: 0, isAdmin: true }, o.format as 'csv' | 'vcard', visibility);
        if (o.output) {
          writeFileSync(o.output, text);
          process.stderr.write(`wrote ${o.output}\n`);
        } else process.stdout.write(text);
      });
    });
}
