import type { Command } from 'commander';
import { baseUrl } from '../../sources/source-service.js';
import { CliError, cliConfig, out, withSwitchboard, type GlobalOptions } from '../context.js';

const SIMULATOR_SOURCE = 'simulator';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface SimulateOptions {
  url?: string;
  extension?: string;
  from: string;
  name?: string;
  miss?: boolean;
  outbound?: boolean;
  ringSeconds: string;
  talkSeconds: string;
}

/**
 * Plays a realistic call against a running server through the same webhook a phone system uses
 * (a `native` source named "simulator", created on first use), so a newcomer sees a popup.
 */
export function registerSimulateCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('simulate')
    .description('play call events against a running server')
    .command('call')
    .description('ring an extension, then answer and hang up (or --miss)')
    .option('--url <url>', 'the running server (default: from the configuration)')
    .option('-e, --extension <ext>', 'the extension that rings (default: the first user\'s default device)')
    .option('--from <number>', 'the caller\'s number', '+4722334455')
    .option('--name <name>', 'a caller name as the phone system would send it')
    .option('--miss', 'nobody answers; the caller gives up')
    .option('--outbound', 'the extension calls the number instead')
    .option('--ring-seconds <s>', 'how long it rings', '3')
    .option('--talk-seconds <s>', 'how long the conversation lasts', '5')
    .action(async (o: SimulateOptions) => {
      const config = cliConfig(globals());
      const url = (o.url ?? baseUrl(config)).replace(/\/+$/, '');
      const { secret, extension } = await withSwitchboard(globals(), async (sb) => {
        let source = await sb.sources.get(SIMULATOR_SOURCE, true);
        if (!source) source = await sb.sources.add({ name: SIMULATOR_SOURCE, dialect: 'native', auth: 'token' });
        let ext = o.extension;
        if (!ext) {
          const devices = await sb.repos.users.allDevices();
          ext = (devices.find((d) => d.is_default) ?? devices[0])?.extension;
        }
        if (!ext) throw new CliError('no user has an extension yet: add one with "switchboard user add NAME --extension 201"');
        return { secret: source.secret!, extension: ext };
      });

      const callId = `sim-${Date.now().toString(36)}`;
      const direction = o.outbound ? 'outbound' : 'inbound';
      const post = async (event: Record<string, unknown>, label: string) => {
        let response: Response;
        try {
          response = await fetch(`${url}/api/v1/hooks/${SIMULATOR_SOURCE}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
            body: JSON.stringify({ callId, direction, extension, remoteNumber: o.from, ...(o.name && { remoteName: o.name }), ...event }),
          });
        } catch (error) {
          throw new CliError(`cannot reach the server at ${url} (${(error as Error).cause ?? (error as Error).message}); is "switchboard serve" running?`);
        }
        if (!response.ok) throw new CliError(`${label}: the server answered ${response.status}: ${await response.text()}`);
        out(`${new Date().toLocaleTimeString()}  ${label}`);
      };

      const ringMs = Number(o.ringSeconds) * 1000;
      const talkMs = Number(o.talkSeconds) * 1000;
      if (!Number.isFinite(ringMs) || ringMs < 0 || !Number.isFinite(talkMs) || talkMs < 0) throw new CliError('--ring-seconds and --talk-seconds take a number of seconds');
      out(`call ${callId}: ${direction === 'inbound' ? `${o.from} → ${extension}` : `${extension} → ${o.from}`} via ${url}`);
      await post({ event: direction === 'inbound' ? 'ringing' : 'dialing' }, direction === 'inbound' ? `ringing at ${extension}` : `${extension} dialing`);
      await sleep(ringMs);
      if (o.miss) {
        await post({ event: 'missed', cause: direction === 'inbound' ? 'cancelled' : 'noanswer' }, direction === 'inbound' ? 'missed: the caller hung up' : 'not answered');
        return;
      }
      await post({ event: 'answered' }, 'answered');
      await sleep(talkMs);
      await post({ event: 'ended', cause: 'completed' }, 'hung up');
    });
}
