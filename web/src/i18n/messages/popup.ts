import type { Messages } from '../catalog';

const en = {
  title: 'popup',
};

export const popup: Messages<typeof en> = {
  en,
  nb: { title: 'popup' },
  de: { title: 'popup' },
  it: { title: 'popup' },
};
