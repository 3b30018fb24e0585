// The rules and the permissions of the No Gift Policy, one transaction per change with its audit event. The tenant
// comes from the actor; audit summaries never name a giver, a declarer or a signatory.
import type { Platform } from '../../platform/platform.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { actorOf, type Acting } from '../../platform/auth/users.ts';
import { publicChanged } from '../../platform/changes.ts';
import { tx } from '../../platform/db/index.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { bangkokDay, fiscalYear } from '../../platform/thai/index.ts';
import { DECLARE, MANAGE, MAX_VALUE_SATANG, mayKeep, type Disposition, type GiverType } from './rules.ts';

export interface GiftInput {
  received_on: string;
  giver_type: GiverType;
  giver_name: string;
  value_satang: number;
  occasion: string;
  description: string;
  disposition: Disposition;
}

/**
 * A gift declared by the person who received it (a person always declares for themself). The demo, acting as the
 * system, names the member of staff it declares for.
 */
export async function declareGift(p: Platform, actor: Acting, input: GiftInput, forUser?: number, today = bangkokDay()): Promise<number> {
  requirePermission(actor, DECLARE);
  const userId = actor.id ?? forUser;
  if (userId === undefined) throw new Error('the system declares a gift for a named member of staff only');
  const errors: Record<string, MessageKey> = {};
  if (input.received_on > today) errors.received_on = 'nogift.err.future';
  if (!(input.value_satang > 0 && input.value_satang <= MAX_VALUE_SATANG)) errors.value = 'nogift.err.value';
  else if (input.disposition === 'kept_within_limit' && !mayKeep(input.giver_type, input.value_satang)) errors.disposition = 'nogift.err.overLimit';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const year = fiscalYear(input.received_on);
  return tx(p.db, async (t) => {
    const row = await t.k
      .insertInto('gift_declaration')
      .values({ agency_id: actor.agencyId, user_id: userId, ...input, fiscal_year: year, created_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(t, {
      agencyId: actor.agencyId, actor: actorOf(actor), action: 'nogift.gift.declare', targetType: 'gift_declaration', targetId: row.id,
      summary: `gift declared for fiscal year ${year}: giver ${input.giver_type}, ${input.disposition}`,
    });
    publicChanged(t, actor.agencyId);
    return row.id;
  });
}

export interface YearInput {
  declaration_th: string;
  declaration_en: string;
  signed_by: string;
  signed_position: string;
  signed_on: string | null;
  activities: string;
}

/**
 * The year's declaration and activities. A declaration text needs its signatory, position and date; without a text
 * the year has activities only (the public page then says there is no declaration).
 */
export async function saveYear(p: Platform, actor: Acting, year: number, input: YearInput): Promise<void> {
  requirePermission(actor, MANAGE);
  const errors: Record<string, MessageKey> = {};
  if (!input.declaration_th && input.declaration_en) errors.declaration_th = 'nogift.err.declaration';
  if (input.declaration_th) {
    if (!input.signed_by) errors.signed_by = 'nogift.err.signedBy';
    if (!input.signed_position) errors.signed_position = 'nogift.err.signedPosition';
    if (!input.signed_on) errors.signed_on = 'nogift.err.signedOn';
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const now = new Date().toISOString();
  await tx(p.db, async (t) => {
    const values = { ...input, updated_by: actor.id, updated_at: now };
    const row = await t.k
      .insertInto('nogift_year')
      .values({ agency_id: actor.agencyId, fiscal_year: year, ...values })
      .onConflict((oc) => oc.columns(['agency_id', 'fiscal_year']).doUpdateSet(values))
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(t, {
      agencyId: actor.agencyId, actor: actorOf(actor), action: 'nogift.year.save', targetType: 'nogift_year', targetId: row.id,
      summary: `No Gift Policy of fiscal year ${year} saved: ${input.declaration_th ? 'declaration signed' : 'no declaration'}, ${input.activities.split('\n').filter((l) => l.trim()).length} activities`,
    });
    publicChanged(t, actor.agencyId);
  });
}
