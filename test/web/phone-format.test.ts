import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatNumber } from '../../web/src/lib/phone-format';

test('numbers are shown as people in the home region write them; foreign ones with their country code', () => {
  assert.equal(formatNumber('+4722334455', 'NO'), '22 33 44 55');
  assert.equal(formatNumber('+4799887766', 'NO'), '99 88 77 66');
  assert.equal(formatNumber('+4930123456', 'NO'), '+49 30 123456');
  assert.equal(formatNumber('+4930123456', 'DE'), '030 123456');
  assert.equal(formatNumber('22334455', 'NO'), '22 33 44 55');
});

test('extensions, short codes and text stay exactly as they came', () => {
  assert.equal(formatNumber('201', 'NO'), '201');
  assert.equal(formatNumber('+47 123', 'NO'), '+47 123');
  assert.equal(formatNumber('anonymous', 'NO'), 'anonymous');
});
