import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { effectiveTemplate, fillUrlTemplate } from '../../web/src/lib/url-template.js';

const values = { callerName: 'Ola Nordmann & Co', callerNumber: '+47 22 33 44 55', called: '100' };

describe('parameterized popup URL', () => {
  test('fills every placeholder, URL-encoded', () => {
    const url = fillUrlTemplate('https://crm.example/search?name=$CALLER_NAME&nr=$CALLER_NUMBER&to=$CALLED', values);
    assert.equal(url, 'https://crm.example/search?name=Ola%20Nordmann%20%26%20Co&nr=%2B47%2022%2033%2044%2055&to=100');
  });

  test('a placeholder may appear twice, and missing values become empty', () => {
    const url = fillUrlTemplate('http://crm.local/$CALLER_NUMBER?again=$CALLER_NUMBER&n=$CALLER_NAME', { callerName: null, callerNumber: '123', called: undefined });
    assert.equal(url, 'http://crm.local/123?again=123&n=');
  });

  test('a value cannot escape its place: slashes, hashes and quotes are encoded', () => {
    const url = fillUrlTemplate('https://crm.example/?q=$CALLER_NAME', { ...values, callerName: '"/><script>#x?y=1' });
    assert.equal(url, 'https://crm.example/?q=%22%2F%3E%3Cscript%3E%23x%3Fy%3D1');
  });

  test('refuses anything that is not http or https after filling', () => {
    assert.equal(fillUrlTemplate('javascript:alert($CALLER_NAME)', values), null);
    assert.equal(fillUrlTemplate('  JavaScript:alert(1)', values), null);
    assert.equal(fillUrlTemplate('data:text/html,$CALLER_NAME', values), null);
    assert.equal(fillUrlTemplate('ftp://files.example/$CALLER_NUMBER', values), null);
    assert.equal(fillUrlTemplate('$CALLER_NAME', { ...values, callerName: 'javascript:alert(1)' }), null);
    assert.equal(fillUrlTemplate('/relative/$CALLER_NUMBER', values), null);
    assert.equal(fillUrlTemplate('', values), null);
    assert.equal(fillUrlTemplate(null, values), null);
  });

  test('the user template wins over the default; blank means none', () => {
    assert.equal(effectiveTemplate('https://a.example/', 'https://b.example/'), 'https://a.example/');
    assert.equal(effectiveTemplate(null, 'https://b.example/'), 'https://b.example/');
    assert.equal(effectiveTemplate(null, null), null);
    assert.equal(effectiveTemplate('   ', 'https://b.example/'), null);
  });
});
