import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { CallEvent } from '../../../src/domain/calls/call-event.js';
import { ringDurationMs, talkDurationMs, type Call } from '../../../src/domain/calls/call.js';
import { CallTracker } from '../../../src/domain/calls/tracker.js';
import { AmiCallTranslator } from '../../../src/telephony/ami/call-translator.js';
import { acceptsEvent } from '../../../src/telephony/ami/event-filter.js';
import { DeviceMap } from '../../../src/telephony/ami/device-map.js';
import { AmiFrameParser, type AmiMessage } from '../../../src/telephony/ami/frame-parser.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/ami/', import.meta.url));
const FOLDERS = { local: '', pjsip: 'pjsip/' } as const;

function messages(file: string, options: { chunks?: number[]; filtered?: boolean } = {}): AmiMessage[] {
  const bytes = readFileSync(FIXTURES + file);
  const out: AmiMessage[] = [];
  const parser = new AmiFrameParser({ onMessage: (m) => out.push(m), acceptEvent: options.filtered ? acceptsEvent : undefined });
  if (!options.chunks) parser.push(bytes);
  else {
    let at = 0;
    for (let i = 0; at < bytes.length; i++) {
      const size = options.chunks[i % options.chunks.length] as number;
      parser.push(bytes.subarray(at, at + size));
      at += size;
    }
  }
  return out;
}

/** A pause in the scenario: the clock moves on by `seconds` just before the first message that matches. */
interface Pause {
  seconds: number;
  before: (m: AmiMessage) => boolean;
}

const upOf = (pattern: RegExp) => (m: AmiMessage) => m.name === 'Newstate' && m.fields.ChannelStateDesc === 'Up' && pattern.test(m.fields.Channel ?? '');
const firstHangup = (m: AmiMessage) => m.name === 'Hangup' || m.name === 'HangupRequest' || m.name === 'SoftHangupRequest';

interface Replay {
  events: CallEvent[];
  calls: Call[];
  open: Call[];
  translator: AmiCallTranslator;
}

/** The recording through parser → translator → the core tracker, as the server runs them. */
function replay(list: AmiMessage[], pauses: Pause[] = []): Replay {
  let now = 1_000_000;
  const translator = new AmiCallTranslator({ source: 'pbx', clock: () => now });
  const tracker = new CallTracker();
  const events: CallEvent[] = [];
  const calls: Call[] = [];
  const pending = [...pauses];
  for (const message of list) {
    now += 1;
    const index = pending.findIndex((p) => p.before(message));
    if (index >= 0) now += (pending.splice(index, 1)[0] as Pause).seconds * 1000;
    for (const event of translator.handle(message)) {
      events.push(event);
      for (const update of tracker.apply(event)) if (update.change === 'ended') calls.push(update.call);
    }
  }
  return { events, calls, open: tracker.active(), translator };
}

/** A call as a person would tell it. */
function describeCall(call: Call) {
  return {
    direction: call.direction,
    remote: call.remoteNumber,
    name: call.remoteName,
    dialed: call.localNumber,
    queue: call.queue,
    outcome: call.outcome,
    cause: call.cause,
    answeredBy: call.answeredBy,
    legs: call.legs.map((leg) => `${leg.extension} ${leg.answeredAt === undefined ? 'not answered' : 'answered'}, ${leg.cause}`),
  };
}

const KARI = { direction: 'inbound' as const, remote: '+4722334455', name: 'Kari Nordmann', queue: undefined };
const TO_201 = { ...KARI, dialed: '4722000201' };
const OUT = { direction: 'outbound' as const, remote: '4799887766', name: undefined, dialed: undefined, queue: undefined };

interface Scenario {
  says: string;
  expected: ReturnType<typeof describeCall>;
  pauses?: Pause[];
  /** Ring and talk time in seconds, when the scenario is about how long. */
  ringSeconds?: number;
  talkSeconds?: number;
}

const SCENARIOS: Record<string, Scenario> = {
  'inbound-answered': {
    says: 'Kari calls 201; 201 rings 3 s, answers, talks 6 s',
    pauses: [
      { seconds: 3, before: upOf(/^(PJSIP\/201-|Local\/201@phones-.*;2)/) },
      { seconds: 6, before: firstHangup },
    ],
    ringSeconds: 3,
    talkSeconds: 6,
    expected: { ...TO_201, outcome: 'answered', cause: 'completed', answeredBy: '201', legs: ['201 answered, completed'] },
  },
  'inbound-missed-noanswer': {
    says: '201 never answers; the PBX gives up after 15 s',
    pauses: [{ seconds: 15, before: firstHangup }],
    ringSeconds: 15,
    expected: { ...TO_201, outcome: 'missed', cause: 'noanswer', answeredBy: undefined, legs: ['201 not answered, noanswer'] },
  },
  'inbound-missed-abandoned': {
    says: 'Kari hangs up after 8 s of ringing',
    pauses: [{ seconds: 8, before: firstHangup }],
    ringSeconds: 8,
    expected: { ...TO_201, outcome: 'missed', cause: 'cancelled', answeredBy: undefined, legs: ['201 not answered, cancelled'] },
  },
  'inbound-busy': {
    says: '201 is busy',
    expected: { ...TO_201, outcome: 'missed', cause: 'busy', answeredBy: undefined, legs: ['201 not answered, busy'] },
  },
  'inbound-queue': {
    says: 'Kari calls the support queue; 201 and 202 ring; 202 answers after 3 s',
    pauses: [{ seconds: 3, before: upOf(/^(PJSIP\/202-|Local\/202@phones-.*;2)/) }],
    expected: {
      ...KARI,
      dialed: '4722000600',
      queue: 'support',
      outcome: 'answered',
      cause: 'completed',
      answeredBy: '202',
      legs: ['201 not answered, answered_elsewhere', '202 answered, completed'],
    },
  },
  'outbound-direct': {
    says: '201 dials +4799887766; the far end answers after 3 s',
    pauses: [{ seconds: 3, before: upOf(/^(PJSIP\/provider-|Local\/4799887766@pstn-.*;1)/) }],
    ringSeconds: 3,
    expected: { ...OUT, outcome: 'answered', cause: 'completed', answeredBy: '201', legs: ['201 answered, completed'] },
  },
  'outbound-click2call': {
    says: 'click-to-call rings 201 first, then dials +4799887766, which answers',
    expected: { ...OUT, outcome: 'answered', cause: 'completed', answeredBy: '201', legs: ['201 answered, completed'] },
  },
  'inbound-parked': {
    says: '201 answers, parks the call; 202 picks it up from 701',
    expected: { ...TO_201, outcome: 'answered', cause: 'completed', answeredBy: '202', legs: ['201 answered, completed', '202 answered, completed'] },
  },
  'transfer-blind': {
    says: '201 answers, then blind-transfers Kari to 202',
    expected: { ...TO_201, outcome: 'answered', cause: 'completed', answeredBy: '202', legs: ['201 answered, completed', '202 answered, completed'] },
  },
  'transfer-redirect': {
    says: "Kari's leg is redirected from 201 to 202",
    expected: { ...TO_201, outcome: 'answered', cause: 'completed', answeredBy: '202', legs: ['201 answered, completed', '202 answered, completed'] },
  },
  'transfer-attended': {
    says: '201 consults 202, then hangs up to complete the transfer',
    expected: { ...TO_201, outcome: 'answered', cause: 'completed', answeredBy: '202', legs: ['201 answered, completed', '202 answered, completed'] },
  },
};

for (const [folderName, folder] of Object.entries(FOLDERS)) {
  describe(`AMI call tracking: ${folderName === 'local' ? 'Local-channel phones' : 'SIP phones'} (recorded Asterisk 22)`, () => {
    for (const [scenario, spec] of Object.entries(SCENARIOS)) {
      test(`${scenario}: ${spec.says}`, () => {
        const run = replay(messages(`${folder}${scenario}.ami`), spec.pauses);
        assert.deepEqual(run.calls.map(describeCall), [spec.expected]);
        assert.deepEqual(run.open, [], 'no call is left open');
        assert.deepEqual(run.translator.size, { channels: 0, calls: 0 }, 'nothing is held once every channel hung up');
        const call = run.calls[0] as Call;
        if (spec.ringSeconds !== undefined) assert.equal(Math.round((ringDurationMs(call) ?? 0) / 1000), spec.ringSeconds, 'ring time');
        if (spec.talkSeconds !== undefined) assert.equal(Math.round((talkDurationMs(call) ?? 0) / 1000), spec.talkSeconds, 'talk time');
        for (const event of run.events) {
          assert.equal(event.source, 'pbx');
          assert.equal(event.callId, call.callId, 'every event belongs to the one call');
        }
      });
    }

    test('the popup comes first: the first event of an inbound call already names the caller and the ringing phone', () => {
      const first = replay(messages(`${folder}inbound-answered.ami`)).events[0] as CallEvent;
      assert.equal(first.kind, 'ringing');
      assert.equal(first.extension, '201');
      assert.equal(first.remoteNumber, '+4722334455');
      assert.equal(first.remoteName, 'Kari Nordmann');
    });

    test('the same calls whatever the TCP reads were, and with the server\'s event filter (events it has no use for skipped unparsed)', () => {
      for (const scenario of Object.keys(SCENARIOS)) {
        const file = `${folder}${scenario}.ami`;
        const whole = replay(messages(file)).calls.map(describeCall);
        fc.assert(
          fc.property(fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 20 }), fc.boolean(), (chunks, filtered) => {
            assert.deepEqual(replay(messages(file, { chunks, filtered })).calls.map(describeCall), whole, scenario);
          }),
          { numRuns: 15 },
        );
      }
    });
  });
}

describe('AMI call tracking: edge cases', () => {
  const frame = (name: string, fields: Record<string, string>): AmiMessage => ({
    kind: 'event',
    name,
    fields: Object.assign(Object.create(null) as Record<string, string>, { Event: name, ...fields }),
    actionId: undefined,
    multi: undefined,
  });
  const channel = (name: string, uniqueid: string, linkedid: string, state: string, num = '', extra: Record<string, string> = {}) => ({
    Channel: name,
    Uniqueid: uniqueid,
    Linkedid: linkedid,
    ChannelState: state,
    CallerIDNum: num,
    CallerIDName: '',
    Exten: 's',
    ...extra,
  });
  const dest = (name: string, uniqueid: string, linkedid: string, state: string) => ({
    DestChannel: name,
    DestUniqueid: uniqueid,
    DestLinkedid: linkedid,
    DestChannelState: state,
  });

  test('an internal call is reported to the callee, with the caller extension as the number', () => {
    const translator = new AmiCallTranslator({ source: 'pbx', clock: () => 5 });
    const run = (m: AmiMessage) => [...translator.handle(m)];
    run(frame('Newchannel', channel('PJSIP/201-00000001', '1.1', '1.1', '4', '201', { CallerIDName: 'Anna', Exten: '202' })));
    run(frame('Newchannel', channel('PJSIP/202-00000002', '1.2', '1.1', '0', '202')));
    const ring = run(frame('DialBegin', { ...channel('PJSIP/201-00000001', '1.1', '1.1', '4', '201'), ...dest('PJSIP/202-00000002', '1.2', '1.1', '0') }));
    assert.deepEqual(ring.map((e) => [e.kind, e.extension, e.remoteNumber, e.remoteName, e.direction]), [['ringing', '202', '201', 'Anna', 'inbound']]);
    assert.deepEqual(run(frame('Newstate', channel('PJSIP/201-00000001', '1.1', '1.1', '6', '201'))), [], "the caller's own answer is not the call's");
    const answer = run(frame('Newstate', channel('PJSIP/202-00000002', '1.2', '1.1', '6', '202')));
    assert.deepEqual(answer.map((e) => [e.kind, e.extension]), [['answered', '202']]);
  });

  test('a call that never reaches a phone or a queue (an IVR the caller leaves) is logged when it ends, as an inbound call nobody answered, from when it came in', () => {
    const translator = new AmiCallTranslator({ source: 'pbx' });
    const at = (seconds: number) => ({ Timestamp: `${1796654700 + seconds}.000000` });
    const out = [
      frame('Newchannel', { ...channel('PJSIP/provider-00000001', '2.1', '2.1', '4', '+4722334455', { Exten: '4722000000' }), ...at(0) }),
      frame('Newstate', { ...channel('PJSIP/provider-00000001', '2.1', '2.1', '6', '+4722334455'), ...at(1) }),
      frame('Hangup', { ...channel('PJSIP/provider-00000001', '2.1', '2.1', '6', '+4722334455'), Cause: '16', ...at(40) }),
    ].flatMap((m) => [...translator.handle(m)]);
    const call = { source: 'pbx', callId: '2.1', direction: 'inbound', remoteNumber: '+4722334455', localNumber: '4722000000' };
    assert.deepEqual(out, [
      { ...call, kind: 'ringing', at: 1796654700_000 },
      { ...call, kind: 'ended', at: 1796654740_000, cause: 'cancelled' },
    ]);
    assert.deepEqual(translator.size, { channels: 0, calls: 0 });
  });

  test('an inbound call the PBX forwards straight out to another number is logged too; a phone calling out through a trunk is not mistaken for one', () => {
    const translator = new AmiCallTranslator({ source: 'pbx' });
    const caller = channel('PJSIP/provider-00000001', '4.1', '4.1', '4', '+4722334455', { Exten: '4722000000' });
    const out = channel('PJSIP/provider-00000002', '4.2', '4.1', '0', '4799887766');
    const dial = (name: string, extra: Record<string, string>) => frame(name, { ...caller, ...Object.fromEntries(Object.entries(out).map(([k, v]) => [`Dest${k}`, v])), ...extra });
    const events = [
      frame('Newchannel', caller),
      frame('Newchannel', out),
      dial('DialBegin', { DialString: 'provider/4799887766' }),
      dial('DialEnd', { DialStatus: 'NOANSWER' }),
      frame('Hangup', { ...out, Cause: '19' }),
      frame('Hangup', { ...caller, Cause: '16' }),
    ].flatMap((m) => [...translator.handle(m)]);
    assert.deepEqual(
      events.map((e) => [e.kind, e.direction, e.extension, e.remoteNumber, e.localNumber, e.cause]),
      [
        ['ringing', 'inbound', undefined, '+4722334455', '4722000000', undefined],
        ['ended', 'inbound', undefined, '+4722334455', '4722000000', 'noanswer'],
      ],
    );
  });

  test('a caller who leaves the queue before anyone rings is a missed queue call', () => {
    const translator = new AmiCallTranslator({ source: 'pbx' });
    const provider = channel('PJSIP/provider-00000001', '3.1', '3.1', '4', '+4722334455', { Exten: '4722000600' });
    const out = [
      frame('Newchannel', provider),
      frame('QueueCallerJoin', { ...provider, Queue: 'support', Position: '1', Count: '1' }),
      frame('QueueCallerAbandon', { ...provider, Queue: 'support' }),
      frame('Hangup', { ...provider, Cause: '16' }),
    ].flatMap((m) => [...translator.handle(m)]);
    assert.deepEqual(
      out.map((e) => [e.kind, e.queue, e.extension, e.cause]),
      [
        ['ringing', 'support', undefined, undefined],
        ['ended', 'support', undefined, 'cancelled'],
      ],
    );
  });

  test('events for a channel after its Hangup do not bring it back', () => {
    const translator = new AmiCallTranslator({ source: 'pbx' });
    const c = channel('PJSIP/201-00000009', '4.1', '4.1', '6', '201');
    translator.handle(frame('Newchannel', c));
    translator.handle(frame('Hangup', { ...c, Cause: '16' }));
    translator.handle(frame('NewCallerid', c));
    assert.deepEqual(translator.size, { channels: 0, calls: 0 });
  });

  test('events with missing or odd fields are ignored, never thrown', () => {
    const translator = new AmiCallTranslator({ source: 'pbx' });
    fc.assert(
      fc.property(
        fc.constantFrom('Newchannel', 'Newstate', 'DialBegin', 'DialEnd', 'DialState', 'Hangup', 'BridgeEnter', 'QueueCallerJoin', 'Rename', 'Hold'),
        fc.dictionary(
          fc.constantFrom('Channel', 'Uniqueid', 'Linkedid', 'ChannelState', 'DestChannel', 'DestUniqueid', 'DestLinkedid', 'DialStatus', 'Cause', 'Queue', 'Newname', 'Timestamp', 'Exten'),
          fc.oneof(fc.string(), fc.constantFrom('1.1', '1.2', 'PJSIP/201-00000001', 'PJSIP/provider-00000002', '6', '4', 'ANSWER')),
        ),
        (name, fields) => {
          for (const event of translator.handle(frame(name, fields))) assert.ok(Number.isFinite(event.at));
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('the PBX timestamp (timestampevents = yes) is the event time when present', () => {
    const translator = new AmiCallTranslator({ source: 'pbx', clock: () => 1 });
    translator.handle(frame('Newchannel', channel('PJSIP/provider-00000001', '5.1', '5.1', '4', '+4722334455')));
    translator.handle(frame('Newchannel', channel('PJSIP/201-00000002', '5.2', '5.1', '0', '201')));
    const [ring] = translator.handle(
      frame('DialBegin', { ...channel('PJSIP/provider-00000001', '5.1', '5.1', '4', '+4722334455'), ...dest('PJSIP/201-00000002', '5.2', '5.1', '0'), Timestamp: '1795433211.250000' }),
    );
    assert.equal(ring?.at, 1_795_433_211_250);
  });

  test('after a reconnect, calls in progress are picked up from CoreShowChannels', () => {
    const list = messages('actions-misc.ami').filter((m) => m.name === 'CoreShowChannel');
    assert.equal(list.length, 4);
    const translator = new AmiCallTranslator({ source: 'pbx' });
    const now = 2_000_000;
    const events = translator.restore(list, now);
    assert.deepEqual(
      events.map((e) => [e.kind, e.extension, e.remoteNumber, e.remoteName, e.direction, e.at]),
      [
        ['ringing', '201', '+4722334455', 'Kari Nordmann', 'inbound', now - 4000],
        ['answered', '201', '+4722334455', 'Kari Nordmann', 'inbound', now],
      ],
    );
    assert.deepEqual(translator.openCallIds(), ['1795431559.56']);
    // The rest of that recording is the same call going on live: it ends exactly once.
    const tracker = new CallTracker();
    for (const event of events) tracker.apply(event);
    const rest = messages('actions-misc.ami');
    const after = rest.slice(rest.findIndex((m) => m.name === 'CoreShowChannelsComplete') + 1);
    const ended = after.flatMap((m) => [...translator.handle(m)]).flatMap((e) => tracker.apply(e)).filter((u) => u.change === 'ended');
    assert.equal(ended.length, 1);
    assert.equal(ended[0]?.call.answeredBy, '201');
    assert.deepEqual(translator.size, { channels: 0, calls: 0 });
  });
});

describe('AMI device map', () => {
  const map = new DeviceMap();
  test('phones by technology and endpoint, Local pairs by extension, trunks by the rest', () => {
    assert.deepEqual(map.partyOf('PJSIP/201-0000000a'), { kind: 'phone', extension: '201' });
    assert.deepEqual(map.partyOf('SIP/2001-00000b1f'), { kind: 'phone', extension: '2001' });
    assert.deepEqual(map.partyOf('IAX2/201-1234'), { kind: 'phone', extension: '201' });
    assert.deepEqual(map.partyOf('Local/201@from-queue-00000001;1'), { kind: 'phone', extension: '201' });
    assert.deepEqual(map.partyOf('Local/201@from-queue-00000001;2'), { kind: 'phone', extension: '201' });
    assert.deepEqual(map.partyOf('PJSIP/provider-00000003'), { kind: 'trunk' });
    assert.deepEqual(map.partyOf('DAHDI/1-1'), { kind: 'trunk' });
    assert.deepEqual(map.partyOf('Local/4722000201@from-trunk-00000000;2'), { kind: 'trunk' });
    assert.deepEqual(map.partyOf('Local/4799887766@from-internal-0000000b;2'), { kind: 'other' }, 'a number, not an extension');
    assert.deepEqual(map.partyOf('Parked/PJSIP/provider-00000012'), { kind: 'other' });
  });

  test('admins add their own rules in front of the defaults', () => {
    const own = DeviceMap.fromConfig(['phone:^PJSIP/(?<ext>\\d+)-desk-[0-9a-f]+$', 'trunk:^PJSIP/4722000000-']);
    assert.deepEqual(own.partyOf('PJSIP/201-desk-0000000a'), { kind: 'phone', extension: '201' });
    assert.deepEqual(own.partyOf('PJSIP/4722000000-00000001'), { kind: 'trunk' });
    assert.deepEqual(own.partyOf('PJSIP/202-0000000b'), { kind: 'phone', extension: '202' });
    assert.throws(() => DeviceMap.fromConfig(['phone:^PJSIP/\\d+']), /named group \(\?<ext>/);
    assert.throws(() => DeviceMap.fromConfig(['desk:^x']), /device rule "desk:\^x"/);
    assert.throws(() => DeviceMap.fromConfig(['trunk:(']), /device rule "trunk:\("/);
  });

  test('the device to dial a phone on, from one of its channels', () => {
    assert.equal(DeviceMap.deviceOf('PJSIP/201-0000000a'), 'PJSIP/201');
    assert.equal(DeviceMap.deviceOf('Local/201@phones-00000001;1'), 'Local/201@phones');
    assert.equal(DeviceMap.deviceOf('PJSIP/provider-00000003'), 'PJSIP/provider');
  });
});
