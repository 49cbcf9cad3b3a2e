import type { Messages } from '../catalog';

const en = {
  title: 'settings',
};

export const settings: Messages<typeof en> = {
  en,
  nb: { title: 'settings' },
  de: { title: 'settings' },
  it: { title: 'settings' },
};
