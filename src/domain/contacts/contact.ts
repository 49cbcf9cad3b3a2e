/** Phonebook entries as the domain sees them (storage adds ids, owners and normalized forms). */

export type NumberType = 'work' | 'mobile' | 'home' | 'fax' | 'other';
export const NUMBER_TYPES: readonly NumberType[] = ['work', 'mobile', 'home', 'fax', 'other'];

/**
 * private: only the owner sees it. public: everyone sees it. speeddial: private, and listed in
 * the owner's quick list. central: the company phonebook kept by admins and imports.
 */
export type Visibility = 'private' | 'public' | 'speeddial' | 'central';
export const VISIBILITIES: readonly Visibility[] = ['private', 'public', 'speeddial', 'central'];

export interface ContactNumberInput {
  type: NumberType;
  /** As typed or imported; normalization happens when it is stored. */
  number: string;
}

export interface ContactInput {
  name: string;
  company?: string;
  numbers: ContactNumberInput[];
  email?: string;
  address?: string;
  notes?: string;
}
