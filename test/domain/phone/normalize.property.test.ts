import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  Metadata,
  getCountryCallingCode,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/max';
import {
  compileNumbering,
  formatForDisplay,
  type NumberNormalizer,
} from '../../../src/domain/phone/normalize.js';

const REGIONS = ['NO', 'DE', 'IT', 'CH'] as const;
type Region = (typeof REGIONS)[number];
const EXTENSIONS = '\\d{3,4}';

const plain = compile('');
const withPrefix = compile('0');

function compile(outsideLinePrefix: string): Record<Region, NumberNormalizer> {
  return Object.fromEntries(
    REGIONS.map((r) => [r, compileNumbering({ defaultRegion: r, outsideLinePrefix, extensionPattern: EXTENSIONS })]),
  ) as Record<Region, NumberNormalizer>;
}

interface Sample {
  region: Region;
  e164: string;
  international: string;
  national: string;
}

/**
 * Valid numbers of one region: random national significant numbers of the region's possible
 * lengths, kept when libphonenumber's full metadata calls them valid. National forms short
 * enough to look like an extension are left out; those are internal by configuration.
 */
function validNumberIn(region: Region): fc.Arbitrary<Sample> {
  const metadata = new Metadata();
  metadata.selectNumberingPlan(region);
  const lengths = metadata.numberingPlan?.possibleLengths() ?? [];
  const callingCode = getCountryCallingCode(region);
  return fc
    .constantFrom(...lengths)
    .chain((length) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }))
    .map((digits) => parsePhoneNumberFromString(`+${callingCode}${digits.join('')}`))
    .filter((n) => n !== undefined && n.isValid() && n.formatNational().replace(/\D/g, '').length > 4)
    .map((n) => ({
      region,
      e164: n!.number,
      international: n!.formatInternational(),
      national: n!.formatNational(),
    }));
}

const anyValidNumber = fc.oneof(...REGIONS.map(validNumberIn));
const anyRegion = fc.constantFrom(...REGIONS);

describe('normalize properties', () => {
  test('+, 00 and national forms of a valid number all give its E.164', () => {
    fc.assert(
      fc.property(anyValidNumber, ({ region, e164, international, national }) => {
        const normalizer = plain[region];
        const doubleZero = `00${international.slice(1)}`;
        for (const written of [e164, international, doubleZero, national]) {
          assert.equal(normalizer.normalize(written).e164, e164, written);
        }
      }),
      { numRuns: 400 },
    );
  });

  test('international forms read the same from any default region', () => {
    fc.assert(
      fc.property(anyValidNumber, anyRegion, ({ e164, international }, reader) => {
        assert.equal(plain[reader].normalize(international).e164, e164);
        assert.equal(plain[reader].normalize(`00${e164.slice(1)}`).e164, e164);
      }),
      { numRuns: 300 },
    );
  });

  test('an outside-line prefix never changes how typed forms read', () => {
    fc.assert(
      fc.property(anyValidNumber, ({ region, e164, international, national }) => {
        const normalizer = withPrefix[region];
        for (const written of [e164, international, `00${e164.slice(1)}`, national]) {
          assert.equal(normalizer.normalize(written, 'entered').e164, e164, written);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('the PBX reading strips the outside-line prefix from national and 00 forms', () => {
    fc.assert(
      fc.property(anyValidNumber, ({ region, e164, national }) => {
        const normalizer = withPrefix[region];
        assert.equal(normalizer.normalize(`0${national}`, 'pbx').e164, e164);
        assert.equal(normalizer.normalize(`0 00${e164.slice(1)}`, 'pbx').e164, e164);
      }),
      { numRuns: 300 },
    );
  });

  test('normalizing the E.164 output again is a fixed point', () => {
    fc.assert(
      fc.property(anyValidNumber, anyRegion, ({ national, region }, reader) => {
        const first = plain[region].normalize(national);
        assert.ok(first.e164);
        const again = plain[reader].normalize(first.e164);
        assert.deepEqual({ ...again, raw: first.raw }, first);
      }),
      { numRuns: 300 },
    );
  });

  test('what formatForDisplay shows reads back to the same number', () => {
    fc.assert(
      fc.property(anyValidNumber, anyRegion, ({ e164 }, viewer) => {
        const shown = formatForDisplay(plain[viewer].normalize(e164), viewer as CountryCode);
        assert.equal(plain[viewer].normalize(shown).e164, e164, shown);
      }),
      { numRuns: 300 },
    );
  });

  test('any input: never throws, keeps raw, and the result is consistent', () => {
    const extension = new RegExp(`^(?:${EXTENSIONS})$`, 'u');
    const input = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.stringMatching(/^[+0-9 ()\-./]{0,30}$/),
      fc.stringMatching(/^(tel:|sip:|<sip:)?[+0-9a-z%;=@.]{0,30}>?$/),
    );
    fc.assert(
      fc.property(input, anyRegion, fc.constantFrom('entered', 'pbx' as const), (raw, region, origin) => {
        const n = withPrefix[region].normalize(raw, origin);
        assert.equal(n.raw, raw);
        switch (n.kind) {
          case 'external':
            assert.ok(n.e164 !== null && /^\+[1-9]\d{1,14}$/.test(n.e164));
            assert.equal(n.digits, n.e164.slice(1));
            assert.equal(n.reason, undefined);
            break;
          case 'internal':
            assert.equal(n.e164, null);
            assert.match(n.digits, extension);
            assert.equal(n.reason, undefined);
            break;
          case 'invalid':
            assert.equal(n.e164, null);
            assert.ok(n.reason);
            assert.match(n.digits, /^\d*$/);
            break;
        }
      }),
      { numRuns: 2000 },
    );
  });
});
