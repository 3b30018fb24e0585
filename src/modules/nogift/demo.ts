// The demo's No Gift Policy: declarations for FY 2567 to 2570 signed by the head of the agency, their activities,
// and a few gifts declared by demo staff in FY 2567, 2569 (the report the public page links to first) and 2570.
import type { Platform } from '../../platform/platform.ts';
import type { DemoContext } from '../../platform/module.ts';
import { systemActor } from '../../platform/auth/users.ts';
import { getAgency } from '../../platform/tenant.ts';
import { headOfAgency } from '../agency/index.ts';
import { addBinding, listItems, listYears } from '../oit/index.ts';
import { defaultDeclaration } from './rules.ts';
import { declareGift, saveYear, type GiftInput } from './service.ts';

const years: Array<{ year: number; signedOn: string; activities: string[] }> = [
  {
    year: 2567, signedOn: '2023-10-02',
    activities: [
      '5 ตุลาคม 2566 ผู้บริหารและบุคลากรร่วมประกาศเจตนารมณ์ No Gift Policy ณ ห้องประชุมองค์การบริหารส่วนจังหวัด',
      '15 ธันวาคม 2566 ประชาสัมพันธ์งดให้และงดรับของขวัญในเทศกาลปีใหม่ ทางเว็บไซต์และบอร์ดประชาสัมพันธ์',
      '20 มีนาคม 2567 อบรมชี้แจงหลักเกณฑ์การรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยาแก่บุคลากร 85 คน',
    ],
  },
  {
    year: 2568, signedOn: '2024-10-01',
    activities: [
      '3 ตุลาคม 2567 ผู้บริหารและบุคลากรร่วมประกาศเจตนารมณ์ No Gift Policy ประจำปีงบประมาณ พ.ศ. 2568',
      '18 ธันวาคม 2567 ประชาสัมพันธ์งดให้และงดรับของขวัญในเทศกาลปีใหม่',
    ],
  },
  {
    year: 2569, signedOn: '2025-10-01',
    activities: [
      '2 ตุลาคม 2568 ผู้บริหารและบุคลากรร่วมประกาศเจตนารมณ์ No Gift Policy ประจำปีงบประมาณ พ.ศ. 2569',
      '12 มีนาคม 2569 อบรมชี้แจงการรับทรัพย์สินโดยธรรมจรรยาแก่บุคลากรใหม่',
    ],
  },
  {
    year: 2570, signedOn: '2026-10-01',
    activities: [
      '2 ตุลาคม 2569 ผู้บริหารและบุคลากรร่วมประกาศเจตนารมณ์ No Gift Policy ประจำปีงบประมาณ พ.ศ. 2570',
      '20 พฤศจิกายน 2569 ชี้แจงนโยบายไม่รับของขวัญในการประชุมประจำเดือนของบุคลากร',
    ],
  },
];

const gifts: Array<{ by: string; gift: Omit<GiftInput, 'value_satang'> & { baht: number } }> = [
  { by: 'publisher', gift: { received_on: '2023-12-28', giver_type: 'private_person', giver_name: 'นายใจดี มีน้ำใจ', baht: 500, occasion: 'เทศกาลปีใหม่', description: 'กระเช้าผลไม้', disposition: 'kept_within_limit' } },
  { by: 'procurement', gift: { received_on: '2024-01-10', giver_type: 'company', giver_name: 'บริษัท ตัวอย่างก่อสร้าง จำกัด', baht: 4500, occasion: 'เทศกาลปีใหม่', description: 'กระเช้าของขวัญและเครื่องดื่ม', disposition: 'handed_over' } },
  { by: 'service', gift: { received_on: '2024-04-12', giver_type: 'relative', giver_name: 'นางบุญมี ใจงาม', baht: 8000, occasion: 'วันสงกรานต์', description: 'สร้อยคอทองคำจากมารดา', disposition: 'kept_within_limit' } },
  { by: 'asset', gift: { received_on: '2025-12-30', giver_type: 'company', giver_name: 'ห้างหุ้นส่วนจำกัด ตัวอย่างพาณิชย์', baht: 1200, occasion: 'เทศกาลปีใหม่', description: 'ปฏิทินและกระเช้า', disposition: 'returned' } },
  { by: 'publisher', gift: { received_on: '2026-03-15', giver_type: 'government', giver_name: 'สำนักงานจังหวัดตัวอย่าง', baht: 350, occasion: 'การประชุมสัมมนาร่วมกัน', description: 'ของที่ระลึก', disposition: 'kept_within_limit' } },
  { by: 'procurement', gift: { received_on: '2026-11-05', giver_type: 'private_person', giver_name: 'นายตัวอย่าง ผู้ประกอบการ', baht: 3500, occasion: 'ขอบคุณหลังการตรวจรับงาน', description: 'กระเช้าผลไม้', disposition: 'returned' } },
];

export async function seedDemoNogift(p: Platform, ctx: DemoContext): Promise<void> {
  const demo = systemActor(ctx.agencyId, 'demo');
  const [agency, head] = await Promise.all([getAgency(p.db, ctx.agencyId), headOfAgency(p.db, ctx.agencyId)]);
  for (const y of years) {
    await saveYear(p, demo, y.year, {
      declaration_th: defaultDeclaration(agency?.name_th ?? '', y.year).th, declaration_en: defaultDeclaration(agency?.name_en || agency?.name_th || '', y.year).en,
      signed_by: head?.name_th ?? '', signed_position: head?.position_th ?? '', signed_on: y.signedOn, activities: y.activities.join('\n'),
    });
  }
  const users = new Map((await p.db.k.selectFrom('app_user').select(['id', 'username']).where('agency_id', '=', ctx.agencyId).execute()).map((u) => [u.username, u.id]));
  for (const { by, gift } of gifts) {
    const userId = users.get(by);
    if (userId === undefined) continue;
    const { baht, ...rest } = gift;
    await declareGift(p, demo, { ...rest, value_satang: baht * 100 }, userId);
  }
  await bindOit(p, ctx.agencyId);
}

/** The declaration, activities and yearly report bound to the OIT items of every catalogue year that asks for them. */
async function bindOit(p: Platform, agencyId: number): Promise<void> {
  const demo = systemActor(agencyId, 'demo');
  for (const year of await listYears(p.db, agencyId)) {
    for (const item of await listItems(p.db, agencyId, year)) {
      const t = item.title_th;
      // the 2569 item ("การขับเคลื่อนนโยบาย No Gift Policy ...") asks for the year's declaration and what was done; the
      // year's page also explains the rules and links to the previous year's report
      const refs = t.includes('ขับเคลื่อนนโยบาย No Gift') ? [`declaration/${year}`, `activities/${year}`]
        : t.includes('เจตนารมณ์') ? [`declaration/${year}`, ...(t.includes('วัฒนธรรม') ? [`activities/${year}`] : [])]
        : t.includes('วัฒนธรรม No Gift') ? [`activities/${year}`]
        : t.includes('ธรรมจรรยา') || t.includes('รายงานผลตามนโยบาย No Gift') ? [`report/${year - 1}`]
        : [];
      for (const ref of refs) await addBinding(p, demo, year, item.code, { provider: 'nogift', ref });
    }
  }
}
