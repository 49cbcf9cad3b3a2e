import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hexDigestMatches, hmacHex, signNativeBody } from '../../../src/telephony/webhook/signature.js';

describe('HMAC helpers', () => {
  test('hmacHex matches the example in Placetel\'s documentation', () => {
    const body = 'call_id=4a4cbb39578170aed9a2761a7bec8c7e704a541f52291ef603d6f5f152980c3c&event=CallAccepted&from=0123456789&to=0987654321';
    assert.equal(hmacHex('12345', body), 'c4f823c5b8806432fe2b83b1fc2ee714422e0cdfb4b5129152a7d0bbcd7792d0');
  });

  test('a timestamp is signed as "<timestamp>."', () => {
    assert.equal(hmacHex('k', '{}', '1714644000'), hmacHex('k', '1714644000.{}'));
    assert.equal(signNativeBody('k', '{}', 1714644000), `sha256=${hmacHex('k', '1714644000.{}')}`);
  });

  test('buffers and strings sign the same bytes', () => {
    assert.equal(hmacHex('k', Buffer.from('Grüße', 'utf8')), hmacHex('k', 'Grüße'));
  });

  test('hexDigestMatches refuses anything but 64 hex digits', () => {
    const digest = hmacHex('k', 'x');
    assert.equal(hexDigestMatches(digest, digest), true);
    assert.equal(hexDigestMatches(digest.toUpperCase(), digest), true);
    assert.equal(hexDigestMatches(digest.slice(0, 63), digest), false);
    assert.equal(hexDigestMatches(`${digest}00`, digest), false);
    assert.equal(hexDigestMatches(`${digest.slice(0, 63)}g`, digest), false);
    assert.equal(hexDigestMatches(hmacHex('k', 'y'), digest), false);
  });
});
