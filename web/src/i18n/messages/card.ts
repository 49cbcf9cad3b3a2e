import type { Messages } from '../catalog';

const en = {
  title: 'card',
};

export const card: Messages<typeof en> = {
  en,
  nb: { title: 'card' },
  de: { title: 'card' },
  it: { title: 'card' },
};
