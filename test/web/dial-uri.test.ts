import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isHandlerLoop, parseDialUri, rawQueryParam, uriScheme } from '../../web/src/lib/dial-uri';

const ok = (number: string, scheme: 'tel' | 'sip' | 'callto' | null) => ({ ok: true, number, scheme });

test('tel: links give the number before any parameter, without visual separators', () => {
  assert.deepEqual(parseDialUri('tel:+4722334455'), ok('+4722334455', 'tel'));
  assert.deepEqual(parseDialUri('tel:+47-22-33-44-55'), ok('+4722334455', 'tel'));
  assert.deepEqual(parseDialUri('TEL:+49 (0)30 1234.567'), ok('+49301234567', 'tel'));
  assert.deepEqual(parseDialUri('tel:7042;phone-context=example.com'), ok('7042', 'tel'));
  assert.deepEqual(parseDialUri('tel:+1-201-555-0123;ext=1234'), ok('+12015550123', 'tel'));
  assert.deepEqual(parseDialUri('tel:%2B47%2022%2033%2044%2055'), ok('+4722334455', 'tel'));
  assert.deepEqual(parseDialUri('tel://004722334455'), ok('004722334455', 'tel'));
  assert.deepEqual(parseDialUri('  tel:*21#  '), ok('*21#', 'tel'));
});

test('sip: and sips: links give the user part, without user parameters, URI parameters or headers', () => {
  assert.deepEqual(parseDialUri('sip:201@pbx.example.com'), ok('201', 'sip'));
  assert.deepEqual(parseDialUri('sips:+4722334455@example.com;transport=tls'), ok('+4722334455', 'sip'));
  assert.deepEqual(parseDialUri('sip:+4722334455;phone-context=example.com@example.com;user=phone'), ok('+4722334455', 'sip'));
  assert.deepEqual(parseDialUri('sip:0221234567@example.com?subject=hello'), ok('0221234567', 'sip'));
  assert.deepEqual(parseDialUri('sip:201'), ok('201', 'sip'));
  assert.deepEqual(parseDialUri('sip:alice@example.com'), { ok: false, reason: 'notANumber', scheme: 'sip' });
});

test('callto: links and plain numbers', () => {
  assert.deepEqual(parseDialUri('callto:+4722334455'), ok('+4722334455', 'callto'));
  assert.deepEqual(parseDialUri('callto://+49 30 123456'), ok('+4930123456', 'callto'));
  assert.deepEqual(parseDialUri('callto:echo123'), { ok: false, reason: 'notANumber', scheme: 'callto' });
  assert.deepEqual(parseDialUri('+47 22 33 44 55'), ok('+4722334455', null));
  assert.deepEqual(parseDialUri('030 / 123 45-6'), ok('030123456', null));
  assert.deepEqual(parseDialUri('201'), ok('201', null));
});

test('a link encoded twice is decoded once more', () => {
  assert.deepEqual(parseDialUri('tel%3A%2B4722334455'), ok('+4722334455', 'tel'));
});

test('empty, unknown schemes and non-numbers are refused with a reason', () => {
  assert.deepEqual(parseDialUri(''), { ok: false, reason: 'empty', scheme: null });
  assert.deepEqual(parseDialUri(null), { ok: false, reason: 'empty', scheme: null });
  assert.deepEqual(parseDialUri('   '), { ok: false, reason: 'empty', scheme: null });
  assert.deepEqual(parseDialUri('mailto:kari@example.com'), { ok: false, reason: 'scheme', scheme: 'mailto' });
  assert.deepEqual(parseDialUri('javascript:alert(1)'), { ok: false, reason: 'scheme', scheme: 'javascript' });
  assert.deepEqual(parseDialUri('Kari Nordmann'), { ok: false, reason: 'notANumber', scheme: null });
  assert.deepEqual(parseDialUri('tel:'), { ok: false, reason: 'notANumber', scheme: 'tel' });
  assert.deepEqual(parseDialUri('tel:%E0%A4%A'), { ok: false, reason: 'notANumber', scheme: 'tel' });
  assert.deepEqual(parseDialUri(`tel:${'1'.repeat(40)}`), { ok: false, reason: 'notANumber', scheme: 'tel' });
  assert.equal(parseDialUri(`tel:+47${'2'.repeat(600)}`).ok, false);
});

test('a dial URI whose scheme this browser hands back to Switchboard is a loop', () => {
  assert.equal(uriScheme('TEL:+47'), 'tel');
  assert.equal(uriScheme('+47'), null);
  assert.equal(isHandlerLoop('tel:+4722334455', ['tel', 'sip']), true);
  assert.equal(isHandlerLoop('sips:201@pbx', ['sip']), true);
  assert.equal(isHandlerLoop('callto:+4722334455', ['tel', 'sip']), false);
  assert.equal(isHandlerLoop('tel:+4722334455', []), false);
  assert.equal(isHandlerLoop(null, ['tel']), false);
});

test('query parameters are read as sent, keeping a literal +', () => {
  assert.equal(rawQueryParam('?to=tel:+4722334455', 'to'), 'tel:+4722334455');
  assert.equal(rawQueryParam('?x=1&to=tel%3A%2B4722334455', 'to'), 'tel:+4722334455');
  assert.equal(rawQueryParam('?x=1', 'to'), null);
  assert.equal(rawQueryParam('', 'to'), null);
});
