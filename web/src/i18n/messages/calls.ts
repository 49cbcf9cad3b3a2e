import type { Messages } from '../catalog';

const en = {
  title: 'calls',
};

export const calls: Messages<typeof en> = {
  en,
  nb: { title: 'calls' },
  de: { title: 'calls' },
  it: { title: 'calls' },
};
