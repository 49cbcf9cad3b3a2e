import type { Command } from 'commander';
import type { NumberingSettings } from '../../domain/phone/numbering.js';
import { CliError, out, table, withSwitchboard, type GlobalOptions } from '../context.js';

export function registerNumberCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('numbers')
    .description('phone number normalization')
    .command('check')
    .description('re-normalize every stored number (after changing the settings given here, if any) and list those that fail')
    .option('--region <CC>', 'default region, e.g. NO, DE, IT, CH')
    .option('--outside-line-prefix <digits>', 'digits the PBX needs for an outside line (use "" for none)')
    .option('--extension-pattern <regex>', 'what internal extensions look like, e.g. "\\d{3}"')
    .action(async (o: { region?: string; outsideLinePrefix?: string; extensionPattern?: string }) => {
      await withSwitchboard(globals(), async (sb) => {
        const current = sb.numbering.settings();
        const next: NumberingSettings = {
          defaultRegion: (o.region?.toUpperCase() ?? current.defaultRegion) as NumberingSettings['defaultRegion'],
          outsideLinePrefix: o.outsideLinePrefix ?? current.outsideLinePrefix,
          extensionPattern: o.extensionPattern ?? current.extensionPattern,
        };
        const changed = JSON.stringify(next) !== JSON.stringify(current);
        let report;
        try {
          report = changed ? await sb.numbering.update(next) : await sb.numbering.check();
        } catch (error) {
          throw new CliError((error as Error).message);
        }
        const s = report.settings;
        out(`numbering: region ${s.defaultRegion}, outside-line prefix "${s.outsideLinePrefix}", extensions /${s.extensionPattern}/${changed ? ' (changed)' : ''}`);
        out(`re-normalized: ${report.contactNumbersChanged} stored number${report.contactNumbersChanged === 1 ? '' : 's'} changed`);
        if (report.invalid.length === 0) {
          out('every stored number is valid');
          return;
        }
        out(`${report.invalid.length} number${report.invalid.length === 1 ? '' : 's'} could not be normalized:`);
        out(table([['CONTACT', 'NAME', 'FIELD', 'NUMBER', 'REASON'], ...report.invalid.map((i) => [String(i.contactId), i.contactName ?? '(private)', i.field, i.raw ?? '(private)', i.reason])]));
      });
    });
}
