import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AmiTestServer, recordedEvents, type AmiReply, type AmiReplyFields } from './ami-server.js';
import { startTestServer, type TestServer } from './server.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/ami/', import.meta.url));

/** The event frames of a recording under test/fixtures/ami (e.g. `pjsip/inbound-answered.ami`), for replaying. */
export const recording = (name: string): string[] => recordedEvents(readFileSync(FIXTURES + name));

/** A recording's `.sent` file, as the actions a CTI client sent: field → value, in order, without ActionID. */
export function sentActions(name: string): { action: string; fields: Record<string, string> }[] {
  return readFileSync(FIXTURES + name, 'utf8')
    .split(/\r?\n\r?\n/)
    .filter((block) => block.startsWith('Action:'))
    .map((block) => {
      const fields: Record<string, string> = {};
      for (const line of block.split(/\r?\n/)) {
        const at = line.indexOf(': ');
        if (at > 0 && !line.startsWith('Action:') && !line.startsWith('ActionID:')) fields[line.slice(0, at)] = line.slice(at + 2);
      }
      return { action: block.slice('Action: '.length, block.search(/\r?\n/)), fields };
    });
}

/** The fields of a received action without Action and ActionID. */
export function actionFields(fields: Record<string, string>): Record<string, string> {
  const { Action: _action, ActionID: _id, ...rest } = fields;
  return { ...rest };
}

/** The fields of the last action of that name the PBX received, without Action and ActionID. */
export function lastAction(pbx: AmiTestServer, name: string): Record<string, string> {
  const received = pbx.actions(name).at(-1);
  assert.ok(received, `the PBX received no ${name}`);
  return actionFields(received.message.fields);
}

/**
 * Answers DBGet, DBPut and DBDel from `astdb` ("family/key" → value) as Asterisk does, so that
 * DND and forwarding are read back from where they were written.
 */
export function serveAstDb(pbx: AmiTestServer, astdb: Map<string, string>): void {
  pbx.handle('DBGet', (m): AmiReply | AmiReply[] => {
    const value = astdb.get(`${m.fields.Family}/${m.fields.Key}`);
    if (value === undefined) return { Response: 'Error', Message: 'Database entry not found' };
    return [
      { Response: 'Success', EventList: 'start', Message: 'Result will follow' },
      { Event: 'DBGetResponse', Family: m.fields.Family!, Key: m.fields.Key!, Val: value },
      { Event: 'DBGetComplete', EventList: 'Complete', ListItems: 1 },
    ];
  });
  pbx.handle('DBPut', (m) => {
    astdb.set(`${m.fields.Family}/${m.fields.Key}`, m.fields.Val ?? '');
    return { Response: 'Success', Message: 'Updated database successfully' };
  });
  pbx.handle('DBDel', (m) =>
    astdb.delete(`${m.fields.Family}/${m.fields.Key}`)
      ? { Response: 'Success', Message: 'Key deleted successfully' }
      : { Response: 'Error', Message: 'Database entry does not exist' },
  );
}

/** An AMI list answer: the response, the items, the `…Complete` event. */
const list = (items: AmiReplyFields[], complete: string): AmiReplyFields[] => [
  { Response: 'Success', EventList: 'start', Message: 'Items will follow' },
  ...items,
  { Event: complete, EventList: 'Complete', ListItems: items.length },
];

export interface AmiPbx {
  server: TestServer;
  pbx: AmiTestServer;
  /** Extension 201, display name "Anna". */
  anna: { id: number; token: string };
  /** Extension 202, display name "Bob". */
  bob: { id: number; token: string };
  admin: string;
  /** What Asterisk lists for calls in progress (CoreShowChannels); set it before a reconnect. */
  channelsOnPbx: AmiReplyFields[];
  /** The AMI source's connection state as the admin API reports it. */
  connectionState(): Promise<string | undefined>;
  until(what: string, check: () => Promise<boolean> | boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A local AMI server (Login, and CoreShowChannels answered from `channelsOnPbx`), a running
 * Switchboard with Anna (201) and Bob (202), and an AMI source named `pbx` created through the API,
 * connected and past its first reload.
 */
export async function startAmiPbx(env: Record<string, string> = {}): Promise<AmiPbx> {
  const pbx = await AmiTestServer.start();
  const server = await startTestServer(env);
  const admin = await server.adminToken();
  const setup: AmiPbx = {
    server,
    pbx,
    admin,
    anna: await server.user('anna', ['201'], { displayName: 'Anna' }),
    bob: await server.user('bob', ['202'], { displayName: 'Bob' }),
    channelsOnPbx: [],
    connectionState: async () => (await server.api('GET', '/api/v1/sources/pbx', { token: admin })).body.source?.connection?.state,
    async until(what, check, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async close() {
      await server.close();
      await pbx.close();
    },
  };
  pbx.handle('CoreShowChannels', () =>
    list(
      setup.channelsOnPbx.map((c) => ({ Event: 'CoreShowChannel', ...c })),
      'CoreShowChannelsComplete',
    ),
  );
  try {
    const created = await server.api('POST', '/api/v1/sources', {
      token: admin,
      body: { name: 'pbx', dialect: 'ami', ami: { host: '127.0.0.1', port: pbx.port, username: 'cti', secret: 'ctisecret', auth: 'plain' } },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await setup.until('the AMI connection', async () => (await setup.connectionState()) === 'connected');
    await pbx.waitFor(() => pbx.actions('CoreShowChannels').length === 1, 2000, 'the first reload');
  } catch (error) {
    await setup.close();
    throw error;
  }
  return setup;
}

/**
 * Scripts the operator panel's lists (201–203 idle; queue `support` with Agent 201 and Agent 202,
 * who is paused for lunch, 4 answered and 1 abandoned; nothing parked) and reconnects, so that the
 * server's reload reads them.
 */
export async function scriptPanelState(setup: AmiPbx): Promise<void> {
  const { pbx } = setup;
  pbx.handle('ExtensionStateList', () =>
    list(
      ['201', '202', '203'].map((exten) => ({ Event: 'ExtensionStatus', Exten: exten, Context: 'ext-local', Hint: `PJSIP/${exten}`, Status: 0, StatusText: 'Idle' })),
      'ExtensionStateListComplete',
    ),
  );
  pbx.handle('QueueStatus', () =>
    list(
      [
        { Event: 'QueueParams', Queue: 'support', Max: 0, Strategy: 'ringall', Calls: 0, Holdtime: 0, TalkTime: 0, Completed: 4, Abandoned: 1 },
        { Event: 'QueueMember', Queue: 'support', Name: 'Agent 201', Location: 'PJSIP/201', StateInterface: 'PJSIP/201', Status: 1, Paused: 0, PausedReason: '', CallsTaken: 3 },
        { Event: 'QueueMember', Queue: 'support', Name: 'Agent 202', Location: 'PJSIP/202', StateInterface: 'PJSIP/202', Status: 1, Paused: 1, PausedReason: 'lunch', CallsTaken: 1 },
      ],
      'QueueStatusComplete',
    ),
  );
  pbx.handle('ParkedCalls', () => list([], 'ParkedCallsComplete'));
  const reloads = pbx.actions('ParkedCalls').length;
  pbx.dropAll();
  await pbx.waitFor(() => pbx.actions('ParkedCalls').length > reloads, 5000, 'the reload of the panel state');
  await setup.until('connected again', async () => (await setup.connectionState()) === 'connected');
  await setup.server.sb.ami.connection('pbx')?.synced();
}
