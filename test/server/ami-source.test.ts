import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { recording, startAmiPbx, type AmiPbx } from '../support/ami-pbx.js';
import type { AmiReplyFields, AmiTestServer } from '../support/ami-server.js';
import { TestSocket, type TestServer } from '../support/server.js';

/** Kari's call to 201 (pjsip/inbound-answered), answered, as CoreShowChannels shows it mid-call. */
const KARI_TALKING_TO_201: AmiReplyFields[] = [
  {
    Channel: 'PJSIP/provider-00000003',
    ChannelState: 6,
    ChannelStateDesc: 'Up',
    CallerIDNum: '+4722334455',
    CallerIDName: 'Kari Nordmann',
    ConnectedLineNum: '201',
    ConnectedLineName: 'Ext 201',
    Context: 'from-trunk',
    Exten: '201',
    Uniqueid: '1795433211.5',
    Linkedid: '1795433211.5',
    Application: 'Dial',
    ApplicationData: 'PJSIP/201,20,t',
    Duration: '00:00:05',
    BridgeId: '8b1b2d0f-45b5-4f08-82ca-dbf06d3ac87b',
  },
  {
    Channel: 'PJSIP/201-00000004',
    ChannelState: 6,
    ChannelStateDesc: 'Up',
    CallerIDNum: '201',
    CallerIDName: 'Ext 201',
    ConnectedLineNum: '+4722334455',
    ConnectedLineName: 'Kari Nordmann',
    Context: 'from-internal',
    Exten: '',
    Uniqueid: '1795433211.6',
    Linkedid: '1795433211.5',
    Application: 'AppDial',
    ApplicationData: '(Outgoing Line)',
    Duration: '00:00:05',
    BridgeId: '8b1b2d0f-45b5-4f08-82ca-dbf06d3ac87b',
  },
];

describe('an Asterisk (AMI) source in the running server', () => {
  let setup: AmiPbx;
  let server: TestServer;
  let pbx: AmiTestServer;
  let anna: { id: number; token: string };
  let bob: { id: number; token: string };
  let admin: string;

  const connectionState = () => setup.connectionState();
  const until = (what: string, check: () => Promise<boolean> | boolean, timeoutMs = 5000) => setup.until(what, check, timeoutMs);
  const callLog = async () => (await server.api('GET', '/api/v1/calls?user=all', { token: admin })).body.calls as any[];
  const logged = async (id: string) => (await callLog()).find((c) => c.id === id);

  before(async () => {
    setup = await startAmiPbx();
    ({ server, pbx, anna, bob, admin } = setup);
  });

  after(async () => {
    await setup?.close();
  });

  test('the server logs in with the configured account and reloads the channels first', () => {
    const login = pbx.actions('Login')[0];
    assert.equal(login?.message.fields.Username, 'cti');
    assert.equal(login?.message.fields.Secret, 'ctisecret');
    assert.equal(pbx.actions('CoreShowChannels').length, 1);
  });

  test('a queue call replayed in random pieces pops up for both agents and is logged as answered by Bob', async () => {
    const annaSocket = await TestSocket.connect(server.url, { token: anna.token });
    const bobSocket = await TestSocket.connect(server.url, { token: bob.token });
    try {
      pbx.chop = true;
      for (const frame of recording('pjsip/inbound-queue.ami')) pbx.send(frame);
      const id = 'pbx:1795433290.13';
      const ringing = await annaSocket.next((f) => f.type === 'call' && f.call.id === id);
      assert.equal(ringing.call.remoteNumber, '+4722334455');
      assert.equal(ringing.call.queue, 'support');
      await bobSocket.next((f) => f.type === 'call' && f.call.id === id && f.call.answeredBy?.extension === '202');
      await until('the queue call in the log', async () => (await logged(id))?.phase === 'ended');
      const call = await logged(id);
      assert.equal(call.direction, 'inbound');
      assert.equal(call.outcome, 'answered');
      assert.equal(call.answeredByUserId, bob.id);
      assert.equal(call.queue, 'support');
      assert.equal(call.localNumber, '4722000600');
      const annaView = (await server.api('GET', `/api/v1/calls/${encodeURIComponent(id)}`, { token: anna.token })).body;
      assert.equal(annaView.parties.find((p: any) => p.extension === '201')?.cause, 'answered_elsewhere');
    } finally {
      pbx.chop = false;
      annaSocket.close();
      bobSocket.close();
    }
  });

  test('an extension nobody has is still logged, and pops up for nobody', async () => {
    const events = recording('pjsip/outbound-direct.ami').map((f) => f.replaceAll('PJSIP/201-', 'PJSIP/209-').replaceAll('CallerIDNum: 201', 'CallerIDNum: 209'));
    for (const frame of events) pbx.send(frame);
    await until('the call of extension 209', async () => (await callLog()).some((c) => c.direction === 'outbound' && c.phase === 'ended' && c.answeredBy === '209'));
  });

  test('a caller who hangs up in the IVR without reaching a phone is in the admin\'s call log as a missed inbound call, and in no user\'s', async () => {
    const trunk = 'Channel: PJSIP/provider-0000009a\r\nCallerIDNum: +4722990011\r\nCallerIDName: <unknown>\r\nUniqueid: 1795499999.1\r\nLinkedid: 1795499999.1\r\n';
    pbx.send(`Event: Newchannel\r\n${trunk}ChannelState: 4\r\nChannelStateDesc: Ring\r\nContext: from-trunk\r\nExten: 4722000000\r\n\r\n`);
    pbx.send(`Event: Newstate\r\n${trunk}ChannelState: 6\r\nChannelStateDesc: Up\r\nContext: ivr-1\r\nExten: s\r\n\r\n`);
    pbx.send(`Event: Hangup\r\n${trunk}ChannelState: 6\r\nChannelStateDesc: Up\r\nContext: ivr-1\r\nExten: s\r\nCause: 16\r\nCause-txt: Normal Clearing\r\n\r\n`);
    await until('the IVR call in the log', async () => (await logged('pbx:1795499999.1'))?.phase === 'ended');
    const call = await logged('pbx:1795499999.1');
    assert.equal(call.direction, 'inbound');
    assert.equal(call.answeredBy, null);
    assert.equal(call.outcome, 'missed');
    assert.match(JSON.stringify(call), /\+4722990011/);
    for (const user of [anna, bob]) {
      const own = (await server.api('GET', '/api/v1/calls', { token: user.token })).body.calls as any[];
      assert.ok(!own.some((c) => c.id === call.id), 'no user took part: it is not in their log');
    }
  });

  test('the PBX drops the connection mid-call and the call ended meanwhile: the reconnect closes it', async () => {
    const frames = recording('pjsip/inbound-answered.ami');
    const answeredAt = frames.findIndex((f) => f.startsWith('Event: BridgeEnter'));
    for (const frame of frames.slice(0, answeredAt + 2)) pbx.send(frame);
    const id = 'pbx:1795433211.5';
    await until('the answered call', async () => (await server.api('GET', '/api/v1/calls/active?all=1', { token: admin })).body.calls.some((c: any) => c.id === id && c.phase === 'answered'));

    setup.channelsOnPbx = [];
    const reloads = pbx.actions('CoreShowChannels').length;
    pbx.dropAll();
    await until('the reconnect', async () => (await connectionState()) === 'reconnecting');
    await pbx.waitFor(() => pbx.actions('CoreShowChannels').length === reloads + 1, 5000, 'the reload after the reconnect');
    await until('the call closed by the reload', async () => (await logged(id))?.phase === 'ended');
    const call = await logged(id);
    assert.equal(call.outcome, 'answered');
    assert.equal(call.answeredByUserId, anna.id);
    assert.equal((await server.api('GET', '/api/v1/sources/pbx', { token: admin })).body.source.connection.state, 'connected');
  });

  test('the PBX drops the connection mid-call and the call goes on: picked up where it stands, ended once by the live events', async () => {
    const frames = recording('pjsip/inbound-answered.ami').map((f) => f.replaceAll('1795433211.', '1795439999.'));
    const bridged = frames.findIndex((f) => f.startsWith('Event: BridgeEnter'));
    for (const frame of frames.slice(0, bridged + 2)) pbx.send(frame);
    const id = 'pbx:1795439999.5';
    await until('the answered call', async () => (await server.api('GET', '/api/v1/calls/active?all=1', { token: admin })).body.calls.some((c: any) => c.id === id && c.phase === 'answered'));

    setup.channelsOnPbx = KARI_TALKING_TO_201.map((c) => ({ ...c, Uniqueid: String(c.Uniqueid).replace('1795433211.', '1795439999.'), Linkedid: '1795439999.5' }));
    const reloads = pbx.actions('CoreShowChannels').length;
    pbx.dropAll();
    await pbx.waitFor(() => pbx.actions('CoreShowChannels').length === reloads + 1, 5000, 'the reload after the reconnect');
    await until('connected again', async () => (await connectionState()) === 'connected');
    await server.sb.ami.connection('pbx')?.synced();
    assert.equal((await logged(id))?.phase, 'answered', 'still going after the reload');

    for (const frame of frames.slice(bridged + 2)) pbx.send(frame);
    await until('the end of the call', async () => (await logged(id))?.phase === 'ended');
    const call = await logged(id);
    assert.equal(call.outcome, 'answered');
    assert.equal(call.answeredByUserId, anna.id);
    assert.equal((await callLog()).filter((c) => c.id === id).length, 1);
  });

  test('garbage on the wire is skipped and the connection goes on', async () => {
    pbx.send('this is not AMI\r\nneither: is\r\nthis\r\n\r\n');
    pbx.send(recording('pjsip/inbound-missed-abandoned.ami').join(''));
    await until('the abandoned call', async () => (await logged('pbx:1795433264.9'))?.phase === 'ended');
    assert.equal((await logged('pbx:1795433264.9')).outcome, 'missed');
  });
});
