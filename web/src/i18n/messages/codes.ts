import type { Messages } from '../catalog';

const en = {
  title: 'codes',
};

export const codes: Messages<typeof en> = {
  en,
  nb: { title: 'codes' },
  de: { title: 'codes' },
  it: { title: 'codes' },
};
