import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { webhookReply } from '../../../src/telephony/webhook/reply.js';
import { fixture, formRequest, getRequest, jsonRequest, source } from './request-helpers.js';

const HOOK = 'https://switchboard.example.com/api/v1/hooks/sipgate?token=a&b';

describe('webhookReply', () => {
  test('a sipgate.io newCall is answered with XML subscribing the hook URL to answer and hangup', () => {
    const reply = webhookReply(formRequest(fixture('zammad/sipgate-newcall-group.form')), source({ dialect: 'zammad' }), HOOK);
    assert.deepEqual(reply, {
      contentType: 'application/xml',
      body:
        '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<Response onAnswer="https://switchboard.example.com/api/v1/hooks/sipgate?token=a&amp;b" ' +
        'onHangup="https://switchboard.example.com/api/v1/hooks/sipgate?token=a&amp;b"/>\n',
    });
  });

  test('JSON newCall too; other zammad events and other dialects need no reply', () => {
    assert.ok(webhookReply(jsonRequest(fixture('zammad/newcall-out.json')), source({ dialect: 'zammad' }), HOOK));
    assert.equal(webhookReply(formRequest(fixture('zammad/sipgate-hangup.form')), source({ dialect: 'zammad' }), HOOK), undefined);
    assert.equal(webhookReply(jsonRequest([]), source({ dialect: 'zammad' }), HOOK), undefined);
    assert.equal(webhookReply(formRequest(fixture('placetel/incoming.form')), source({ dialect: 'placetel' }), HOOK), undefined);
    assert.equal(webhookReply(getRequest('event=newCall'), source({ dialect: 'crmplus' }), HOOK), undefined);
  });
});
