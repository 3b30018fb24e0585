// The module's forms, parsed at the edge; the service applies the rules (the 3,000-baht limit, no future dates).
import { block, choice, day, money, text, z, type FormValues } from '../../platform/http/forms.ts';
import { DISPOSITIONS, GIVER_TYPES, MAX_VALUE_SATANG } from './rules.ts';
import type { NogiftYear } from './store.ts';

export const giftSchema = z.object({
  received_on: day(),
  giver_type: choice(GIVER_TYPES),
  giver_name: text({ max: 200 }),
  value: money({ max: MAX_VALUE_SATANG }),
  occasion: text({ max: 300 }),
  description: block({ max: 2000 }),
  disposition: choice(DISPOSITIONS),
});

export const yearSchema = z.object({
  declaration_th: block({ max: 10000 }),
  declaration_en: block({ max: 10000 }),
  signed_by: text({ min: 0, max: 200 }),
  signed_position: text({ min: 0, max: 300 }),
  signed_on: day({ optional: true }),
  activities: block({ max: 10000 }),
});

export const yearValues = (y: NogiftYear | undefined, head: { name_th: string; position_th: string } | undefined): FormValues =>
  y
    ? { declaration_th: y.declaration_th, declaration_en: y.declaration_en, signed_by: y.signed_by, signed_position: y.signed_position, signed_on: y.signed_on ?? '', activities: y.activities }
    : { signed_by: head?.name_th ?? '', signed_position: head?.position_th ?? '' };
