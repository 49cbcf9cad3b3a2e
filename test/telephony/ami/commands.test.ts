import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { formatAction } from '../../../src/telephony/ami/client.js';
import { AmiFrameParser, type AmiMessage } from '../../../src/telephony/ami/frame-parser.js';
import {
  AmiCommandError,
  answerChanSip,
  answerPjsip,
  answerRemotely,
  attendedTransfer,
  blindTransfer,
  cancelAttendedTransfer,
  clearForward,
  clickToCall,
  dndDeviceStateCommands,
  forwardDeviceStateCommands,
  forwardValue,
  getDnd,
  getForward,
  hangup,
  park,
  parseForwardValue,
  parseForwardingState,
  pauseRecording,
  pickupParked,
  queueAdd,
  queuePause,
  queueRemove,
  readForwardingCommands,
  recordingFileName,
  redirect,
  resumeRecording,
  safeDisplayName,
  setDnd,
  setForward,
  startRecording,
  stopRecording,
  supervise,
  type AmiCommand,
} from '../../../src/telephony/ami/commands.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/ami/', import.meta.url));

const frame = (cmd: AmiCommand, id = 'id-1') => formatAction(cmd.action, cmd.fields, id);
/** Expected frames are written one line per array entry, CRLF-joined, with the closing blank line. */
const lines = (...ls: string[]) => ls.map((l) => `${l}\r\n`).join('') + '\r\n';

/** The nth frame of `action` that a CTI client sent in a recording, with its fields. */
function sent(file: string, action: string, nth = 0): { text: string; actionId: string; fields: Record<string, string> } {
  const frames = readFileSync(FIXTURES + file, 'latin1')
    .split('\r\n\r\n')
    .filter((f) => f.startsWith(`Action: ${action}\r\n`));
  const text = frames[nth];
  assert.ok(text !== undefined, `${file} has no ${action} frame #${nth}`);
  const fields: Record<string, string> = {};
  for (const l of text.split('\r\n')) {
    const at = l.indexOf(': ');
    fields[l.slice(0, at)] ??= l.slice(at + 2);
  }
  return { text: text + '\r\n\r\n', actionId: fields.ActionID!, fields };
}

const withoutLine = (text: string, line: string) => {
  assert.ok(text.includes(`${line}\r\n`), `frame has no line ${JSON.stringify(line)}`);
  return text.replace(`${line}\r\n`, '');
};

/** Asserts the builder refuses, naming `field` both in the error and in its message. */
function refuses(build: () => unknown, field: string) {
  assert.throws(build, (error: unknown) => {
    assert.ok(error instanceof AmiCommandError, `expected AmiCommandError, got ${String(error)}`);
    assert.equal(error.field, field);
    assert.ok(error.message.includes(field), `message ${JSON.stringify(error.message)} does not name ${field}`);
    assert.ok(!/[\r\n]/.test(error.message), 'the message itself carries no line break');
    return true;
  });
}

const base = { device: 'PJSIP/201', extension: '201', displayName: 'Ext 201', number: '4799887766', token: 'c2c-42' };

describe('clickToCall', () => {
  test('renders an async Originate that rings the device, then dials the number in from-internal', () => {
    assert.equal(
      frame(clickToCall(base)),
      lines(
        'Action: Originate',
        'Channel: PJSIP/201',
        'Context: from-internal',
        'Exten: 4799887766',
        'Priority: 1',
        'CallerID: "Ext 201" <201>',
        'Timeout: 30000',
        'Async: true',
        'Variable: __SWITCHBOARD_ORIGINATE=c2c-42',
        'ActionID: id-1',
      ),
    );
  });

  test('is the frame the recorded CTI sent with real SIP phones, plus our tag', () => {
    const rec = sent('pjsip/outbound-click2call.sent', 'Originate');
    const cmd = clickToCall({ ...base, device: rec.fields.Channel!, number: rec.fields.Exten! });
    assert.equal(withoutLine(frame(cmd, rec.actionId), 'Variable: __SWITCHBOARD_ORIGINATE=c2c-42'), rec.text);
  });

  test('carries extra variables in order after the tag (the Local-channel recording)', () => {
    const rec = sent('outbound-click2call.sent', 'Originate');
    const cmd = clickToCall({
      ...base,
      device: rec.fields.Channel!,
      variables: { __RINGSECS_201: '2', __TALKSECS_201: '30', __PSTNRING: '3', __PSTNTALK: '8' },
    });
    assert.equal(withoutLine(frame(cmd, rec.actionId), 'Variable: __SWITCHBOARD_ORIGINATE=c2c-42'), rec.text);
  });

  test('takes another context, a timeout, + numbers and feature codes; no name gives <ext> alone', () => {
    const text = frame(clickToCall({ ...base, number: '+4799887766', context: 'from-internal-custom', timeoutMs: 45_000, displayName: '  ' }));
    assert.match(text, /\r\nContext: from-internal-custom\r\nExten: \+4799887766\r\n/);
    assert.match(text, /\r\nCallerID: <201>\r\nTimeout: 45000\r\n/);
    assert.match(frame(clickToCall({ ...base, number: '*97' })), /\r\nExten: \*97\r\n/);
    assert.match(frame(clickToCall({ ...base, number: '#31#123' })), /\r\nExten: #31#123\r\n/);
  });

  test('refuses numbers that are empty, have letters, spaces, commas or line breaks, or are too long', () => {
    for (const number of ['', '47998a7766', '+47 99887766', '4799,887766', '4799887766\r\nAction: Logoff', '++47', '47+99', '1'.repeat(41)]) {
      refuses(() => clickToCall({ ...base, number }), 'number');
    }
  });

  test('refuses a device that is not a channel name (line breaks, spaces, a Hangup-style /regex/, overlong)', () => {
    for (const device of ['PJSIP/201\r\nAction: Hangup', 'PJSIP/201 ', '201', '/^PJSIP/.*$/', 'PJSIP/', `PJSIP/${'2'.repeat(80)}`, 'PJSIP/201,1', 'PJSIP/${EXTEN}']) {
      refuses(() => clickToCall({ ...base, device }), 'device');
    }
  });

  test('refuses bad names, extensions, tokens, contexts, timeouts and variables', () => {
    refuses(() => clickToCall({ ...base, displayName: 'Kari\r\nAction: Logoff' }), 'displayName');
    refuses(() => clickToCall({ ...base, displayName: 'Kari "K" Nordmann' }), 'displayName');
    refuses(() => clickToCall({ ...base, displayName: 'Kari <999>' }), 'displayName');
    refuses(() => clickToCall({ ...base, displayName: 'x'.repeat(81) }), 'displayName');
    refuses(() => clickToCall({ ...base, extension: '20/1' }), 'extension');
    refuses(() => clickToCall({ ...base, extension: '' }), 'extension');
    refuses(() => clickToCall({ ...base, token: '' }), 'token');
    refuses(() => clickToCall({ ...base, token: 'a,b' }), 'token');
    refuses(() => clickToCall({ ...base, token: 'x'.repeat(65) }), 'token');
    refuses(() => clickToCall({ ...base, context: 'from internal' }), 'context');
    refuses(() => clickToCall({ ...base, timeoutMs: 0 }), 'timeoutMs');
    refuses(() => clickToCall({ ...base, timeoutMs: 1500.5 }), 'timeoutMs');
    // Asterisk splits a Variable: header on commas: this would set B as well.
    refuses(() => clickToCall({ ...base, variables: { A: 'x,B=y' } }), 'variables.A');
    refuses(() => clickToCall({ ...base, variables: { A: '${SHELL(rm -rf /)}' } }), 'variables.A');
    refuses(() => clickToCall({ ...base, variables: { A: 'x\ny' } }), 'variables.A');
    refuses(() => clickToCall({ ...base, variables: { 'A B': 'x' } }), 'variables.name');
  });

  test('safeDisplayName makes a directory name acceptable instead of failing the call', () => {
    const name = safeDisplayName('  Kari "K" <Nordmann>\r\nAction: Logoff\\ ');
    assert.equal(name, 'Kari K Nordmann Action: Logoff');
    assert.match(frame(clickToCall({ ...base, displayName: name })), /\r\nCallerID: "Kari K Nordmann Action: Logoff" <201>\r\n/);
    assert.equal(safeDisplayName('x'.repeat(100)).length, 80);
  });
});

describe('hangup', () => {
  test('renders Hangup with and without a cause', () => {
    assert.equal(frame(hangup({ channel: 'PJSIP/201-0000000a' })), lines('Action: Hangup', 'Channel: PJSIP/201-0000000a', 'ActionID: id-1'));
    assert.equal(
      frame(hangup({ channel: 'Local/201@from-queue-00000003;1', cause: 16 })),
      lines('Action: Hangup', 'Channel: Local/201@from-queue-00000003;1', 'Cause: 16', 'ActionID: id-1'),
    );
  });

  test('never passes a /regex/ (which would hang up every matching channel) and checks the cause', () => {
    refuses(() => hangup({ channel: '/^PJSIP\\/.*$/' }), 'channel');
    refuses(() => hangup({ channel: '/.*/' }), 'channel');
    for (const cause of [0, 128, 16.5, -1]) refuses(() => hangup({ channel: 'PJSIP/201-0000000a', cause }), 'cause');
  });
});

describe('transfers', () => {
  test('blindTransfer is the recorded BlindTransfer (Local and PJSIP)', () => {
    for (const file of ['transfer-blind.sent', 'pjsip/transfer-blind.sent']) {
      const rec = sent(file, 'BlindTransfer');
      assert.equal(frame(blindTransfer({ channel: rec.fields.Channel!, exten: rec.fields.Exten! }), rec.actionId), rec.text, file);
    }
    assert.equal(
      frame(blindTransfer({ channel: 'PJSIP/201-00000016', exten: '202' })),
      lines('Action: BlindTransfer', 'Channel: PJSIP/201-00000016', 'Context: from-internal', 'Exten: 202', 'ActionID: id-1'),
    );
  });

  test('redirect is the recorded Redirect, and spells out where an ExtraChannel goes', () => {
    for (const file of ['transfer-redirect.sent', 'pjsip/transfer-redirect.sent']) {
      const rec = sent(file, 'Redirect');
      assert.equal(frame(redirect({ channel: rec.fields.Channel!, exten: rec.fields.Exten! }), rec.actionId), rec.text, file);
    }
    assert.equal(
      frame(redirect({ channel: 'PJSIP/provider-00000018', extraChannel: 'PJSIP/201-00000019', exten: '8000', context: 'ext-meetme' })),
      lines(
        'Action: Redirect',
        'Channel: PJSIP/provider-00000018',
        'Context: ext-meetme',
        'Exten: 8000',
        'Priority: 1',
        'ExtraChannel: PJSIP/201-00000019',
        'ExtraContext: ext-meetme',
        'ExtraExten: 8000',
        'ExtraPriority: 1',
        'ActionID: id-1',
      ),
    );
  });

  test('attendedTransfer is the recorded Atxfer; cancelAttendedTransfer sends CancelAtxfer', () => {
    for (const file of ['transfer-attended.sent', 'pjsip/transfer-attended.sent']) {
      const rec = sent(file, 'Atxfer');
      assert.equal(frame(attendedTransfer({ channel: rec.fields.Channel!, exten: rec.fields.Exten! }), rec.actionId), rec.text, file);
    }
    assert.equal(frame(cancelAttendedTransfer({ channel: 'PJSIP/201-00000001' })), lines('Action: CancelAtxfer', 'Channel: PJSIP/201-00000001', 'ActionID: id-1'));
  });

  test('refuses bad destinations and channels', () => {
    refuses(() => blindTransfer({ channel: 'PJSIP/201-00000016', exten: '202\r\nAction: Logoff' }), 'exten');
    refuses(() => blindTransfer({ channel: 'PJSIP/201-00000016', exten: '' }), 'exten');
    refuses(() => blindTransfer({ channel: 'PJSIP/201-00000016', exten: '202', context: 'a,b' }), 'context');
    refuses(() => redirect({ channel: 'PJSIP/provider-00000018', exten: '202', extraChannel: 'PJSIP/201\n' }), 'extraChannel');
    refuses(() => redirect({ channel: 'PJSIP/provider-00000018', exten: '202', priority: 0 }), 'priority');
    refuses(() => attendedTransfer({ channel: 'PJSIP/201 00000001', exten: '202' }), 'channel');
    refuses(() => cancelAttendedTransfer({ channel: '' }), 'channel');
  });
});

describe('park and pickup', () => {
  test('park is the recorded Park (Local and PJSIP)', () => {
    for (const file of ['inbound-parked.sent', 'pjsip/inbound-parked.sent']) {
      const rec = sent(file, 'Park');
      const cmd = park({
        channel: rec.fields.Channel!,
        timeoutChannel: rec.fields.TimeoutChannel!,
        parkingLot: rec.fields.Parkinglot!,
        timeoutMs: Number(rec.fields.Timeout),
      });
      assert.equal(frame(cmd, rec.actionId), rec.text, file);
    }
    assert.equal(
      frame(park({ channel: 'PJSIP/provider-00000012', timeoutChannel: 'PJSIP/201-00000013' })),
      lines('Action: Park', 'Channel: PJSIP/provider-00000012', 'TimeoutChannel: PJSIP/201-00000013', 'ActionID: id-1'),
    );
  });

  test('pickupParked is the recorded Originate to the space', () => {
    const rec = sent('pjsip/inbound-parked.sent', 'Originate');
    const cmd = pickupParked({ device: rec.fields.Channel!, extension: '202', displayName: 'Ext 202', space: rec.fields.Exten! });
    assert.equal(frame(cmd, rec.actionId), rec.text);
    const local = sent('inbound-parked.sent', 'Originate', 1);
    const tagged = pickupParked({ device: local.fields.Channel!, extension: '202', displayName: 'Ext 202', space: '701', token: 'pk-1', variables: { __RINGSECS_202: '2' } });
    assert.equal(withoutLine(frame(tagged, local.actionId), 'Variable: __SWITCHBOARD_ORIGINATE=pk-1'), local.text);
  });

  test('refuses bad park inputs', () => {
    const ok = { channel: 'PJSIP/provider-00000012', timeoutChannel: 'PJSIP/201-00000013' };
    refuses(() => park({ ...ok, timeoutMs: -1 }), 'timeoutMs');
    refuses(() => park({ ...ok, parkingLot: 'lot 1' }), 'parkingLot');
    refuses(() => park({ ...ok, timeoutChannel: 'PJSIP/201\r\n' }), 'timeoutChannel');
    refuses(() => park({ ...ok, announceChannel: 'x' }), 'announceChannel');
    refuses(() => pickupParked({ device: 'PJSIP/202', extension: '202', displayName: 'Ext 202', space: '701,1' }), 'space');
  });
});

describe('recording', () => {
  const at = new Date('2025-03-04T05:06:07.890Z');

  test('builds the file name from the call id and UTC start time', () => {
    assert.equal(recordingFileName('1741064767.42', at), 'switchboard-1741064767.42-20250304-050607.wav');
    assert.equal(recordingFileName('call-9', at, 'gsm'), 'switchboard-call-9-20250304-050607.gsm');
  });

  test('startRecording renders MixMonitor with typed options only', () => {
    assert.equal(
      frame(startRecording({ channel: 'PJSIP/201-0000000a', callId: 'call-9', startedAt: at })),
      lines('Action: MixMonitor', 'Channel: PJSIP/201-0000000a', 'File: switchboard-call-9-20250304-050607.wav', 'ActionID: id-1'),
    );
    assert.equal(
      frame(startRecording({ channel: 'PJSIP/201-0000000a', callId: 'call-9', startedAt: at, options: { bridgedOnly: true, beepIntervalSeconds: 15, volumeBoth: -2, append: false } })),
      lines('Action: MixMonitor', 'Channel: PJSIP/201-0000000a', 'File: switchboard-call-9-20250304-050607.wav', 'Options: bB(15)W(-2)', 'ActionID: id-1'),
    );
  });

  test('stop, pause and resume', () => {
    assert.equal(frame(stopRecording({ channel: 'PJSIP/201-0000000a' })), lines('Action: StopMixMonitor', 'Channel: PJSIP/201-0000000a', 'ActionID: id-1'));
    assert.equal(
      frame(stopRecording({ channel: 'PJSIP/201-0000000a', mixMonitorId: '0x55d4e67c8d58' })),
      lines('Action: StopMixMonitor', 'Channel: PJSIP/201-0000000a', 'MixMonitorID: 0x55d4e67c8d58', 'ActionID: id-1'),
    );
    assert.equal(
      frame(pauseRecording({ channel: 'PJSIP/201-0000000a' })),
      lines('Action: MixMonitorMute', 'Channel: PJSIP/201-0000000a', 'Direction: both', 'State: 1', 'ActionID: id-1'),
    );
    assert.equal(
      frame(resumeRecording({ channel: 'PJSIP/201-0000000a' })),
      lines('Action: MixMonitorMute', 'Channel: PJSIP/201-0000000a', 'Direction: both', 'State: 0', 'ActionID: id-1'),
    );
    assert.match(frame(pauseRecording({ channel: 'PJSIP/201-0000000a', direction: 'read' })), /\r\nDirection: read\r\nState: 1\r\n/);
  });

  test('refuses call ids that would escape the file name or add MixMonitor arguments', () => {
    const ok = { channel: 'PJSIP/201-0000000a', callId: 'call-9', startedAt: at };
    for (const callId of ['../../etc/passwd', 'a,b', 'a/b', '', '.hidden', 'a b', 'x\r\n']) refuses(() => startRecording({ ...ok, callId }), 'callId');
    refuses(() => startRecording({ ...ok, format: 'wav,x' }), 'format');
    refuses(() => startRecording({ ...ok, startedAt: new Date('nope') }), 'startedAt');
    refuses(() => startRecording({ ...ok, options: { volumeHeard: 5 } }), 'options.volumeHeard');
    refuses(() => startRecording({ ...ok, options: { beepIntervalSeconds: 0 } }), 'options.beepIntervalSeconds');
    refuses(() => stopRecording({ channel: 'PJSIP/201-0000000a', mixMonitorId: 'a,b' }), 'mixMonitorId');
    refuses(() => pauseRecording({ channel: 'PJSIP/201-0000000a', direction: 'sideways' as 'both' }), 'direction');
  });
});

describe('DND and call forwarding in AstDB', () => {
  test('DND is DND/<ext> = YES, cleared with DBDel, read with DBGet', () => {
    assert.equal(frame(setDnd('201', true)), lines('Action: DBPut', 'Family: DND', 'Key: 201', 'Val: YES', 'ActionID: id-1'));
    assert.equal(frame(setDnd('201', false)), lines('Action: DBDel', 'Family: DND', 'Key: 201', 'ActionID: id-1'));
    assert.equal(frame(getDnd('201')), lines('Action: DBGet', 'Family: DND', 'Key: 201', 'ActionID: id-1'));
  });

  test('forwards go to CF / CFB / CFU; voicemail is vmu<mailbox>', () => {
    assert.equal(
      frame(setForward('201', 'unconditional', { kind: 'number', number: '+4799887766' })),
      lines('Action: DBPut', 'Family: CF', 'Key: 201', 'Val: +4799887766', 'ActionID: id-1'),
    );
    assert.equal(frame(setForward('201', 'busy', { kind: 'voicemail', mailbox: '201' })), lines('Action: DBPut', 'Family: CFB', 'Key: 201', 'Val: vmu201', 'ActionID: id-1'));
    assert.equal(frame(clearForward('201', 'unavailable')), lines('Action: DBDel', 'Family: CFU', 'Key: 201', 'ActionID: id-1'));
    assert.equal(frame(getForward('201', 'busy')), lines('Action: DBGet', 'Family: CFB', 'Key: 201', 'ActionID: id-1'));
    assert.deepEqual(
      readForwardingCommands('201').map((c) => `${c.action} ${String(c.fields.Family)}/${String(c.fields.Key)}`),
      ['DBGet DND/201', 'DBGet CF/201', 'DBGet CFB/201', 'DBGet CFU/201'],
    );
  });

  test('DBPut and DBGet have the fields, in the order, of the recorded ones', () => {
    const keys = (text: string) => text.split('\r\n').filter(Boolean).map((l) => l.slice(0, l.indexOf(':')));
    assert.deepEqual(keys(frame(setDnd('201', true))), keys(sent('actions-misc.sent', 'DBPut').text));
    assert.deepEqual(keys(frame(getDnd('201'))), keys(sent('actions-misc.sent', 'DBGet').text));
  });

  test('BLF device states follow FreePBX: Custom:DND<ext> and Custom:DEVDND<device>, Custom:CF / DEVCF', () => {
    assert.deepEqual(dndDeviceStateCommands('201', true).map((c) => frame(c)), [
      lines('Action: Setvar', 'Variable: DEVICE_STATE(Custom:DND201)', 'Value: BUSY', 'ActionID: id-1'),
      lines('Action: Setvar', 'Variable: DEVICE_STATE(Custom:DEVDND201)', 'Value: BUSY', 'ActionID: id-1'),
    ]);
    assert.deepEqual(
      forwardDeviceStateCommands('201', false, ['201', '9201']).map((c) => `${String(c.fields.Variable)}=${String(c.fields.Value)}`),
      ['DEVICE_STATE(Custom:CF201)=NOT_INUSE', 'DEVICE_STATE(Custom:DEVCF201)=NOT_INUSE', 'DEVICE_STATE(Custom:DEVCF9201)=NOT_INUSE'],
    );
  });

  test('parses DBGetResponse events off the wire into a typed state', () => {
    // The shape of the recorded DBGet answer (actions-misc.ami), for the keys we read.
    const recorded = readFileSync(FIXTURES + 'actions-misc.ami', 'latin1');
    const reply = (id: string, family: string, key: string, val: string) =>
      `Response: Success\r\nActionID: ${id}\r\nEventList: start\r\nMessage: Result will follow\r\n\r\n` +
      `Event: DBGetResponse\r\nFamily: ${family}\r\nKey: ${key}\r\nVal: ${val}\r\nActionID: ${id}\r\n\r\n` +
      `Event: DBGetComplete\r\nActionID: ${id}\r\nEventList: Complete\r\nListItems: 1\r\n\r\n`;
    const stream =
      recorded +
      reply('a1', 'DND', '201', 'YES') +
      reply('a2', 'CF', '201', 'vmu201') +
      reply('a3', 'CFB', '201', '+4799887766') +
      'Response: Error\r\nActionID: a4\r\nMessage: Database entry not found\r\n\r\n' +
      reply('a5', 'CFU', '202', '203') +
      reply('a6', 'CFU', '201', '');
    const messages: AmiMessage[] = [];
    new AmiFrameParser({ onMessage: (m) => messages.push(m) }).push(Buffer.from(stream, 'latin1'));
    assert.ok(messages.some((m) => m.name === 'DBGetResponse' && m.fields.Family === 'phonesim/203'), 'the recording is in the stream');
    assert.deepEqual(parseForwardingState('201', messages), {
      dnd: true,
      forward: { unconditional: { kind: 'voicemail', mailbox: '201' }, busy: { kind: 'number', number: '+4799887766' } },
    });
    assert.deepEqual(parseForwardingState('202', messages), { dnd: false, forward: { unavailable: { kind: 'number', number: '203' } } });
    assert.deepEqual(parseForwardingState('203', messages), { dnd: false, forward: {} });
  });

  test('reads every voicemail spelling FreePBX and NethVoice use, and round-trips ours', () => {
    for (const value of ['vmu201', 'vmb201', 'vms201', '*201']) assert.deepEqual(parseForwardValue(value), { kind: 'voicemail', mailbox: '201' }, value);
    assert.deepEqual(parseForwardValue('004799887766'), { kind: 'number', number: '004799887766' });
    assert.equal(parseForwardValue('  '), undefined);
    for (const target of [{ kind: 'voicemail', mailbox: '201' }, { kind: 'number', number: '+4799887766' }] as const) {
      assert.deepEqual(parseForwardValue(forwardValue(target)), target);
    }
  });

  test('refuses bad extensions, kinds and targets', () => {
    refuses(() => setDnd('20/1', true), 'extension');
    refuses(() => setDnd('201\r\n', true), 'extension');
    refuses(() => setForward('201', 'busy', { kind: 'number', number: 'abc' }), 'target.number');
    refuses(() => setForward('201', 'busy', { kind: 'number', number: '' }), 'target.number');
    refuses(() => setForward('201', 'busy', { kind: 'voicemail', mailbox: '2,01' }), 'target.mailbox');
    refuses(() => setForward('201', 'busy', { kind: 'fax' } as never), 'target');
    refuses(() => setForward('201', 'sometimes' as never, { kind: 'number', number: '202' }), 'kind');
    refuses(() => getForward('201', 'toString' as never), 'kind');
    refuses(() => dndDeviceStateCommands('201', true, ['2 01']), 'devices[0]');
  });
});

describe('queue members', () => {
  test('QueueAdd, QueueRemove and QueuePause', () => {
    assert.equal(
      frame(queueAdd({ queue: '600', interface: 'Local/201@from-queue/n', memberName: 'Kari Nordmann', stateInterface: 'hint:201@ext-local' })),
      lines(
        'Action: QueueAdd',
        'Queue: 600',
        'Interface: Local/201@from-queue/n',
        'Penalty: 0',
        'Paused: false',
        'MemberName: Kari Nordmann',
        'StateInterface: hint:201@ext-local',
        'ActionID: id-1',
      ),
    );
    assert.equal(
      frame(queueAdd({ queue: 'support', interface: 'PJSIP/201', penalty: 2, paused: true, reason: 'Lunsj' })),
      lines('Action: QueueAdd', 'Queue: support', 'Interface: PJSIP/201', 'Penalty: 2', 'Paused: true', 'Reason: Lunsj', 'ActionID: id-1'),
    );
    assert.equal(frame(queueRemove({ queue: '600', interface: 'Local/201@from-queue/n' })), lines('Action: QueueRemove', 'Queue: 600', 'Interface: Local/201@from-queue/n', 'ActionID: id-1'));
    assert.equal(
      frame(queuePause({ interface: 'PJSIP/201', paused: true, queue: '600', reason: 'After-call work' })),
      lines('Action: QueuePause', 'Interface: PJSIP/201', 'Paused: true', 'Queue: 600', 'Reason: After-call work', 'ActionID: id-1'),
    );
    assert.equal(frame(queuePause({ interface: 'PJSIP/201', paused: false })), lines('Action: QueuePause', 'Interface: PJSIP/201', 'Paused: false', 'ActionID: id-1'));
  });

  test('refuses queue_log-breaking names and bad interfaces', () => {
    const ok = { queue: '600', interface: 'PJSIP/201' };
    refuses(() => queueAdd({ ...ok, memberName: 'Kari|201' }), 'memberName');
    refuses(() => queueAdd({ ...ok, memberName: 'Kari\nNordmann' }), 'memberName');
    refuses(() => queueAdd({ ...ok, stateInterface: 'hint:201' }), 'stateInterface');
    refuses(() => queueAdd({ ...ok, penalty: -1 }), 'penalty');
    refuses(() => queueAdd({ ...ok, queue: 'sup port' }), 'queue');
    refuses(() => queueAdd({ ...ok, interface: '201' }), 'interface');
    refuses(() => queuePause({ interface: 'PJSIP/201', paused: true, reason: 'a\r\nAction: Logoff' }), 'reason');
    refuses(() => queuePause({ interface: 'PJSIP/201', paused: 'yes' as never }), 'paused');
  });
});

describe('supervise (ChanSpy)', () => {
  test('listen, whisper and barge originate the supervisor into ChanSpy on one channel', () => {
    const input = { supervisorDevice: 'PJSIP/203', target: 'PJSIP/201-0000000f' };
    for (const [mode, options] of [['listen', 'qES'], ['whisper', 'qESw'], ['barge', 'qESB']] as const) {
      assert.equal(
        frame(supervise({ ...input, mode })),
        lines('Action: Originate', 'Channel: PJSIP/203', 'Application: ChanSpy', `Data: PJSIP/201-0000000f,${options}`, 'Timeout: 30000', 'Async: true', 'ActionID: id-1'),
        mode,
      );
    }
    assert.match(
      frame(supervise({ ...input, target: 'PJSIP/201-', mode: 'listen', callerIdName: 'Listen 201', callerIdNumber: '201', token: 'spy-1' })),
      /\r\nData: PJSIP\/201-,qES\r\nCallerID: "Listen 201" <201>\r\nTimeout: 30000\r\nAsync: true\r\nVariable: __SWITCHBOARD_ORIGINATE=spy-1\r\n/,
    );
  });

  test('no comma, pipe or line break gets into the ChanSpy argument', () => {
    for (const target of ['PJSIP/201,qB', 'PJSIP/201|B', 'PJSIP/201\r\nAction: Logoff', 'PJSIP/201)', 'PJSIP/201 x']) {
      refuses(() => supervise({ supervisorDevice: 'PJSIP/203', target, mode: 'listen' }), 'target');
    }
    refuses(() => supervise({ supervisorDevice: 'PJSIP/203', target: 'PJSIP/201-', mode: 'steal' as never }), 'mode');
    refuses(() => supervise({ supervisorDevice: 'PJSIP/203', target: 'PJSIP/201-', mode: 'listen', callerIdName: 'x' }), 'callerIdNumber');
    refuses(() => supervise({ supervisorDevice: 'PJSIP/203,', target: 'PJSIP/201-', mode: 'listen' }), 'supervisorDevice');
  });
});

describe('answer remotely', () => {
  test('PJSIPNotify / SIPnotify with Event: talk', () => {
    assert.equal(frame(answerPjsip({ endpoint: '201' })), lines('Action: PJSIPNotify', 'Endpoint: 201', 'Variable: Event=talk', 'ActionID: id-1'));
    assert.equal(frame(answerChanSip({ peer: '201' })), lines('Action: SIPnotify', 'Channel: SIP/201', 'Variable: Event=talk', 'ActionID: id-1'));
    assert.deepEqual(answerRemotely({ technology: 'PJSIP', endpoint: '201' }), answerPjsip({ endpoint: '201' }));
    assert.deepEqual(answerRemotely({ technology: 'SIP', endpoint: '201' }), answerChanSip({ peer: '201' }));
  });

  test('refuses what is not an endpoint name', () => {
    refuses(() => answerPjsip({ endpoint: 'PJSIP/201' }), 'endpoint');
    refuses(() => answerPjsip({ endpoint: '201\r\nAction: Logoff' }), 'endpoint');
    refuses(() => answerChanSip({ peer: '' }), 'peer');
    refuses(() => answerRemotely({ technology: 'IAX2' as never, endpoint: '201' }), 'technology');
  });
});

describe('no input can break a frame or an application argument', () => {
  const hostile = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 24 }),
    fc.string({ unit: fc.constantFrom(...[...'\r\n,|;:/@()"\'\\<>${}[]= \t\0\u0085\u2028aZ09+*#-._']), maxLength: 16 }),
    fc.constantFrom('\r\nAction: Logoff', 'PJSIP/201\r\nAction: Hangup\r\nChannel: /.*/', 'PJSIP/201,qB', '201\n', '\r', '/.*/', ''),
  );
  const near = (valid: string) => fc.oneof(fc.constant(valid), hostile, hostile.map((h) => valid + h), hostile.map((h) => h + valid));
  /** Usually one input spoiled and the rest valid (so each field's check is reached), sometimes all at once. */
  const inputsFor = (valid: string[]) =>
    fc.oneof(
      {
        weight: 3,
        arbitrary: fc
          .tuple(fc.nat({ max: valid.length - 1 }), hostile, fc.constantFrom('replace', 'append', 'prepend'))
          .map(([i, h, how]) => valid.map((v, j) => (j !== i ? v : how === 'replace' ? h : how === 'append' ? v + h : h + v))),
      },
      { weight: 1, arbitrary: fc.tuple(...valid.map(near)) },
    );
  const at = new Date('2025-03-04T05:06:07Z');

  /** Each builder with its string inputs' valid examples and the line count of every frame it builds. */
  const cases: { name: string; valid: string[]; lines: number; build: (s: string[]) => AmiCommand }[] = [
    {
      name: 'clickToCall',
      valid: ['PJSIP/201', '201', 'Kari Nordmann', '+4799887766', 'tok-1', 'from-internal', 'v'],
      lines: 11,
      build: ([device, extension, displayName, number, token, context, v]) =>
        clickToCall({ device: device!, extension: extension!, displayName: displayName!, number: number!, token: token!, context: context!, variables: { __X: v! } }),
    },
    {
      name: 'pickupParked',
      valid: ['PJSIP/202', '202', 'Ext 202', '701'],
      lines: 9,
      build: ([device, extension, displayName, space]) => pickupParked({ device: device!, extension: extension!, displayName: displayName!, space: space! }),
    },
    { name: 'hangup', valid: ['PJSIP/201-0000000a'], lines: 3, build: ([channel]) => hangup({ channel: channel! }) },
    { name: 'blindTransfer', valid: ['PJSIP/201-00000016', '202', 'from-internal'], lines: 5, build: ([channel, exten, context]) => blindTransfer({ channel: channel!, exten: exten!, context: context! }) },
    {
      name: 'redirect',
      valid: ['PJSIP/provider-00000018', '202', 'PJSIP/201-00000019'],
      lines: 10,
      build: ([channel, exten, extraChannel]) => redirect({ channel: channel!, exten: exten!, extraChannel: extraChannel! }),
    },
    { name: 'attendedTransfer', valid: ['PJSIP/201-00000001', '202'], lines: 5, build: ([channel, exten]) => attendedTransfer({ channel: channel!, exten: exten! }) },
    {
      name: 'park',
      valid: ['PJSIP/provider-00000012', 'PJSIP/201-00000013', 'default'],
      lines: 5,
      build: ([channel, timeoutChannel, parkingLot]) => park({ channel: channel!, timeoutChannel: timeoutChannel!, parkingLot: parkingLot! }),
    },
    {
      name: 'startRecording',
      valid: ['PJSIP/201-0000000a', 'call-9', 'wav'],
      lines: 5,
      build: ([channel, callId, format]) => startRecording({ channel: channel!, callId: callId!, format: format!, startedAt: at, options: { bridgedOnly: true } }),
    },
    { name: 'stopRecording', valid: ['PJSIP/201-0000000a', '0x1'], lines: 4, build: ([channel, id]) => stopRecording({ channel: channel!, mixMonitorId: id! }) },
    { name: 'pauseRecording', valid: ['PJSIP/201-0000000a'], lines: 5, build: ([channel]) => pauseRecording({ channel: channel! }) },
    { name: 'setDnd', valid: ['201'], lines: 5, build: ([ext]) => setDnd(ext!, true) },
    { name: 'setForward number', valid: ['201', '+4799887766'], lines: 5, build: ([ext, number]) => setForward(ext!, 'busy', { kind: 'number', number: number! }) },
    { name: 'setForward voicemail', valid: ['201', '201'], lines: 5, build: ([ext, mailbox]) => setForward(ext!, 'unconditional', { kind: 'voicemail', mailbox: mailbox! }) },
    { name: 'dndDeviceState', valid: ['201', '201'], lines: 4, build: ([ext, device]) => dndDeviceStateCommands(ext!, true, [device!])[1]! },
    {
      name: 'queueAdd',
      valid: ['600', 'Local/201@from-queue/n', 'Kari Nordmann', 'hint:201@ext-local', 'Lunsj'],
      lines: 9,
      build: ([queue, iface, memberName, stateInterface, reason]) =>
        queueAdd({ queue: queue!, interface: iface!, memberName: memberName!, stateInterface: stateInterface!, reason: reason! }),
    },
    { name: 'queuePause', valid: ['PJSIP/201', '600', 'Lunsj'], lines: 6, build: ([iface, queue, reason]) => queuePause({ interface: iface!, queue: queue!, paused: true, reason: reason! }) },
    {
      name: 'supervise',
      valid: ['PJSIP/203', 'PJSIP/201-0000000f', 'Listen', '201'],
      lines: 8,
      build: ([supervisorDevice, target, callerIdName, callerIdNumber]) =>
        supervise({ supervisorDevice: supervisorDevice!, target: target!, mode: 'barge', callerIdName: callerIdName!, callerIdNumber: callerIdNumber! }),
    },
    { name: 'answerPjsip', valid: ['201'], lines: 4, build: ([endpoint]) => answerPjsip({ endpoint: endpoint! }) },
  ];

  for (const c of cases) {
    test(`${c.name}: refuses with AmiCommandError, or renders exactly ${c.lines} well-formed lines`, () => {
      assert.equal(frame(c.build(c.valid)).split('\r\n').length - 2, c.lines, 'the valid example renders the expected line count');
      let built = 0;
      let refused = 0;
      fc.assert(
        fc.property(inputsFor(c.valid), (inputs) => {
          let cmd: AmiCommand;
          try {
            cmd = c.build(inputs);
          } catch (error) {
            if (!(error instanceof AmiCommandError)) throw error;
            refused++;
            return;
          }
          const parts = frame(cmd).split('\r\n');
          assert.equal(parts.length - 2, c.lines);
          assert.deepEqual(parts.slice(-2), ['', '']);
          for (const part of parts.slice(0, -2)) assert.match(part, /^[A-Za-z0-9_-]+: [^\r\n]*$/);
          // Application arguments: exactly one comma in ChanSpy data, none in options or variables.
          if (cmd.fields.Data !== undefined) assert.equal(String(cmd.fields.Data).split(',').length, 2);
          if (cmd.fields.Options !== undefined) assert.ok(!String(cmd.fields.Options).includes(','));
          for (const v of [cmd.fields.Variable].flat()) if (typeof v === 'string') assert.ok(!v.includes(','), v);
          built++;
        }),
        { numRuns: 300 },
      );
      assert.ok(built > 0 && refused > 0, `both outcomes exercised (built ${built}, refused ${refused})`);
    });
  }
});
