import type { Messages } from '../catalog';

const en = {
  title: 'admin',
};

export const admin: Messages<typeof en> = {
  en,
  nb: { title: 'admin' },
  de: { title: 'admin' },
  it: { title: 'admin' },
};
