import type { Switchboard } from './switchboard.js';
import { generatePassword } from '../server/auth/secrets.js';

/**
 * The first start of an empty installation creates an admin, so there is someone to sign in as.
 * The password comes from SWITCHBOARD_ADMIN_PASSWORD, or is generated and shown once.
 */
export async function ensureAdmin(sb: Switchboard, env: NodeJS.ProcessEnv, print: (line: string) => void): Promise<void> {
  if ((await sb.repos.users.count()) > 0) return;
  const given = env.SWITCHBOARD_ADMIN_PASSWORD;
  const password = given ?? generatePassword();
  await sb.users.create({ username: 'admin', password, displayName: 'Administrator', role: 'admin' });
  sb.log.info({ username: 'admin' }, 'created the first admin');
  if (!given) {
    print('');
    print('  First start: created the admin account.');
    print('    username: admin');
    print(`    password: ${password}`);
    print('  This password is shown only now. Change it with "switchboard user passwd admin".');
    print('');
  }
}
