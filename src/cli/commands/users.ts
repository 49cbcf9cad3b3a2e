import type { Command } from 'commander';
import type { DeviceKind } from '../../store/schema.js';
import { CliError, collect, type GlobalOptions, out, table, withSwitchboard } from '../context.js';
import { readSecret } from '../prompt.js';

async function userByName(sb: Parameters<Parameters<typeof withSwitchboard>[1]>[0], name: string) {
  const user = await sb.repos.users.byUsername(name.toLowerCase());
  if (!user) throw new CliError(`no user named "${name}" (see "switchboard user list")`);
  return user;
}

export function registerUserCommands(program: Command, globals: () => GlobalOptions): void {
  const user = program.command('user').description('manage users and their extensions');

  user
    .command('add')
    .description('create a user with one or more extensions (the first is the default device)')
    .argument('<name>', 'username (lower-case letters, digits, . _ -)')
    .option('-p, --password <password>', 'password (asked for when omitted and a terminal is attached)')
    .option('-e, --extension <ext>', 'extension or phone number of a device; repeat for several', collect)
    .option('--mobile <number>', 'the user\'s mobile number, as a device of kind mobile', collect)
    .option('--display-name <name>', 'name shown to colleagues and in popups')
    .option('--admin', 'make the user an admin')
    .option('--language <lang>', 'en, nb, de or it')
    .action(async (name: string, o: { password?: string; extension?: string[]; mobile?: string[]; displayName?: string; admin?: boolean; language?: string }) => {
      const password = o.password ?? (await readSecret(`password for ${name}: `));
      await withSwitchboard(globals(), async (sb) => {
        const devices = [
          ...(o.extension ?? []).map((extension) => ({ extension, kind: undefined as DeviceKind | undefined })),
          ...(o.mobile ?? []).map((extension) => ({ extension, kind: 'mobile' as DeviceKind })),
        ];
        const created = await sb.users.create({
          username: name,
          password,
          displayName: o.displayName,
          role: o.admin ? 'admin' : 'user',
          language: o.language,
          devices,
        });
        out(`created ${created.role} "${created.username}"${created.devices.length ? ` with ${created.devices.map((d) => `${d.extension}${d.isDefault ? ' (default)' : ''}`).join(', ')}` : ''}`);
      });
    });

  user
    .command('list')
    .description('list users and their devices')
    .action(async () => {
      await withSwitchboard(globals(), async (sb) => {
        const rows = [['USERNAME', 'NAME', 'ROLE', 'STATUS', 'DEVICES']];
        for (const u of await sb.repos.users.list()) {
          const pub = await sb.users.toPublic(u);
          rows.push([
            pub.username,
            pub.displayName,
            pub.role,
            pub.disabled ? 'disabled' : 'active',
            pub.devices.map((d) => `${d.extension}${d.isDefault ? '*' : ''}`).join(', '),
          ]);
        }
        out(table(rows));
        out('(* = default device)');
      });
    });

  user
    .command('passwd')
    .description('set a user\'s password (ends their sessions)')
    .argument('<name>')
    .option('-p, --password <password>', 'new password (asked for when omitted)')
    .action(async (name: string, o: { password?: string }) => {
      const password = o.password ?? (await readSecret(`new password for ${name}: `));
      await withSwitchboard(globals(), async (sb) => {
        await sb.users.setPassword((await userByName(sb, name)).id, password);
        out(`password of "${name}" changed`);
      });
    });

  user
    .command('extension')
    .description('add (or with --remove, remove) a device of a user')
    .argument('<name>')
    .argument('<ext>')
    .option('--kind <kind>', 'desk, softphone, mobile or other')
    .option('--default', 'make it the default device')
    .option('--remove', 'remove this device instead')
    .action(async (name: string, ext: string, o: { kind?: DeviceKind; default?: boolean; remove?: boolean }) => {
      await withSwitchboard(globals(), async (sb) => {
        const u = await userByName(sb, name);
        if (o.remove) {
          const device = (await sb.repos.users.devices(u.id)).find((d) => d.extension === ext);
          if (!device || !(await sb.users.removeDevice(u.id, device.id))) throw new CliError(`"${name}" has no device ${ext}`);
          out(`removed ${ext} from "${name}"`);
          return;
        }
        const device = await sb.users.addDevice(u.id, { extension: ext, kind: o.kind, isDefault: o.default });
        out(`added ${device.extension} (${device.kind})${device.isDefault ? ' as default' : ''} to "${name}"`);
      });
    });

  user
    .command('remove')
    .description('delete a user')
    .argument('<name>')
    .action(async (name: string) => {
      await withSwitchboard(globals(), async (sb) => {
        await sb.users.remove((await userByName(sb, name)).id);
        out(`removed "${name}"`);
      });
    });

  program
    .command('token')
    .description('API tokens for scripts and integrations')
    .command('create')
    .description('create an API token for a user and print it (shown only once)')
    .requiredOption('-u, --user <name>', 'the user the token acts as')
    .option('-n, --name <label>', 'what the token is for', 'cli')
    .action(async (o: { user: string; name: string }) => {
      await withSwitchboard(globals(), async (sb) => {
        const u = await userByName(sb, o.user);
        const created = await sb.auth.createToken(u.id, o.name);
        out(created.token);
      });
    });
}
