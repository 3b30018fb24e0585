// The demo's participation: FY 2569 — the local development-plan forum (ประชาคมท้องถิ่น), a meeting with community
// representatives on a road and drainage project, and a finished online consultation on the FY 2570 budget, each with
// proposals and what the agency did; FY 2570 — an online consultation on the new development plan open now (some
// comments approved, one waiting, one hidden), a meeting on waste sorting, and a hearing still planned. All made
// through the module's own services; the list and report pages of 2569 and 2570 are bound to the OIT item on
// participation of those catalogues.
import type { Platform } from '../../platform/platform.ts';
import type { DemoContext } from '../../platform/module.ts';
import { systemActor } from '../../platform/auth/users.ts';
import { memoryPart } from '../../platform/files/index.ts';
import { renderPdf, type Block } from '../../platform/documents/index.ts';
import { addBinding, listItems } from '../oit/index.ts';
import type { ActivityInput } from './service.ts';
import { addComment, addDocument, addProposal, createActivity, moderateComment, saveCounts, setPublished, updateActivity } from './service.ts';
import type { ProposalForm } from './forms.ts';
import type { DocKind } from './rules.ts';

const DAY = 86_400_000;

interface DemoActivity {
  input: Pick<ActivityInput, 'kind' | 'status' | 'slug' | 'title_th' | 'starts_on'> & Partial<ActivityInput>;
  counts?: [number, number, number, number, number];
  proposals?: ProposalForm[];
  /** comments: text, name ('' anonymous), what the moderator did */
  comments?: Array<{ body: string; name: string; decision: 'approve' | 'hide' | null; note?: string }>;
  /** when the comments were written (a finished consultation's own period) */
  commentedAt?: (i: number) => Date;
  /** the status once the comments are in */
  finally?: ActivityInput['status'];
  documents?: Array<{ kind: DocKind; label: string; blocks: Block[] }>;
  published: boolean;
}

const agencyName = 'องค์การบริหารส่วนจังหวัดกาฬสินธุ์';

function openConsultationClose(): string {
  // open now: until 20 December 2026, 16:30 (or two weeks from today when the demo is made after that)
  const fixed = new Date('2026-12-20T16:30:00+07:00');
  const at = fixed.getTime() > Date.now() + 2 * DAY ? fixed : new Date(Date.now() + 14 * DAY);
  return at.toISOString();
}

const minutesBlocks = (title: string, lines: string[]): Block[] => [
  { kind: 'heading', level: 1, text: title, align: 'center' },
  { kind: 'paragraph', content: agencyName, align: 'center' },
  { kind: 'spacer', height: 8 },
  ...lines.map((l): Block => ({ kind: 'paragraph', content: l, indent: true, align: 'justify' })),
];

function activities(): DemoActivity[] {
  return [
    {
      published: true,
      input: {
        kind: 'community_forum', status: 'reported', slug: 'local-development-plan-forum-2569',
        title_th: 'ประชาคมท้องถิ่นระดับจังหวัด เพื่อทบทวนแผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570) ครั้งที่ 1/2569',
        title_en: 'Provincial community forum reviewing the local development plan (B.E. 2566–2570), 1/2569',
        subject_th: 'แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570) เพิ่มเติม ครั้งที่ 1/2569', subject_en: 'Local development plan (B.E. 2566–2570), first amendment of 2569',
        summary_th: 'องค์การบริหารส่วนจังหวัดจัดประชุมประชาคมท้องถิ่นระดับจังหวัด เพื่อรับฟังปัญหาและความต้องการของประชาชนจาก 18 อำเภอ ประกอบการทบทวนแผนพัฒนาท้องถิ่น ก่อนเสนอคณะกรรมการพัฒนาท้องถิ่นและสภาองค์การบริหารส่วนจังหวัด',
        summary_en: 'The PAO held the provincial community forum to hear the problems and needs of people from 18 districts before the local development plan is reviewed by the local development committee and the provincial council.',
        starts_on: '2026-03-12', place_th: 'ห้องประชุมองค์การบริหารส่วนจังหวัดกาฬสินธุ์ ชั้น 3', place_en: 'Kalasin PAO meeting room, 3rd floor',
        invited_th: 'ผู้แทนประชาคมระดับอำเภอ 18 อำเภอ กำนันและผู้ใหญ่บ้าน ผู้แทนส่วนราชการในจังหวัด หอการค้าจังหวัด และสภาองค์กรชุมชน',
        results_th: 'ที่ประชุมเสนอโครงการทั้งสิ้น 46 โครงการ คณะกรรมการสนับสนุนการจัดทำแผนพัฒนาได้จัดลำดับความสำคัญ และบรรจุไว้ในแผนพัฒนาท้องถิ่นเพิ่มเติม ครั้งที่ 1/2569 จำนวน 31 โครงการ\nโครงการที่เกินอำนาจหน้าที่ได้ส่งต่อหน่วยงานที่รับผิดชอบพร้อมแจ้งผลให้ผู้แทนประชาคมทราบ',
      },
      counts: [86, 54, 12, 31, 5],
      proposals: [
        { proposal: 'ซ่อมแซมถนนลาดยางสายบ้านนาจารย์–บ้านโพนทอง ซึ่งชำรุดเป็นหลุมบ่อตลอดสาย', proposed_by: 'ผู้แทนประชาคมอำเภอเมืองกาฬสินธุ์', response_status: 'done', response: 'บรรจุในแผนพัฒนาท้องถิ่นและข้อบัญญัติงบประมาณ พ.ศ. 2569 ซ่อมแซมแล้วเสร็จเมื่อเดือนกรกฎาคม 2569 ระยะทาง 4.2 กิโลเมตร' },
        { proposal: 'ขุดลอกหนองน้ำสาธารณะเพื่อเก็บน้ำไว้ใช้ในฤดูแล้ง', proposed_by: 'ผู้ใหญ่บ้านตำบลโนนสูง', response_status: 'accepted', response: 'บรรจุในแผนพัฒนาท้องถิ่นแล้ว อยู่ระหว่างสำรวจและออกแบบ ตั้งงบประมาณในปี พ.ศ. 2570' },
        { proposal: 'ขอให้ก่อสร้างโรงพยาบาลส่งเสริมสุขภาพตำบลแห่งใหม่', proposed_by: 'ผู้แทนภาคประชาชนอำเภอยางตลาด', response_status: 'declined', response: 'การตั้งหน่วยบริการสาธารณสุขแห่งใหม่ต้องได้รับอนุมัติจากกระทรวงสาธารณสุข จึงส่งข้อเสนอให้สำนักงานสาธารณสุขจังหวัดพิจารณา และแจ้งผลให้ผู้เสนอทราบแล้ว' },
        { proposal: 'จัดอบรมอาชีพแปรรูปผ้าไหมแพรวาให้กลุ่มสตรี', proposed_by: 'ผู้แทนกลุ่มสตรีอำเภอคำม่วง', response_status: 'done', response: 'จัดอบรม 2 รุ่น ผู้เข้าอบรม 60 คน เมื่อเดือนมิถุนายน 2569' },
      ],
      documents: [
        { kind: 'invitation', label: 'หนังสือเชิญประชุมประชาคมท้องถิ่น ครั้งที่ 1/2569', blocks: minutesBlocks('หนังสือเชิญประชุมประชาคมท้องถิ่นระดับจังหวัด', ['ขอเชิญผู้แทนประชาคมระดับอำเภอเข้าร่วมประชุมประชาคมท้องถิ่น เพื่อทบทวนแผนพัฒนาท้องถิ่น ในวันที่ 12 มีนาคม 2569 เวลา 09.00 น. ณ ห้องประชุมองค์การบริหารส่วนจังหวัดกาฬสินธุ์']) },
        { kind: 'minutes', label: 'รายงานการประชุมประชาคมท้องถิ่นระดับจังหวัด ครั้งที่ 1/2569', blocks: minutesBlocks('รายงานการประชุมประชาคมท้องถิ่นระดับจังหวัด ครั้งที่ 1/2569', ['ผู้เข้าร่วมประชุม 188 คน ประธานกล่าวเปิดการประชุมและชี้แจงวัตถุประสงค์', 'ผู้แทนประชาคมแต่ละอำเภอนำเสนอปัญหาและความต้องการ รวม 46 โครงการ', 'ที่ประชุมมีมติให้คณะกรรมการสนับสนุนการจัดทำแผนพัฒนาจัดลำดับความสำคัญของโครงการ']) },
      ],
    },
    {
      published: true,
      input: {
        kind: 'meeting', status: 'reported', slug: 'lam-pao-road-drainage-meeting-2569',
        title_th: 'ประชุมร่วมกับผู้แทนชุมชนริมลำปาว เรื่องโครงการปรับปรุงถนนและระบบระบายน้ำ',
        title_en: 'Meeting with Lam Pao community representatives on the road and drainage project',
        subject_th: 'โครงการปรับปรุงถนนและระบบระบายน้ำชุมชนริมลำปาว ตำบลลำปาว',
        starts_on: '2026-05-20', place_th: 'ศาลาประชาคมบ้านดงบัง ตำบลลำปาว',
        invited_th: 'ผู้ใหญ่บ้าน คณะกรรมการหมู่บ้าน และผู้แทนครัวเรือนที่อยู่ในแนวถนน 4 หมู่บ้าน',
        results_th: 'ผู้แทนชุมชนเห็นด้วยกับแนวถนนและขอปรับตำแหน่งท่อระบายน้ำสองจุด องค์การบริหารส่วนจังหวัดได้ปรับแบบก่อนประกาศประกวดราคา',
      },
      counts: [42, 11, 0, 4, 0],
      proposals: [
        { proposal: 'ย้ายท่อระบายน้ำหน้าวัดไปอีกฝั่งถนน เพื่อไม่ให้น้ำท่วมลานวัด', proposed_by: 'คณะกรรมการหมู่บ้านดงบัง', response_status: 'done', response: 'ปรับแบบตามข้อเสนอแล้วก่อนประกาศประกวดราคา' },
        { proposal: 'ขอให้ทำงานนอกช่วงเวลาเปิด–ปิดโรงเรียน', proposed_by: 'ผู้แทนผู้ปกครองนักเรียน', response_status: 'accepted', response: 'กำหนดไว้ในสัญญาจ้างให้หยุดงานขนส่งวัสดุช่วง 07.00–08.30 น. และ 15.00–16.30 น.' },
      ],
    },
    {
      published: true,
      input: {
        kind: 'consultation', status: 'open', slug: 'budget-2570-consultation',
        title_th: 'รับฟังความคิดเห็นร่างข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2570',
        title_en: 'Consultation on the draft budget ordinance for fiscal year B.E. 2570',
        subject_th: 'ร่างข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2570', subject_en: 'Draft budget ordinance, fiscal year B.E. 2570',
        summary_th: 'เผยแพร่ร่างข้อบัญญัติงบประมาณรายจ่ายและเปิดรับความคิดเห็นทางเว็บไซต์ ก่อนเสนอสภาองค์การบริหารส่วนจังหวัด',
        starts_on: '2026-07-01', ends_on: '2026-07-31', place_th: 'ออนไลน์ ทางเว็บไซต์ขององค์การบริหารส่วนจังหวัด',
        invited_th: 'ประชาชนทั่วไป',
        is_commentable: true, comments_close_at: new Date('2026-07-31T16:30:00+07:00').toISOString(),
        results_th: 'มีผู้แสดงความคิดเห็น 4 รายการ เผยแพร่ 3 รายการ ข้อเสนอได้นำเสนอต่อสภาองค์การบริหารส่วนจังหวัดประกอบการพิจารณาร่างข้อบัญญัติ',
      },
      counts: [4, 0, 0, 0, 0],
      commentedAt: (i) => new Date(Date.parse('2026-07-08T10:00:00+07:00') + i * 3 * DAY),
      comments: [
        { body: 'ขอให้เพิ่มงบประมาณซ่อมแซมถนนในเขตอำเภอสหัสขันธ์ ซึ่งใช้สัญจรไปโรงเรียนทุกวัน', name: 'สมหญิง ใจดี', decision: 'approve' },
        { body: 'อยากให้มีงบประมาณสนับสนุนกีฬาเยาวชนประจำตำบล', name: '', decision: 'approve' },
        { body: 'ควรจัดงบประมาณสำหรับรถพยาบาลฉุกเฉินให้เพียงพอกับพื้นที่ห่างไกล', name: 'ประเสริฐ มั่นคง', decision: 'approve' },
        { body: 'สนใจสินค้าราคาพิเศษ ติดต่อได้ที่ไลน์ไอดีนี้', name: 'ร้านค้าออนไลน์', decision: 'hide', note: 'โฆษณา ไม่เกี่ยวกับร่างข้อบัญญัติ' },
      ],
      finally: 'reported',
      proposals: [
        { proposal: 'เพิ่มงบประมาณซ่อมแซมถนนในเขตอำเภอสหัสขันธ์', proposed_by: 'ความคิดเห็นทางเว็บไซต์', response_status: 'done', response: 'ตั้งงบประมาณซ่อมแซมถนนสายสหัสขันธ์–โนนบุรี 3.5 ล้านบาทในข้อบัญญัติที่สภาอนุมัติ' },
        { proposal: 'สนับสนุนกีฬาเยาวชนประจำตำบล', proposed_by: 'ความคิดเห็นทางเว็บไซต์', response_status: 'accepted', response: 'ตั้งงบประมาณอุดหนุนการแข่งขันกีฬาเยาวชน 18 อำเภอ' },
        { proposal: 'จัดหารถพยาบาลฉุกเฉินเพิ่มสำหรับพื้นที่ห่างไกล', proposed_by: 'ความคิดเห็นทางเว็บไซต์', response_status: 'declined', response: 'งบประมาณปีนี้ไม่เพียงพอสำหรับการจัดซื้อรถใหม่ จึงจัดงบประมาณซ่อมบำรุงรถที่มีอยู่ 6 คันให้พร้อมใช้งาน และจะพิจารณาในปีถัดไป' },
      ],
    },
    {
      published: true,
      input: {
        kind: 'consultation', status: 'open', slug: 'local-development-plan-2571-2575',
        title_th: 'รับฟังความคิดเห็นร่างแผนพัฒนาท้องถิ่น (พ.ศ. 2571–2575)',
        title_en: 'Consultation on the draft local development plan (B.E. 2571–2575)',
        subject_th: 'ร่างแผนพัฒนาท้องถิ่น (พ.ศ. 2571–2575) ขององค์การบริหารส่วนจังหวัดกาฬสินธุ์', subject_en: 'Draft local development plan (B.E. 2571–2575) of Kalasin PAO',
        summary_th: 'องค์การบริหารส่วนจังหวัดขอรับฟังความคิดเห็นต่อร่างแผนพัฒนาท้องถิ่นห้าปี ทั้งยุทธศาสตร์ แนวทางการพัฒนา และบัญชีโครงการ อ่านร่างแผนได้จากเอกสารประกอบด้านล่าง',
        summary_en: 'The PAO asks for comments on its draft five-year local development plan: strategies, development approaches and the list of projects. The draft is among the documents below.',
        starts_on: '2026-11-16', place_th: 'ออนไลน์ ทางเว็บไซต์ และที่ศูนย์บริการประชาชน ชั้น 1', place_en: 'Online, and at the service centre on the ground floor',
        invited_th: 'ประชาชนทั่วไป ผู้แทนประชาคมระดับอำเภอ และองค์กรปกครองส่วนท้องถิ่นในจังหวัด',
        is_commentable: true, comments_close_at: openConsultationClose(),
      },
      commentedAt: (i) => new Date(Date.now() - (5 - i) * DAY),
      comments: [
        { body: 'เห็นด้วยกับยุทธศาสตร์ด้านการบริหารจัดการน้ำ ขอให้เพิ่มโครงการฝายชะลอน้ำในพื้นที่ต้นน้ำ', name: 'วิชัย รักถิ่น', decision: 'approve' },
        { body: 'ขอให้มีโครงการส่งเสริมการท่องเที่ยวชุมชนรอบเขื่อนลำปาว', name: '', decision: 'approve' },
        { body: 'อยากให้บรรจุโครงการไฟฟ้าส่องสว่างถนนสายหลักระหว่างอำเภอ', name: 'นิภา แสงทอง', decision: 'approve' },
        { body: 'ขอให้เพิ่มจุดคัดแยกขยะในตลาดสดทุกอำเภอ', name: '', decision: null },
        { body: 'ข้อความทดสอบ ทดสอบ ทดสอบ', name: 'ทดสอบ', decision: 'hide', note: 'ข้อความทดสอบ ไม่ใช่ความคิดเห็นต่อร่างแผน' },
      ],
      documents: [
        { kind: 'invitation', label: 'ประกาศรับฟังความคิดเห็นร่างแผนพัฒนาท้องถิ่น (พ.ศ. 2571–2575)', blocks: minutesBlocks('ประกาศองค์การบริหารส่วนจังหวัดกาฬสินธุ์ เรื่อง รับฟังความคิดเห็นร่างแผนพัฒนาท้องถิ่น (พ.ศ. 2571–2575)', ['ด้วยองค์การบริหารส่วนจังหวัดได้จัดทำร่างแผนพัฒนาท้องถิ่น (พ.ศ. 2571–2575) จึงขอเชิญประชาชนแสดงความคิดเห็นทางเว็บไซต์หรือที่ศูนย์บริการประชาชน']) },
      ],
    },
    {
      published: true,
      input: {
        kind: 'meeting', status: 'reported', slug: 'waste-sorting-community-meeting-2570',
        title_th: 'ประชุมผู้แทนชุมชน เรื่องแนวทางการคัดแยกขยะมูลฝอยต้นทาง',
        title_en: 'Meeting with community representatives on sorting waste at source',
        subject_th: 'โครงการบริหารจัดการขยะมูลฝอยแบบมีส่วนร่วม ปีงบประมาณ พ.ศ. 2570',
        starts_on: '2026-10-22', place_th: 'ห้องประชุมศูนย์กำจัดขยะมูลฝอยรวม อำเภอเมืองกาฬสินธุ์',
        invited_th: 'ผู้แทนชุมชน 24 ชุมชน อาสาสมัครสาธารณสุขประจำหมู่บ้าน และผู้ประกอบการรับซื้อของเก่า',
        results_th: 'ชุมชนนำร่อง 12 ชุมชนตกลงคัดแยกขยะอินทรีย์และขยะรีไซเคิลตั้งแต่เดือนพฤศจิกายน 2569 องค์การบริหารส่วนจังหวัดสนับสนุนถังหมักและจัดรอบเก็บขยะรีไซเคิลเดือนละสองครั้ง',
      },
      counts: [38, 24, 6, 5, 0],
      proposals: [
        { proposal: 'ขอถังหมักขยะอินทรีย์สำหรับครัวเรือน', proposed_by: 'ผู้แทนชุมชนหัวคู', response_status: 'done', response: 'มอบถังหมัก 480 ใบให้ 12 ชุมชนนำร่องแล้วเมื่อ 15 พฤศจิกายน 2569' },
        { proposal: 'จัดรอบเก็บขยะรีไซเคิลแยกจากขยะทั่วไป', proposed_by: 'อาสาสมัครสาธารณสุขประจำหมู่บ้าน', response_status: 'accepted', response: 'เริ่มเก็บเดือนละสองครั้งตั้งแต่เดือนธันวาคม 2569 ในชุมชนนำร่อง' },
      ],
    },
    {
      published: true,
      input: {
        kind: 'public_hearing', status: 'planned', slug: 'lam-yang-bridge-public-hearing',
        title_th: 'เวทีรับฟังความคิดเห็นสาธารณะ โครงการก่อสร้างสะพานข้ามลำน้ำยัง',
        title_en: 'Public hearing on the Lam Yang bridge project',
        subject_th: 'โครงการก่อสร้างสะพานคอนกรีตเสริมเหล็กข้ามลำน้ำยัง อำเภอยางตลาด',
        summary_th: 'ขอเชิญประชาชนในพื้นที่รับฟังรายละเอียดโครงการ แนวสะพาน และผลกระทบที่อาจเกิดขึ้น และร่วมแสดงความคิดเห็น',
        starts_on: '2027-01-15', place_th: 'หอประชุมอำเภอยางตลาด',
        invited_th: 'ประชาชนในตำบลที่อยู่ในแนวโครงการ ผู้นำชุมชน และส่วนราชการที่เกี่ยวข้อง',
      },
    },
  ];
}

/** Creates an activity the way staff do: details, publication, counts, documents, comments and their moderation, proposals. */
async function makeActivity(p: Platform, ctx: DemoContext, d: DemoActivity): Promise<number> {
  const demo = systemActor(ctx.agencyId, 'demo');
  const input: ActivityInput = {
    title_en: '', subject_th: '', subject_en: '', summary_th: '', summary_en: '', place_th: '', place_en: '', invited_th: '', results_th: '', results_en: '', ends_on: null, is_commentable: false, comments_close_at: null, ...d.input,
  };
  const id = await createActivity(p, demo, input);
  if (d.published) await setPublished(p, demo, id, true);
  if (d.counts) {
    const [count_citizens, count_leaders, count_private, count_government, count_other] = d.counts;
    await saveCounts(p, demo, id, { count_citizens, count_leaders, count_private, count_government, count_other });
  }
  for (const doc of d.documents ?? []) {
    const pdf = await renderPdf({ title: doc.label, lang: 'th', blocks: doc.blocks });
    await addDocument(p, demo, id, memoryPart(`${doc.label}.pdf`, pdf), doc.kind, doc.label);
  }
  for (const [i, c] of (d.comments ?? []).entries()) {
    const commentId = await addComment(p, ctx.agencyId, id, { author_name: c.name, body: c.body }, d.commentedAt?.(i));
    if (c.decision) await moderateComment(p, demo, commentId, c.decision, c.note ?? '');
  }
  if (d.finally) await updateActivity(p, demo, id, { ...input, status: d.finally });
  for (const x of d.proposals ?? []) await addProposal(p, demo, id, x);
  ctx.ids.set(`participation:${input.slug}`, id);
  return id;
}

export async function seedDemoParticipation(p: Platform, ctx: DemoContext): Promise<void> {
  for (const d of activities()) await makeActivity(p, ctx, d);
  await bindOit(p, ctx.agencyId);
}

/** The list page and the yearly report of 2569 and 2570 bound to the participation item of those catalogues. */
async function bindOit(p: Platform, agencyId: number): Promise<void> {
  const demo = systemActor(agencyId, 'demo');
  for (const year of [2569, 2570]) {
    for (const item of await listItems(p.db, agencyId, year)) {
      if (!item.title_th.includes('มีส่วนร่วม')) continue;
      for (const ref of [`list/${year}`, `report/${year}`]) await addBinding(p, demo, year, item.code, { provider: 'participation', ref });
    }
  }
}
