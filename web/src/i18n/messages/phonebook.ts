import type { Messages } from '../catalog';

const en = {
  title: 'phonebook',
};

export const phonebook: Messages<typeof en> = {
  en,
  nb: { title: 'phonebook' },
  de: { title: 'phonebook' },
  it: { title: 'phonebook' },
};
