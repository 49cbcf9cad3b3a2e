import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileNumbering } from '../../src/domain/phone/normalize.js';
import { DEFAULT_NUMBERING } from '../../src/domain/phone/numbering.js';
import { ContactGenerator } from '../setup/contacts-gen.js';
import { callerIdForLocalForm, e164Of, NumberSource, nsnAt, PLANS, unknownNsn } from '../setup/numbers-gen.js';
import { Random } from '../setup/random.js';

const normalizer = compileNumbering(DEFAULT_NUMBERING);

describe('bench number plans', () => {
  test('indexes map to distinct numbers of the plan', () => {
    for (const plan of PLANS) {
      const seen = new Set<string>();
      for (let i = 0; i < 5000; i++) {
        const nsn = nsnAt(plan, i);
        assert.ok(nsn.startsWith(plan.lead), `${plan.id}: ${nsn}`);
        assert.equal(nsn.length, plan.lead.length + plan.free);
        seen.add(nsn);
      }
      assert.equal(seen.size, 5000, plan.id);
    }
  });

  test('unknown numbers are never handed out to contacts', () => {
    for (const plan of PLANS) {
      const used = new Set(Array.from({ length: 20000 }, (_, i) => nsnAt(plan, i)));
      for (let n = 0; n < 500; n++) assert.ok(!used.has(unknownNsn(plan, n)), `${plan.id} unknown ${n}`);
    }
  });

  test('international forms normalize to the plan number; foreign local forms do not, and map back', () => {
    const source = new NumberSource(new Random(1));
    for (const plan of PLANS) {
      let valid = 0;
      let local = 0;
      for (let i = 0; i < 400; i++) {
        const { raw, nsn } = source.next(plan);
        const n = normalizer.normalize(raw);
        if (n.e164) {
          assert.equal(n.e164, e164Of(plan, nsn), `${plan.id}: ${raw}`);
          valid++;
        } else {
          assert.notEqual(plan.country, 'NO', `Norwegian number ${raw} did not normalize (${n.reason})`);
          assert.equal(callerIdForLocalForm(n.digits), e164Of(plan, nsn), `${plan.id}: ${raw}`);
          local++;
        }
      }
      // Every plan is mostly readable; only foreign ones have unreadable local forms.
      assert.ok(valid > 300, `${plan.id}: only ${valid} of 400 normalized`);
      if (plan.country !== 'NO') assert.ok(local > 0, `${plan.id}: no local forms`);
    }
  });

  test('unknown callers are valid numbers (they reach the lookup)', () => {
    for (const plan of PLANS) {
      const n = normalizer.normalize(e164Of(plan, unknownNsn(plan, 3)), 'pbx');
      assert.equal(n.kind, 'external', plan.id);
    }
  });
});

describe('bench contact generator', () => {
  test('is deterministic and mixes visibilities, owners and number counts', () => {
    const a = new ContactGenerator(42, [7, 8, 9]);
    const b = new ContactGenerator(42, [7, 8, 9]);
    const contacts = Array.from({ length: 3000 }, () => a.next());
    assert.deepEqual(contacts.slice(0, 50), Array.from({ length: 50 }, () => b.next()));
    const central = contacts.filter((c) => c.visibility === 'central');
    assert.ok(central.length > 2300 && central.length < 2800, `central: ${central.length}`);
    assert.ok(central.every((c) => c.ownerId === null));
    assert.ok(contacts.filter((c) => c.visibility !== 'central').every((c) => c.ownerId !== null && [7, 8, 9].includes(c.ownerId)));
    const counts = new Set(contacts.map((c) => c.input.numbers.length));
    assert.deepEqual([...counts].sort(), [1, 2, 3]);
    assert.ok(contacts.some((c) => /[øåäöüèòù]/i.test(c.input.name)), 'names with diacritics');
    assert.ok(contacts.filter((c) => c.input.company).length > 1200);
  });
});
