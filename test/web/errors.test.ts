import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../web/src/api/client';
import { translate, type MessageKey, type Params } from '../../web/src/i18n/i18n';
import { errorText } from '../../web/src/lib/errors';

const inLanguage = (language: 'en' | 'nb') => ({ t: (key: MessageKey, params?: Params) => translate(language, key, params) });

test("the API's error codes become sentences in the user's language, keeping the server's detail where it names the field", () => {
  assert.equal(errorText(new ApiError(400, 'invalid', 'email: invalid email'), inLanguage('en')), 'Please check what you entered: email: invalid email');
  assert.equal(errorText(new ApiError(400, 'invalid_number', '"12" cannot be dialed: it has too few digits'), inLanguage('nb')), 'Dette nummeret kan ikke ringes: "12" cannot be dialed: it has too few digits');
  assert.equal(errorText(new ApiError(403, 'forbidden', 'you may not do this'), inLanguage('nb')), 'Du har ikke lov til å gjøre dette.');
  assert.equal(errorText(new ApiError(0, 'network', 'Failed to fetch'), inLanguage('en')), 'The server cannot be reached.');
  assert.equal(errorText(new ApiError(409, 'conflict', 'taken'), inLanguage('en')), 'Something went wrong: taken');
  assert.equal(errorText(new Error('boom'), inLanguage('en')), 'Something went wrong: boom');
});
