import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldText } from '../../../src/domain/text/fold.js';

test('folding makes case, accents and Nordic/German letters match what people type', () => {
  assert.equal(foldText('Åse Ødegård'), 'ase odegard');
  assert.equal(foldText('MÜLLER Straße'), 'muller strasse');
  assert.equal(foldText('Bjørn Ærø'), 'bjorn aero');
  assert.equal(foldText('Łukasz Đorđević'), 'lukasz dordevic');
  assert.equal(foldText('  Crème   brûlée\tAS '), 'creme brulee as');
  assert.equal(foldText('Nicolò'), 'nicolo');
});
