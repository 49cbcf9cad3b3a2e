import type { NumbersReport } from '../../../../src/numbers/numbering-service.js';

export type { NumbersReport };
/** As the form holds it: the region is any text until the server has checked it. */
export type NumberingSettings = Omit<NumbersReport['settings'], 'defaultRegion'> & { defaultRegion: string };
export type NumberingField = keyof NumberingSettings;

const FIELDS: NumberingField[] = ['defaultRegion', 'outsideLinePrefix', 'extensionPattern'];

/** Which field a server message is about: it starts "numbering.<key>:" or "<key>:". */
export function fieldOfMessage(message: string): NumberingField | null {
  const match = /^(?:numbering\.)?(\w+):/.exec(message);
  const key = match?.[1];
  return key && (FIELDS as string[]).includes(key) ? (key as NumberingField) : null;
}
