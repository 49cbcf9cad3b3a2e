import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { DIALECTS } from '../../telephony/webhook/index.js';
import { AMI_DIALECT, hostPort, type AmiSettingsInput, type AmiSourceInfo, type SourceInfo } from '../../sources/source-service.js';
import { parseTrustedPem } from '../../telephony/ami/trusted-certificate.js';
import { CliError, collect, type GlobalOptions, out, table, withSwitchboard } from '../context.js';
import { readSecret } from '../prompt.js';

/** Where an AMI secret may come from instead of the command line, which `ps` and the shell history show. */
export const AMI_SECRET_ENV = 'SWITCHBOARD_AMI_SECRET';

function printAmiSource(s: AmiSourceInfo): void {
  out(`source "${s.name}" (${s.dialect}, ${s.auth} auth)`);
  out(`  Asterisk: ${hostPort(s.ami)}, TLS ${s.ami.tls ? 'on' : 'off'}`);
  if (s.ami.tls) printTrustedCertificates(s.ami.tlsCa);
  out(`  username: ${s.ami.username}`);
  if (s.ami.deviceRules.length > 0) {
    out('  device rules (before the built-in ones):');
    for (const rule of s.ami.deviceRules) out(`    ${rule}`);
  }
  out(`  status:   ${s.enabled ? 'enabled' : 'disabled'}`);
  if (s.connection) out(`  connection: ${s.connection.state}${s.connection.lastError ? ` (${s.connection.lastError})` : ''}`);
}

/** What the TLS connection checks the PBX against; the service only keeps PEM text that reads. */
function printTrustedCertificates(pem: string | null): void {
  if (pem === null) return out("  trusted certificates: the system's CAs");
  for (const cert of parseTrustedPem(pem)) out(`  trusted certificate: ${cert.subject} (SHA-256 ${cert.fingerprint256}, valid until ${cert.validTo})`);
}

function printSource(s: SourceInfo): void {
  if (s.dialect === AMI_DIALECT) return printAmiSource(s);
  out(`source "${s.name}" (${s.dialect}, ${s.auth} auth)`);
  out(`  URL:    ${s.url}`);
  if (s.secret) out(`  secret: ${s.secret}`);
  if (s.urlWithToken) out(`  URL with token (for systems that only take a URL): ${s.urlWithToken}`);
  if (s.dialect === 'crmplus') out(`  events: ${s.url}/ringing, …/connected, …/ended, …/notanswered, …/dialing`);
  if (Object.keys(s.options).length) out(`  options: ${Object.entries(s.options).map(([k, v]) => `${k}=${v}`).join(' ')}`);
}

/** Where a source is: the URL it is sent to, or the Asterisk we log in to. */
const whereColumn = (s: SourceInfo): string => (s.dialect === AMI_DIALECT ? `${s.ami.username}@${hostPort(s.ami)}${s.ami.tls ? ' (TLS)' : ''}` : s.url);

/** Digits only; anything else becomes NaN, which the service refuses with the field's message. */
const parsePort = (value: string | undefined): number | undefined => (value === undefined ? undefined : /^\d{1,5}$/.test(value.trim()) ? Number(value) : NaN);

/**
 * `--secret VALUE` as given; otherwise (bare `--secret`, or none when one is required)
 * SWITCHBOARD_AMI_SECRET, else asked for on the terminal or read as one line from stdin.
 */
async function amiSecret(given: string | true | undefined, name: string): Promise<string> {
  if (typeof given === 'string') return given;
  const fromEnv = process.env[AMI_SECRET_ENV];
  // Taken: nothing later in this process (the configuration loader) needs to see it.
  delete process.env[AMI_SECRET_ENV];
  if (fromEnv) return fromEnv;
  try {
    return await readSecret(`AMI secret for ${name}: `);
  } catch (error) {
    if (error instanceof CliError && !process.stdin.isTTY) throw new CliError(`no AMI secret given: pass --secret, set ${AMI_SECRET_ENV} or pipe it on stdin`);
    throw error;
  }
}

/**
 * The PEM text of `--tls-ca FILE`. An empty file is refused here: the service would take '' as
 * "the system's CAs" and quietly drop the certificate the admin meant to give.
 */
async function readTlsCa(file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new CliError(`--tls-ca ${file}: cannot read it (${why})`);
  }
  if (text.trim() === '') throw new CliError(`--tls-ca ${file}: the file is empty`);
  return text;
}

interface AmiFlags {
  host?: string;
  port?: string;
  username?: string;
  secret?: string | true;
  tls?: boolean;
  /** --tls-ca FILE; false for --no-tls-ca (set only). */
  tlsCa?: string | false;
  auth?: string;
  /** --device-rule, repeated. */
  deviceRule?: string[];
}

const AMI_FLAGS = ['host', 'port', 'username', 'secret', 'tls'] as const;
const givenAmiFlags = (o: AmiFlags) => [
  ...AMI_FLAGS.filter((flag) => o[flag] !== undefined).map((flag) => `--${flag}`),
  ...(o.tlsCa !== undefined ? ['--tls-ca'] : []),
  ...(o.deviceRule ? ['--device-rule'] : []),
];

const TLS_CA_HELP =
  "ami, with --tls: a PEM file with the PBX's own (self-signed) certificate or the CA that signed it, trusted instead of the system's CAs";

const DEVICE_RULE_HELP =
  'ami: how to tell channels apart, tried before the built-in rules: phone:<regex with (?<ext>…)>, trunk:<regex> or other:<regex>, ' +
  'e.g. "phone:^PJSIP/(?<ext>\\d+)-desk-"; repeat for several';

export function registerSourceCommands(program: Command, globals: () => GlobalOptions): void {
  const sources = program
    .command('sources')
    .description('sources of call events: phone systems that send webhooks, and Asterisk servers Switchboard connects to (AMI)');

  sources
    .command('add')
    .description('register a source; a webhook source prints its URL and secret')
    .requiredOption('--name <name>', 'a short name, part of the URL')
    .requiredOption(
      '--dialect <dialect>',
      [...DIALECTS.map((d) => `${d.name}: ${d.description}`), `${AMI_DIALECT}: an Asterisk server Switchboard logs in to (Asterisk Manager Interface)`].join('; '),
    )
    .option('--auth <mode>', 'webhooks: token or hmac (default: what the dialect usually uses); ami: md5 (default) or plain')
    .option('--option <key=value>', 'a webhook dialect option, e.g. numberParam=caller; repeat for several', collect)
    .option('--host <host>', 'ami: the Asterisk server\'s host name or IP address')
    .option('--port <port>', 'ami: the AMI port (default 5038, or 5039 with --tls)')
    .option('--username <name>', 'ami: the user of Asterisk\'s manager.conf')
    .option('--secret [secret]', `ami: that user's secret; leave it out to take ${AMI_SECRET_ENV} or be asked (a command line shows in ps and the shell history)`)
    .option('--tls', 'ami: connect with TLS')
    .option('--tls-ca <file>', TLS_CA_HELP)
    .option('--device-rule <rule>', DEVICE_RULE_HELP, collect)
    .action(async (o: { name: string; dialect: string; auth?: string; option?: string[] } & AmiFlags) => {
      if (o.dialect === AMI_DIALECT) {
        if (o.option) throw new CliError('--option is for webhook sources; an ami source takes --host, --port, --username, --secret, --tls, --tls-ca, --auth and --device-rule');
        if (o.tlsCa !== undefined && !o.tls) throw new CliError('--tls-ca: a trusted certificate is only used over TLS: add --tls');
        // Before the secret: a wrong path should not cost typing the secret first.
        const tlsCa = typeof o.tlsCa === 'string' ? await readTlsCa(o.tlsCa) : undefined;
        const ami: AmiSettingsInput = {
          host: o.host ?? '',
          port: parsePort(o.port),
          username: o.username ?? '',
          // Without a host or user the service refuses the input anyway: do not ask for a secret first.
          secret: o.host && o.username ? await amiSecret(o.secret, o.name) : typeof o.secret === 'string' ? o.secret : '',
          tls: o.tls,
          tlsCa,
          auth: o.auth,
          deviceRules: o.deviceRule,
        };
        await withSwitchboard(globals(), async (sb) => printSource(await sb.sources.add({ name: o.name, dialect: AMI_DIALECT, ami })));
        return;
      }
      const amiOnly = givenAmiFlags(o);
      if (amiOnly.length) throw new CliError(`${amiOnly.join(', ')}: only for --dialect ${AMI_DIALECT}`);
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
    .description('list sources (never their secrets)')
    .action(async () => {
      await withSwitchboard(globals(), async (sb) => {
        const rows = [['NAME', 'DIALECT', 'AUTH', 'STATUS', 'URL / ASTERISK']];
        for (const s of await sb.sources.list()) rows.push([s.name, s.dialect, s.auth, s.enabled ? 'enabled' : 'disabled', whereColumn(s)]);
        out(table(rows));
      });
    });

  sources
    .command('show')
    .description('print a webhook source\'s URL and secret, or an AMI source\'s settings (not its secret)')
    .argument('<name>')
    .action(async (name: string) => {
      await withSwitchboard(globals(), async (sb) => {
        const s = await sb.sources.get(name, true);
        if (!s) throw new CliError(`no source named "${name}"`);
        printSource(s);
      });
    });

  sources
    .command('set')
    .description('change the connection settings of an AMI source (it reconnects with them)')
    .argument('<name>')
    .option('--host <host>', 'the Asterisk server\'s host name or IP address')
    .option('--port <port>', 'the AMI port')
    .option('--username <name>', 'the user of Asterisk\'s manager.conf')
    .option('--secret [secret]', `a new secret; without a value it is taken from ${AMI_SECRET_ENV} or asked for`)
    .option('--tls', 'connect with TLS')
    .option('--no-tls', 'connect without TLS')
    .option('--tls-ca <file>', `${TLS_CA_HELP.replace(/^ami, with --tls: /, '')} (replaces the current one)`)
    .option('--no-tls-ca', "trust the system's CAs again instead of a certificate given with --tls-ca")
    .option('--auth <mode>', 'md5 or plain')
    .option('--device-rule <rule>', `${DEVICE_RULE_HELP.replace(/^ami: /, '')} (replaces the current rules)`, collect)
    .option('--no-device-rules', 'remove all device rules: only the built-in ones apply')
    .action(async (name: string, o: AmiFlags & { deviceRules?: boolean }) => {
      // Commander sets deviceRules to true unless --no-device-rules is given.
      const clearRules = o.deviceRules === false;
      if (clearRules && o.deviceRule) throw new CliError('--device-rule and --no-device-rules: give one or the other');
      if (givenAmiFlags(o).length === 0 && o.auth === undefined && !clearRules) {
        throw new CliError('nothing to change: give --host, --port, --username, --secret, --tls, --no-tls, --tls-ca, --no-tls-ca, --auth, --device-rule or --no-device-rules');
      }
      const ami: Partial<AmiSettingsInput> = { host: o.host, port: parsePort(o.port), username: o.username, tls: o.tls, auth: o.auth };
      // Commander gives false for --no-tls-ca.
      if (o.tlsCa !== undefined) ami.tlsCa = o.tlsCa === false ? null : await readTlsCa(o.tlsCa);
      if (o.deviceRule || clearRules) ami.deviceRules = o.deviceRule ?? [];
      if (o.secret !== undefined) ami.secret = await amiSecret(o.secret, name);
      await withSwitchboard(globals(), async (sb) => {
        const s = await sb.sources.update(name, { ami });
        if (!s) throw new CliError(`no source named "${name}"`);
        printSource(s);
        if (typeof o.tlsCa === 'string' && s.ami && !s.ami.tls) process.stderr.write('warning: the certificate is stored but not used while TLS is off (add --tls)\n');
      });
    });

  for (const [command, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    sources
      .command(command)
      .description(enabled ? 'switch a source on again' : 'switch a source off: its webhooks are refused, its AMI connection is closed')
      .argument('<name>')
      .action(async (name: string) => {
        await withSwitchboard(globals(), async (sb) => {
          if (!(await sb.sources.setEnabled(name, enabled))) throw new CliError(`no source named "${name}"`);
          out(`source "${name}" ${enabled ? 'enabled' : 'disabled'}`);
        });
      });
  }

  sources
    .command('rotate-secret')
    .description('give a webhook source a new secret (the old one stops working at once)')
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
