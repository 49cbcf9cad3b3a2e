import type { Command } from 'commander';
import { baseUrl } from '../../sources/source-service.js';
import { cliConfig, CliError, collect, type GlobalOptions, out, withSwitchboard } from '../context.js';

const SIMULATOR_SOURCE = 'simulator';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface SimulateOptions {
  url?: string;
  extension?: string[];
  answerBy?: string;
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
    .option('-e, --extension <ext>', 'the extension that rings (default: the first user\'s default device); repeat to ring a group', collect)
    .option('--answer-by <ext>', 'in a group, which extension answers (default: the first)')
    .option('--from <number>', 'the caller\'s number', '+4722334455')
    .option('--name <name>', 'a caller name as the phone system would send it')
    .option('--miss', 'nobody answers; the caller gives up')
    .option('--outbound', 'the extension calls the number instead')
    .option('--ring-seconds <s>', 'how long it rings', '3')
    .option('--talk-seconds <s>', 'how long the conversation lasts', '5')
    .action(async (o: SimulateOptions) => {
      const config = cliConfig(globals());
      const url = (o.url ?? baseUrl(config)).replace(/\/+$/, '');
      const { secret, extensions } = await withSwitchboard(globals(), async (sb) => {
        let source = await sb.sources.get(SIMULATOR_SOURCE, true);
        if (!source) source = await sb.sources.add({ name: SIMULATOR_SOURCE, dialect: 'native', auth: 'token' });
        let exts = o.extension ?? [];
        if (exts.length === 0) {
          const devices = await sb.repos.users.allDevices();
          const first = (devices.find((d) => d.is_default) ?? devices[0])?.extension;
          if (first) exts = [first];
        }
        if (exts.length === 0) throw new CliError('no user has an extension yet: add one with "switchboard user add NAME --extension 201"');
        return { secret: source.secret!, extensions: exts };
      });
      const group = extensions.length > 1;
      const answerBy = o.answerBy ?? extensions[0]!;
      if (!extensions.includes(answerBy)) throw new CliError(`--answer-by ${answerBy}: not one of the ringing extensions ${extensions.join(', ')}`);
      if (group && o.outbound) throw new CliError('an outbound call is placed from one extension');

      const callId = `sim-${Date.now().toString(36)}`;
      const direction = o.outbound ? 'outbound' : 'inbound';
      const post = async (event: Record<string, unknown>, label: string) => {
        let response: Response;
        try {
          response = await fetch(`${url}/api/v1/hooks/${SIMULATOR_SOURCE}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
            body: JSON.stringify({ callId, direction, remoteNumber: o.from, ...(o.name && { remoteName: o.name }), ...event }),
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
      const ringing = extensions.join(', ');
      out(`call ${callId}: ${direction === 'inbound' ? `${o.from} → ${ringing}` : `${ringing} → ${o.from}`} via ${url}`);
      await post(
        direction === 'inbound'
          ? { event: 'ringing', ...(group ? { extensions } : { extension: answerBy }) }
          : { event: 'dialing', extension: answerBy },
        direction === 'inbound' ? `ringing at ${ringing}` : `${ringing} dialing`,
      );
      await sleep(ringMs);
      if (o.miss) {
        if (direction === 'inbound') await post({ event: 'missed', cause: 'cancelled' }, 'missed: the caller hung up');
        else await post({ event: 'ended', cause: 'noanswer' }, 'not answered');
        return;
      }
      await post({ event: 'answered', extension: answerBy }, group ? `answered at ${answerBy}` : 'answered');
      await sleep(talkMs);
      await post({ event: 'ended', cause: 'completed' }, 'hung up');
    });
}
