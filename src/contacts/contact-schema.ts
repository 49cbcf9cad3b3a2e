import { z } from 'zod';
import { NUMBER_TYPES, VISIBILITIES, type NumberType, type Visibility } from '../domain/contacts/contact.js';

/** What a contact may look like when it comes in over the API (validated at the edge). */
export const contactInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(200),
  company: z.string().trim().max(200).optional(),
  numbers: z
    .array(
      z.strictObject({
        type: z.enum(NUMBER_TYPES as [NumberType, ...NumberType[]]),
        number: z.string().trim().min(1, 'is required').max(64),
      }),
    )
    .max(20)
    .default([]),
  email: z.union([z.email().max(254), z.literal('')]).optional(),
  address: z.string().trim().max(500).optional(),
  notes: z.string().max(5000).optional(),
  visibility: z.enum(VISIBILITIES as [Visibility, ...Visibility[]]).default('private'),
});

export type ContactBody = z.infer<typeof contactInputSchema>;
