// The demo's complaints: a recovery key (kept in DATA_DIR for the demo only: a real agency prints it and keeps it in
// a safe), key pairs for the demo officers (approved as readers), and a few cases across two fiscal years so statistics have something.
import fs from 'node:fs';
import path from 'node:path';
import type { Platform } from '../../platform/platform.ts';
import type { DemoContext } from '../../platform/module.ts';
import { holdersOf, systemActor } from '../../platform/auth/users.ts';
import { createRecoveryKey, ensureKeyPair } from '../../platform/vault/index.ts';
import { addBinding, listItems, listYears } from '../oit/index.ts';
import { HANDLE } from './access.ts';
import { setStatus } from './handling.ts';
import { approveReader } from './readers.ts';
import { submitCase, type NewCase } from './intake.ts';
import type { Status } from './kinds.ts';

export const DEMO_RECOVERY_FILE = 'demo-recovery-key.txt';

const cases: Array<{ at: string; input: NewCase; steps: Status[] }> = [
  { at: '2023-11-14T03:00:00Z', steps: ['review', 'resolved', 'closed'], input: { lane: 'general', category: 'public_works', channel: 'phone', identity: null, report: { subject: 'ไฟฟ้าส่องสว่างถนนสายบ้านโนนสูงดับหลายจุด', who: '', when: '2023-11-10', where: 'ถนนสายบ้านโนนสูง ตำบลลำปาว', description: 'ไฟฟ้าส่องสว่างดับต่อเนื่องหลายวัน ขอให้ซ่อมแซม' } } },
  { at: '2024-02-20T04:00:00Z', steps: ['review', 'investigating', 'forwarded', 'closed'], input: { lane: 'corruption', category: 'procurement', channel: 'web', identity: null, report: { subject: 'การกำหนดคุณลักษณะครุภัณฑ์เอื้อผู้ขายรายเดียว', who: 'คณะกรรมการกำหนดร่างขอบเขตงาน', when: null, where: '', description: 'ร่างขอบเขตงานจัดซื้อครุภัณฑ์การแพทย์ระบุคุณลักษณะที่มีผู้ขายรายเดียวเสนอได้' } } },
  { at: '2024-06-03T02:30:00Z', steps: ['review', 'resolved', 'closed'], input: { lane: 'general', category: 'service', channel: 'web', identity: { name: 'นายตัวอย่าง ผู้ร้อง', national_id: '', phone: '0800000000', email: '', address: '' }, report: { subject: 'รอรับบริการนานเกินกำหนด', who: '', when: null, where: 'สำนักงาน อบจ.', description: 'ขอให้ปรับปรุงระบบคิว' } } },
  { at: '2026-10-21T03:00:00Z', steps: ['review', 'investigating'], input: { lane: 'corruption', category: 'bribery', channel: 'web', identity: null, report: { subject: 'เรียกรับเงินเพื่อเร่งออกใบอนุญาตใช้ทางหลวงท้องถิ่น', who: 'เจ้าหน้าที่ผู้รับคำขอ', when: '2026-10-15', where: 'กองช่าง', description: 'มีการเรียกรับเงินเพื่อให้คำขอได้รับการพิจารณาเร็วขึ้น' } } },
  { at: '2026-11-25T07:00:00Z', steps: [], input: { lane: 'general', category: 'nuisance', channel: 'web', identity: null, report: { subject: 'เสียงดังจากการก่อสร้างยามวิกาล', who: '', when: null, where: 'ชุมชนหลังตลาดสด', description: 'มีการก่อสร้างเสียงดังหลังเวลา 22.00 น.' } } },
];

export async function seedDemoComplaints(p: Platform, ctx: DemoContext): Promise<void> {
  const text = await createRecoveryKey(p.db, ctx.agencyId);
  fs.writeFileSync(path.join(p.config.dataDir, DEMO_RECOVERY_FILE), `Demo only. A real agency prints its recovery key and keeps it offline.\n${text}\n`, { mode: 0o600 });
  const demo = systemActor(ctx.agencyId, 'demo');
  for (const o of await holdersOf(p.db, ctx.agencyId, HANDLE)) {
    await ensureKeyPair(p, { id: o.id, agencyId: ctx.agencyId }, ctx.password);
    await approveReader(p, demo, o.id);
  }
  for (const c of cases) {
    const at = new Date(c.at);
    const r = await submitCase(p, ctx.agencyId, c.input, [], null, at);
    for (const [i, s] of c.steps.entries()) await setStatus(p, demo, r.id, s, s === 'forwarded' ? 'nacc' : '', new Date(at.getTime() + (i + 1) * 5 * 86_400_000));
  }
  await bindOit(p, ctx.agencyId);
}

/** The guideline, channels and statistics bound to the OIT items of every catalogue year that asks for them. */
async function bindOit(p: Platform, agencyId: number): Promise<void> {
  const demo = systemActor(agencyId, 'demo');
  for (const year of await listYears(p.db, agencyId)) {
    for (const item of await listItems(p.db, agencyId, year)) {
      const title = item.title_th;
      if (!title.includes('ร้องเรียน')) continue;
      const statsYear = item.recency === 'previous_fy' ? year - 1 : year;
      const ref = title.includes('แนวปฏิบัติ') ? 'guideline' : title.includes('ช่องทาง') ? 'channels' : title.includes('สถิติ') ? `statistics/${statsYear}` : null;
      if (ref) await addBinding(p, demo, year, item.code, { provider: 'complaints', ref });
    }
  }
}
