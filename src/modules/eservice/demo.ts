// The demo's E-Service: eight services of a provincial administrative organization (อบจ.), each with its manual,
// steps, declared times and request form; requests replayed over the previous and the current fiscal year through
// the same service functions the pages use (some on time, some late, some asked for more, a few not granted, most
// rated); and the catalogue, statistics and user guide bound to the OIT items that ask for them.
import type { Platform } from '../../platform/platform.ts';
import type { DemoContext } from '../../platform/module.ts';
import { systemActor } from '../../platform/auth/users.ts';
import { tx, type Tx } from '../../platform/db/index.ts';
import { fiscalYear, fiscalYearRange } from '../../platform/thai/index.ts';
import { listDivisions } from '../agency/index.ts';
import { addBinding, listItems, listYears } from '../oit/index.ts';
import type { FieldInput, StepInput } from './catalogue.ts';
import { saveService } from './catalogue.ts';
import type { ServiceInput } from './forms.ts';
import type { Channel, FieldKind, Unit } from './kinds.ts';
import { accept, answerInfo, complete, nextStep, rate, reject, requestInfo, submitRequest } from './requests.ts';
import { serviceDef, yearsWithRequests, type ServiceDef } from './store.ts';

type F = [key: string, label: string, kind: FieldKind, required: boolean, extra?: { options?: string[]; hint?: string; public?: boolean; en?: string }];
type S = [name: string, duration: number, unit: Unit, detail?: string, division?: string, en?: string];

interface DemoService {
  input: Omit<ServiceInput, 'division_id' | 'position' | 'is_published'> & { division: string };
  steps: S[];
  fields: F[];
  /** typed answers of a demo request (i: which request) */
  sample(i: number): Record<string, string>;
}

const GENERAL = 'สำนักปลัดองค์การบริหารส่วนจังหวัด';
const ENGINEERING = 'กองช่าง';
const COUNTER = 'ศูนย์บริการร่วม ชั้น 1 อาคารสำนักงานองค์การบริหารส่วนจังหวัด วันจันทร์–วันศุกร์ 08.30–16.30 น. (ไม่เว้นวันหยุดราชการ ยกเว้นวันหยุดนักขัตฤกษ์)\nโทรศัพท์ 0 4300 0000';
const pick = <T,>(xs: readonly T[], i: number): T => xs[i % xs.length]!;
const VILLAGES = ['บ้านโนนสูง หมู่ 3 ตำบลลำปาว', 'บ้านหนองแวง หมู่ 7 ตำบลโพนทอง', 'บ้านดอนยาง หมู่ 5 ตำบลนาเชือก', 'บ้านคำไฮ หมู่ 2 ตำบลหนองกุง', 'บ้านท่าศาลา หมู่ 9 ตำบลเหล่าใหญ่'];

export const DEMO_SERVICES: DemoService[] = [
  {
    input: {
      slug: 'water-truck', name_th: 'ขอรับการสนับสนุนน้ำอุปโภคบริโภค (รถบรรทุกน้ำ)', name_en: 'Drinking and household water by water truck',
      summary_th: 'ขอรถบรรทุกน้ำไปส่งน้ำให้หมู่บ้านหรือชุมชนที่ขาดแคลนน้ำในช่วงภัยแล้งหรือเหตุฉุกเฉิน', summary_en: 'A water truck for a village or community short of water in a drought or an emergency',
      group_th: 'สาธารณภัยและสาธารณูปโภค', group_en: 'Disasters and utilities', keywords: 'น้ำ ภัยแล้ง รถน้ำ', division: GENERAL,
      legal_basis: 'พระราชบัญญัติองค์การบริหารส่วนจังหวัด พ.ศ. 2540 มาตรา 45\nพระราชบัญญัติป้องกันและบรรเทาสาธารณภัย พ.ศ. 2550\nระเบียบกระทรวงการคลังว่าด้วยเงินทดรองราชการเพื่อช่วยเหลือผู้ประสบภัยพิบัติกรณีฉุกเฉิน พ.ศ. 2562',
      channels: `${COUNTER}\nสายด่วนป้องกันและบรรเทาสาธารณภัย 1784 (ตลอด 24 ชั่วโมง)`,
      conditions: 'ผู้ยื่นเป็นผู้นำชุมชน ผู้ใหญ่บ้าน หรือผู้ได้รับผลกระทบในพื้นที่จังหวัด\nพื้นที่ขาดแคลนน้ำและไม่มีแหล่งน้ำอื่นที่ใช้ได้\nจัดส่งตามลำดับคำขอและความเร่งด่วน ครั้งละไม่เกิน 6,000 ลิตรต่อจุด',
      documents: '', fees: '', complaint_channel: '', sample_forms: 'ตัวอย่างการกรอกแบบคำขอรับการสนับสนุนน้ำ (ระบุจุดส่งน้ำและจำนวนครัวเรือน)', is_location_public: false,
    },
    steps: [['ตรวจสอบคำขอและสภาพพื้นที่', 1, 'day', 'เจ้าหน้าที่ตรวจสอบความขาดแคลนน้ำกับผู้นำชุมชน', GENERAL, 'Check the request and the area'], ['เสนอผู้บริหารอนุมัติ', 1, 'day', undefined, GENERAL, 'Approval'], ['จัดรถบรรทุกน้ำออกส่งน้ำ', 2, 'day', 'ส่งน้ำตามจุดที่ระบุ', GENERAL, 'Water delivered']],
    fields: [
      ['place', 'จุดที่ต้องการให้ส่งน้ำ', 'address', true, { en: 'Where the water is needed' }],
      ['households', 'จำนวนครัวเรือนที่ได้รับผลกระทบ', 'number', true, { en: 'Households affected' }],
      ['need', 'ประเภทน้ำที่ต้องการ', 'choice', true, { options: ['น้ำอุปโภค', 'น้ำบริโภค', 'ทั้งน้ำอุปโภคและบริโภค'], en: 'Water needed' }],
      ['wanted_on', 'วันที่ต้องการน้ำ', 'date', false, { en: 'Wanted on' }],
      ['reason', 'สาเหตุการขาดแคลนน้ำ', 'block', false, { en: 'Why water is short' }],
    ],
    sample: (i) => ({ place: pick(VILLAGES, i), households: String(20 + ((i * 17) % 90)), need: String((i % 3) + 1), wanted_on: '', reason: 'บ่อน้ำตื้นแห้ง ประปาหมู่บ้านใช้การไม่ได้' }),
  },
  {
    input: {
      slug: 'venue-booking', name_th: 'ขอใช้สถานที่ หอประชุม และสนามกีฬา', name_en: 'Booking the hall or a sports field',
      summary_th: 'ขอใช้หอประชุม สนามกีฬากลาง หรือโรงยิมเนเซียมของ อบจ. สำหรับกิจกรรมของหน่วยงาน ชุมชน และประชาชน', summary_en: 'The hall, the central stadium or the gymnasium for events of agencies, communities and people',
      group_th: 'การศึกษา กีฬา และวัฒนธรรม', group_en: 'Education, sport and culture', keywords: 'หอประชุม สนามกีฬา โรงยิม', division: 'กองการศึกษา ศาสนาและวัฒนธรรม',
      legal_basis: 'ข้อบัญญัติองค์การบริหารส่วนจังหวัด เรื่อง การใช้สถานที่และการจัดเก็บค่าบำรุงสถานที่\nประกาศองค์การบริหารส่วนจังหวัด เรื่อง อัตราค่าบำรุงการใช้สถานที่',
      channels: COUNTER, conditions: 'ยื่นคำขอล่วงหน้าอย่างน้อย 7 วันก่อนวันใช้สถานที่\nไม่ใช้เพื่อการพนัน การเมือง หรือกิจกรรมที่ขัดต่อกฎหมาย\nผู้ขอต้องดูแลความสะอาดและชดใช้ความเสียหาย',
      documents: 'หนังสือขอใช้สถานที่ของหน่วยงานหรือคณะบุคคล (ถ้ามี)\nกำหนดการของกิจกรรม', fees: 'หอประชุม วันละ 3,000 บาท\nสนามกีฬากลาง วันละ 2,000 บาท\nโรงยิมเนเซียม ชั่วโมงละ 300 บาท\nยกเว้นค่าบำรุงสำหรับส่วนราชการ สถานศึกษา และกิจกรรมสาธารณประโยชน์', complaint_channel: '', sample_forms: 'แบบคำขอใช้สถานที่ (ตัวอย่างการกรอก)', is_location_public: false,
    },
    steps: [['ตรวจสอบตารางการใช้สถานที่', 1, 'day', undefined, undefined, 'Check the calendar'], ['พิจารณาอนุญาต', 2, 'day', 'ผู้อำนวยการกองพิจารณาตามเงื่อนไข', undefined, 'Decision'], ['แจ้งผลและออกใบอนุญาต', 1, 'day', undefined, undefined, 'Permit issued']],
    fields: [
      ['venue', 'สถานที่ที่ขอใช้', 'choice', true, { options: ['หอประชุมองค์การบริหารส่วนจังหวัด', 'สนามกีฬากลางจังหวัด', 'โรงยิมเนเซียม'], en: 'Venue' }],
      ['event_on', 'วันที่จัดกิจกรรม', 'date', true, { en: 'Day of the event' }],
      ['people', 'จำนวนผู้ร่วมกิจกรรม (คน)', 'number', true, { en: 'People attending' }],
      ['organisation', 'หน่วยงานหรือคณะผู้จัด', 'text', false, { en: 'Organiser' }],
      ['purpose', 'วัตถุประสงค์ของกิจกรรม', 'block', true, { en: 'Purpose' }],
      ['letter', 'หนังสือขอใช้สถานที่', 'file', false, { en: 'Letter' }],
    ],
    sample: (i) => ({ venue: String((i % 3) + 1), event_on: '', people: String(50 + ((i * 37) % 400)), organisation: pick(['โรงเรียนบ้านโนนสูง', 'ชมรมผู้สูงอายุตำบลลำปาว', 'สมาคมกีฬาจังหวัด'], i), purpose: pick(['จัดการแข่งขันกีฬาเยาวชน', 'ประชุมประจำปีของชมรม', 'งานแสดงผลงานนักเรียน'], i) }),
  },
  {
    input: {
      slug: 'borrow-equipment', name_th: 'ขอยืมพัสดุและครุภัณฑ์ (เต็นท์ โต๊ะ เก้าอี้ เครื่องเสียง)', name_en: 'Borrowing tents, tables, chairs or a sound system',
      summary_th: 'ยืมเต็นท์ โต๊ะ เก้าอี้ และเครื่องเสียงไปใช้ในงานของชุมชน วัด โรงเรียน หรือส่วนราชการ', summary_en: 'Tents, tables, chairs and sound systems for events of communities, temples, schools and agencies',
      group_th: 'พัสดุและทรัพย์สิน', group_en: 'Supplies and assets', keywords: 'ยืม เต็นท์ เก้าอี้ เครื่องเสียง', division: 'กองพัสดุและทรัพย์สิน',
      legal_basis: 'ระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560 ข้อ 207–211 (การยืม)',
      channels: COUNTER, conditions: 'ใช้เพื่อประโยชน์ของทางราชการหรือสาธารณประโยชน์\nยืมได้ไม่เกิน 7 วัน และต้องส่งคืนในสภาพเรียบร้อย\nผู้ยืมขนย้ายเอง หรือขอให้ อบจ. ขนส่งตามกำลังที่มี',
      documents: 'สำเนาบัตรประจำตัวประชาชนของผู้ยืม', fees: '', complaint_channel: '', sample_forms: 'แบบใบยืมพัสดุ', is_location_public: false,
    },
    steps: [['ตรวจสอบพัสดุคงเหลือ', 4, 'hour', undefined, undefined, 'Check what is available'], ['อนุมัติการยืม', 1, 'day', 'หัวหน้าหน่วยพัสดุอนุมัติ', undefined, 'Approval'], ['ส่งมอบพัสดุ', 1, 'day', undefined, undefined, 'Handover']],
    fields: [
      ['items', 'พัสดุที่ขอยืม', 'choice', true, { options: ['เต็นท์ผ้าใบ', 'โต๊ะพับ', 'เก้าอี้พลาสติก', 'ชุดเครื่องเสียง'], en: 'What to borrow' }],
      ['quantity', 'จำนวน', 'number', true, { en: 'How many' }],
      ['use_from', 'วันที่เริ่มใช้', 'date', true, { en: 'From' }],
      ['use_place', 'สถานที่ใช้งาน', 'address', true, { en: 'Where' }],
      ['national_id', 'เลขประจำตัวประชาชนผู้ยืม', 'national_id', true, { en: 'Borrower’s national ID number' }],
    ],
    sample: (i) => ({ items: String((i % 4) + 1), quantity: String(5 + ((i * 7) % 40)), use_from: '', use_place: pick(VILLAGES, i + 2), national_id: demoNationalId(i) }),
  },
  {
    input: {
      slug: 'official-information', name_th: 'ขอข้อมูลข่าวสารของราชการ', name_en: 'Requesting official information',
      summary_th: 'ขอตรวจดูหรือขอสำเนาข้อมูลข่าวสารของราชการตามพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540', summary_en: 'To see or copy official information under the Official Information Act B.E. 2540',
      group_th: 'ข้อมูลข่าวสาร', group_en: 'Information', keywords: 'ข้อมูลข่าวสาร สำเนา มาตรา 11', division: 'สำนักปลัดองค์การบริหารส่วนจังหวัด',
      legal_basis: 'พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540 มาตรา 9 และมาตรา 11\nประกาศคณะกรรมการข้อมูลข่าวสารของราชการ เรื่อง หลักเกณฑ์การเรียกค่าธรรมเนียมการขอสำเนาข้อมูลข่าวสาร',
      channels: `${COUNTER}\nศูนย์ข้อมูลข่าวสาร อบจ. ชั้น 1`, conditions: 'ระบุข้อมูลที่ต้องการให้ชัดเจนพอที่จะค้นหาได้\nข้อมูลที่กฎหมายห้ามเปิดเผย หรือข้อมูลส่วนบุคคลของผู้อื่น อาจไม่เปิดเผยหรือเปิดเผยบางส่วน',
      documents: '', fees: 'ถ่ายสำเนาขนาด A4 หน้าละ 1 บาท\nรับรองสำเนาถูกต้อง ฉบับละ 5 บาท\nส่งไฟล์ทางอีเมล ไม่มีค่าธรรมเนียม', complaint_channel: 'คณะกรรมการข้อมูลข่าวสารของราชการ สำนักงานปลัดสำนักนายกรัฐมนตรี โทรศัพท์ 1111 กด 55\nศูนย์รับเรื่องร้องเรียน อบจ. ทางเว็บไซต์', sample_forms: 'แบบคำขอข้อมูลข่าวสารของราชการ (ขข.1)', is_location_public: false,
    },
    steps: [['รับคำขอและตรวจสอบความครบถ้วน', 30, 'minute', undefined, 'ฝ่ายประชาสัมพันธ์', 'Request checked'], ['ค้นหาและรวบรวมข้อมูล', 7, 'day', 'ประสานส่วนงานที่ครอบครองข้อมูล', undefined, 'Information gathered'], ['พิจารณาการเปิดเผย', 5, 'day', undefined, 'ฝ่ายนิติการ', 'Disclosure decided'], ['แจ้งผลและส่งมอบข้อมูล', 2, 'day', undefined, 'ฝ่ายประชาสัมพันธ์', 'Information handed over']],
    fields: [
      ['information', 'ข้อมูลข่าวสารที่ต้องการ', 'block', true, { hint: 'ระบุชื่อเอกสาร ปี หรือเรื่องให้ชัดเจน', en: 'Information wanted' }],
      ['format', 'รูปแบบที่ต้องการ', 'choice', true, { options: ['ขอตรวจดู', 'สำเนาเอกสาร', 'ไฟล์ทางอีเมล'], en: 'In what form' }],
      ['purpose', 'วัตถุประสงค์ในการนำไปใช้', 'text', false, { en: 'Purpose' }],
    ],
    sample: (i) => ({ information: pick(['สัญญาจ้างก่อสร้างถนนสายบ้านหนองแวง ปี 2568', 'รายงานการประชุมสภา อบจ. สมัยสามัญที่ 2/2569', 'แผนการจัดซื้อจัดจ้างประจำปี 2569'], i), format: String((i % 3) + 1), purpose: 'ศึกษาข้อมูล' }),
  },
  {
    input: {
      slug: 'road-repair', name_th: 'แจ้งซ่อมแซมถนนและสะพานในความรับผิดชอบของ อบจ.', name_en: 'Reporting a road or bridge that needs repair',
      summary_th: 'แจ้งหลุมบ่อ ผิวถนนทรุด ไหล่ทางพัง หรือท่อระบายน้ำอุดตัน บนถนนสายที่ อบจ. ดูแล', summary_en: 'Potholes, sinking surfaces, broken shoulders or blocked drains on the roads the organization maintains',
      group_th: 'สาธารณภัยและสาธารณูปโภค', group_en: 'Disasters and utilities', keywords: 'ถนน หลุม สะพาน ซ่อม', division: ENGINEERING,
      legal_basis: 'พระราชบัญญัติองค์การบริหารส่วนจังหวัด พ.ศ. 2540 มาตรา 45 (8)\nพระราชบัญญัติทางหลวง พ.ศ. 2535 (ทางหลวงท้องถิ่น)',
      channels: `${COUNTER}\nกองช่าง โทรศัพท์ 0 4300 0000 ต่อ 301\nแอปพลิเคชันแจ้งเหตุของจังหวัด (Open311)`, conditions: 'เป็นถนนหรือสะพานในความรับผิดชอบของ อบจ. (ถนนสายอื่นจะส่งต่อหน่วยงานที่รับผิดชอบ)\nระบุตำแหน่งให้ชัดเจน แนบภาพถ่ายถ้ามี',
      documents: '', fees: '', complaint_channel: '', sample_forms: '', is_location_public: true,
    },
    steps: [['ตรวจสอบพื้นที่', 3, 'day', 'นายช่างออกสำรวจจุดที่แจ้ง', ENGINEERING, 'Site survey'], ['ประเมินความเสียหายและวางแผนซ่อม', 5, 'day', undefined, ENGINEERING, 'Repair planned'], ['ดำเนินการซ่อมแซม', 15, 'day', 'ซ่อมเร่งด่วนภายในวันเดียวกรณีเป็นอันตราย', ENGINEERING, 'Repair']],
    fields: [
      ['road', 'ชื่อถนนหรือสายทาง', 'text', true, { public: true, en: 'Road' }],
      ['place', 'ตำแหน่งที่ชำรุด', 'address', true, { hint: 'เช่น หน้าโรงเรียน ก่อนถึงสะพาน กม. ที่', public: true, en: 'Where exactly' }],
      ['problem', 'ลักษณะความชำรุด', 'choice', true, { options: ['หลุมบ่อ', 'ผิวถนนทรุดตัว', 'ไหล่ทางพัง', 'ท่อระบายน้ำอุดตัน', 'สะพานชำรุด'], public: true, en: 'What is wrong' }],
      ['photo', 'ภาพถ่าย', 'file', false, { en: 'Photo' }],
      ['detail', 'รายละเอียดเพิ่มเติม', 'block', false, { public: true, en: 'More detail' }],
    ],
    sample: (i) => ({ road: pick(['ถนนสาย กส.ถ 1-0012 บ้านโนนสูง–บ้านหนองแวง', 'ถนนสาย กส.ถ 1-0045 บ้านดอนยาง–บ้านคำไฮ', 'ถนนสาย กส.ถ 1-0031 บ้านท่าศาลา–ทางหลวง 213'], i), place: pick(['หน้าโรงเรียนบ้านโนนสูง', 'ก่อนถึงสะพานข้ามลำห้วย 200 เมตร', 'ทางโค้งหน้าวัดป่า'], i + 1), problem: String((i % 5) + 1), detail: 'รถจักรยานยนต์เกิดอุบัติเหตุบ่อยครั้ง' }),
  },
  {
    input: {
      slug: 'elderly-allowance', name_th: 'ลงทะเบียนขอรับเงินเบี้ยยังชีพผู้สูงอายุ', name_en: 'Registering for the old-age allowance',
      summary_th: 'ผู้ที่จะมีอายุครบ 60 ปีบริบูรณ์ในปีงบประมาณถัดไป ลงทะเบียนเพื่อรับเงินเบี้ยยังชีพรายเดือน', summary_en: 'People turning 60 in the next fiscal year register for the monthly allowance',
      group_th: 'สวัสดิการสังคม', group_en: 'Social welfare', keywords: 'เบี้ยยังชีพ ผู้สูงอายุ', division: GENERAL,
      legal_basis: 'พระราชบัญญัติผู้สูงอายุ พ.ศ. 2546\nระเบียบกระทรวงมหาดไทยว่าด้วยหลักเกณฑ์การจ่ายเงินเบี้ยยังชีพผู้สูงอายุขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2552 และที่แก้ไขเพิ่มเติม',
      channels: `${COUNTER}\nลงทะเบียนได้ในเดือนตุลาคม–พฤศจิกายน ของทุกปี`, conditions: 'มีสัญชาติไทยและมีชื่อในทะเบียนบ้านในเขตจังหวัด\nมีอายุครบ 60 ปีบริบูรณ์ภายในปีงบประมาณที่ขอรับ\nไม่เป็นผู้ได้รับสวัสดิการหรือสิทธิประโยชน์อื่นใดจากหน่วยงานของรัฐที่ระเบียบกำหนด',
      documents: 'สำเนาบัตรประจำตัวประชาชน\nสำเนาทะเบียนบ้าน\nสำเนาหน้าสมุดบัญชีเงินฝากธนาคาร (กรณีรับเงินโอน)', fees: '', complaint_channel: '', sample_forms: 'แบบคำขอลงทะเบียนรับเงินเบี้ยยังชีพผู้สูงอายุ (ตัวอย่างการกรอก)', is_location_public: false,
    },
    steps: [['ตรวจสอบคุณสมบัติและเอกสาร', 3, 'day', undefined, undefined, 'Eligibility checked'], ['ประกาศรายชื่อผู้มีสิทธิ', 15, 'day', 'ปิดประกาศรายชื่อ 15 วันเพื่อให้ทักท้วง', undefined, 'Names published'], ['บันทึกข้อมูลในระบบและแจ้งผล', 2, 'day', undefined, undefined, 'Registered']],
    fields: [
      ['national_id', 'เลขประจำตัวประชาชน', 'national_id', true, { en: 'National ID number' }],
      ['born_on', 'วันเดือนปีเกิด', 'date', true, { en: 'Date of birth' }],
      ['home', 'ที่อยู่ตามทะเบียนบ้าน', 'address', true, { en: 'Registered address' }],
      ['pay_by', 'วิธีรับเงิน', 'choice', true, { options: ['โอนเข้าบัญชีเงินฝากธนาคาร', 'รับเงินสด'], en: 'Paid by' }],
      ['id_copy', 'สำเนาบัตรประจำตัวประชาชน', 'file', false, { en: 'Copy of the ID card' }],
    ],
    sample: (i) => ({ national_id: demoNationalId(i + 40), born_on: `196${6 + (i % 2)}-0${(i % 9) + 1}-1${i % 10}`, home: pick(VILLAGES, i + 1), pay_by: String((i % 2) + 1) }),
  },
  {
    input: {
      slug: 'building-permit-advice', name_th: 'ขอคำปรึกษาการขออนุญาตก่อสร้างอาคาร', name_en: 'Advice on building permits',
      summary_th: 'นายช่างให้คำปรึกษาเรื่องแบบแปลน เอกสาร และขั้นตอนการขออนุญาตก่อสร้าง ดัดแปลง หรือรื้อถอนอาคาร', summary_en: 'An engineer advises on plans, documents and the steps of a permit to build, alter or demolish',
      group_th: 'การอนุญาต', group_en: 'Permits', keywords: 'ก่อสร้าง อาคาร แบบแปลน ใบอนุญาต', division: ENGINEERING,
      legal_basis: 'พระราชบัญญัติควบคุมอาคาร พ.ศ. 2522 และที่แก้ไขเพิ่มเติม\nพระราชบัญญัติการอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ พ.ศ. 2558',
      channels: `${COUNTER}\nกองช่าง โทรศัพท์ 0 4300 0000 ต่อ 302`, conditions: 'ให้คำปรึกษาเท่านั้น การยื่นขออนุญาตจริงยื่นต่อเจ้าพนักงานท้องถิ่นของพื้นที่\nแนบแบบร่างหรือภาพถ่ายที่ดินเพื่อให้คำแนะนำได้ตรงขึ้น',
      documents: '', fees: '', complaint_channel: '', sample_forms: 'รายการตรวจสอบเอกสารการขออนุญาตก่อสร้างอาคาร (แบบ ข.1)', is_location_public: false,
    },
    steps: [['รับเรื่องและนัดหมาย', 1, 'day', undefined, undefined, 'Appointment made'], ['นายช่างให้คำปรึกษา', 3, 'day', 'ให้คำปรึกษาที่สำนักงาน ทางโทรศัพท์ หรือออกพื้นที่', undefined, 'Advice given']],
    fields: [
      ['building', 'ประเภทอาคาร', 'choice', true, { options: ['บ้านพักอาศัย', 'อาคารพาณิชย์', 'โรงงานหรือโกดัง', 'อื่น ๆ'], en: 'Kind of building' }],
      ['area', 'พื้นที่ใช้สอยโดยประมาณ (ตารางเมตร)', 'number', false, { en: 'Floor area (m²)' }],
      ['site', 'ที่ตั้งอาคาร', 'address', true, { en: 'Site' }],
      ['question', 'เรื่องที่ต้องการคำปรึกษา', 'block', true, { en: 'Your question' }],
      ['plan', 'แบบร่างหรือภาพถ่าย', 'file', false, { en: 'Sketch or photo' }],
    ],
    sample: (i) => ({ building: String((i % 4) + 1), area: String(80 + ((i * 53) % 600)), site: pick(VILLAGES, i + 3), question: pick(['ต้องใช้วิศวกรรับรองแบบหรือไม่', 'ระยะร่นจากถนนสาธารณะต้องเท่าไร', 'ต่อเติมหลังคาคลุมที่จอดรถต้องขออนุญาตหรือไม่'], i) }),
  },
  {
    input: {
      slug: 'service-complaint', name_th: 'ร้องเรียนการให้บริการสาธารณะ', name_en: 'Complaint about a public service',
      summary_th: 'แจ้งปัญหาการให้บริการของ อบจ. เช่น ความล่าช้า การบริการไม่สุภาพ หรือบริการที่ไม่เป็นไปตามคู่มือ (เรื่องทุจริตโปรดใช้ช่องทางร้องเรียนการทุจริต)', summary_en: 'A problem with a service: delay, discourtesy, or not as the manual says (for corruption use the complaints channel)',
      group_th: 'ร้องเรียนและข้อเสนอแนะ', group_en: 'Complaints and suggestions', keywords: 'ร้องเรียน บริการ ล่าช้า', division: 'ฝ่ายบริหารงานทั่วไป',
      legal_basis: 'พระราชกฤษฎีกาว่าด้วยหลักเกณฑ์และวิธีการบริหารกิจการบ้านเมืองที่ดี พ.ศ. 2546 มาตรา 38\nระเบียบสำนักนายกรัฐมนตรีว่าด้วยการจัดการเรื่องราวร้องทุกข์ พ.ศ. 2552',
      channels: `${COUNTER}\nตู้รับความคิดเห็น ชั้น 1\nศูนย์ดำรงธรรมจังหวัด โทรศัพท์ 1567`, conditions: 'ระบุบริการ วันเวลา และสิ่งที่เกิดขึ้น\nไม่ต้องเปิดเผยชื่อก็ได้ แต่ถ้าต้องการรับแจ้งผลโปรดระบุช่องทางติดต่อ',
      documents: '', fees: '', complaint_channel: 'ศูนย์ดำรงธรรมจังหวัด โทรศัพท์ 1567\nสำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติประจำจังหวัด', sample_forms: '', is_location_public: false,
    },
    steps: [['ลงทะเบียนรับเรื่อง', 1, 'day', undefined, undefined, 'Registered'], ['ตรวจสอบข้อเท็จจริง', 7, 'day', 'ส่งให้ส่วนงานที่เกี่ยวข้องชี้แจง', undefined, 'Facts checked'], ['แจ้งผลการดำเนินการ', 2, 'day', undefined, undefined, 'Outcome sent']],
    fields: [
      ['service', 'บริการที่ต้องการร้องเรียน', 'text', true, { en: 'Which service' }],
      ['happened_on', 'วันที่เกิดเหตุ', 'date', false, { en: 'When it happened' }],
      ['detail', 'รายละเอียด', 'block', true, { en: 'What happened' }],
      ['contact_phone', 'หมายเลขโทรศัพท์สำหรับแจ้งผล', 'phone', false, { en: 'Phone for the outcome' }],
    ],
    sample: (i) => ({ service: pick(['ขอใช้สนามกีฬา', 'ยืมเต็นท์', 'รถบรรทุกน้ำ'], i), happened_on: '', detail: pick(['รอรับบริการนานกว่าที่ประกาศไว้', 'เจ้าหน้าที่ไม่แจ้งผลการพิจารณา', 'ได้รับพัสดุไม่ครบตามที่ขอ'], i), contact_phone: '' }),
  },
];

/** A valid (check digit) national ID for the demo, never a real person's: it starts with 9 (not issued to Thais). */
export function demoNationalId(i: number): string {
  const first12 = `9${String(100_000_000_00 + i * 7919).slice(-11)}`;
  const sum = [...first12].reduce((s, d, k) => s + Number(d) * (13 - k), 0);
  return `${first12}${(11 - (sum % 11)) % 10}`;
}

const NAMES = ['นายสมชาย ใจดี', 'นางสาวมาลี ศรีสุข', 'นางบุญเรือง ทองคำ', 'นายประเสริฐ มั่นคง', 'นายวิชัย รักถิ่น', 'นางสาวกนกวรรณ พรมมา', 'นางทองใบ สายสุด', 'นายสุริยา แก้วใส'];
const DAY = 86_400_000;
const MIN = 60_000;

/** A fixed sequence (the same demo on every start): numbers in [0, 1). */
function sequence(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    s = (s ^ (s >>> 12)) >>> 0;
    return (s % 100_000) / 100_000;
  };
}

type Plan = 'done' | 'late' | 'info' | 'reject' | 'open';

/** `now`: the clock the replay runs to (a test sets it to the first hours of a fiscal year). */
export async function seedDemoEservice(p: Platform, ctx: DemoContext, now = Date.now()): Promise<void> {
  const demo = systemActor(ctx.agencyId, 'demo');
  const divisions = new Map((await listDivisions(p.db, ctx.agencyId)).map((d) => [d.name_th, d.id]));
  const divisionOf = (name: string | undefined) => (name ? (divisions.get(name) ?? null) : null);
  const defs: ServiceDef[] = [];
  for (const [i, s] of DEMO_SERVICES.entries()) {
    const { division, ...texts } = s.input;
    const steps: StepInput[] = s.steps.map(([name, duration, unit, detail, div, en]) => ({ name_th: name, name_en: en ?? '', detail_th: detail ?? '', duration, unit, division_id: divisionOf(div) }));
    const fields: FieldInput[] = s.fields.map(([key, label, kind, required, x]) => ({
      field_key: key, label_th: label, label_en: x?.en ?? '', hint_th: x?.hint ?? '', kind, is_required: required, is_public: !!x?.public,
      options: (x?.options ?? []).map((th, k) => ({ key: String(k + 1), th, en: '' })),
    }));
    const id = await saveService(p, demo, null, { ...texts, division_id: divisionOf(division), position: (i + 1) * 10, is_published: true }, steps, fields);
    defs.push((await serviceDef(p.db, ctx.agencyId, { id }))!);
  }
  // one transaction for the whole replay: a few hundred changes load in a moment on either database
  await tx(p.db, (t) => replayRequests(p, ctx.agencyId, defs, t, now));
  await bindOit(p, ctx.agencyId);
}

/** Requests over the previous fiscal year and the current one up to now, through the service functions. */
async function replayRequests(p: Platform, agencyId: number, defs: ServiceDef[], outer: Tx, now: number): Promise<void> {
  const demo = systemActor(agencyId, 'demo');
  const rnd = sequence(2569);
  const current = fiscalYear(new Date(now));
  const plans: Plan[] = ['done', 'done', 'late', 'info', 'done', 'reject', 'done', 'late'];
  const channels: Channel[] = ['online', 'online', 'walk_in', 'online', 'phone', 'online', 'walk_in', 'online'];
  let n = 0;
  for (const year of [current - 1, current]) {
    const start = Date.parse(fiscalYearRange(year).start);
    const span = Math.max(0, Math.min(Date.parse(fiscalYearRange(year).end), now - 2 * DAY) - start);
    for (const [si, def] of defs.entries()) {
      const count = year === current ? (si < 4 ? 2 : 1) : 3 + (si % 2);
      for (let k = 0; k < count; k++, n++) {
        // spread over the year, working hours in Bangkok (08.30–16.00)
        const day = Math.floor(((k + rnd()) / count) * (span / DAY));
        let at = start + day * DAY + (1.5 + rnd() * 7.5) * 3600_000;
        if (at > now - DAY) {
          if (year !== current) continue;
          // the first days of a fiscal year: dated between its start and now, so the current year is never empty
          at = start + (0.1 + rnd() * 0.8) * (now - start);
        }
        const plan: Plan = year === current && k === count - 1 ? 'open' : plans[(n + si) % plans.length]!;
        const channel = channels[(n * 3 + si) % channels.length]!;
        const s = DEMO_SERVICES[si]!;
        const r = await submitRequest(p, agencyId, def, { channel, requester: { name: NAMES[n % NAMES.length]!, email: '', phone: `08${String(10_000_000 + n * 7_654_321).slice(-8)}` }, answers: s.sample(n), files: {} }, channel === 'online' ? null : demo, { at: new Date(at), outer });
        const step = async (fn: () => Promise<void>, after: number): Promise<boolean> => {
          if (at + after > now) return false;
          at += after;
          await fn();
          return true;
        };
        const declared = def.steps.map((st) => st.duration * { minute: 1, hour: 60, day: 1440 }[st.unit] * MIN);
        // taken up within the first step's time, mostly
        if (!(await step(() => accept(p, demo, r.id, { at: new Date(at), outer }), Math.min(declared[0]!, 2 * 3600_000) * (0.2 + rnd() * 0.6)))) continue;
        if (plan === 'reject') {
          await step(() => reject(p, demo, r.id, 'ไม่อยู่ในอำนาจหน้าที่ขององค์การบริหารส่วนจังหวัด ได้ส่งเรื่องต่อหน่วยงานที่รับผิดชอบแล้ว', { at: new Date(at), outer }), declared[0]! * 0.5);
          continue;
        }
        let open = false;
        for (let i = 0; i < def.steps.length; i++) {
          // a step's time: within the manual, or over it for a late request (one step in two)
          const factor = plan === 'late' && i % 2 === 1 ? 1.2 + rnd() * 0.8 : 0.3 + rnd() * 0.6;
          if (plan === 'info' && i === 0) {
            if (!(await step(() => requestInfo(p, demo, r.id, 'โปรดแจ้งจุดสังเกตหรือหมายเลขโทรศัพท์ที่ติดต่อได้เพิ่มเติม', { at: new Date(at), outer }), declared[0]! * 0.3))) { open = true; break; }
            if (!(await step(() => answerInfo(p, agencyId, r.id, 'ติดต่อได้ที่ผู้ใหญ่บ้าน โทรศัพท์ 081 234 5678', null, { at: new Date(at), outer }), DAY * (0.5 + rnd())))) { open = true; break; }
          }
          const last = i === def.steps.length - 1;
          const ok = await step(() => (last ? complete(p, demo, r.id, 'ดำเนินการตามคำขอเรียบร้อยแล้ว', { at: new Date(at), outer }) : nextStep(p, demo, r.id, { at: new Date(at), outer })), declared[i]! * factor);
          if (!ok) { open = true; break; }
          if (plan === 'open' && i === 0) { open = true; break; }
        }
        if (open) continue;
        // most requesters rate; a late service is rated lower
        if (rnd() < 0.8) {
          const rating = plan === 'late' ? 2 + Math.floor(rnd() * 2) : 4 + Math.floor(rnd() * 2);
          const comment = rating >= 5 ? pick(['บริการรวดเร็ว เจ้าหน้าที่สุภาพ', 'สะดวกมาก ไม่ต้องเดินทางไปสำนักงาน', ''], n) : rating <= 3 ? 'ใช้เวลานานกว่าที่คู่มือกำหนด' : '';
          await step(() => rate(p, agencyId, r.id, rating, comment, { at: new Date(at), outer }), DAY * rnd());
        }
      }
    }
  }
}

/** The working system, manuals, statistics and satisfaction bound to the OIT items of every catalogue year that asks. */
async function bindOit(p: Platform, agencyId: number): Promise<void> {
  const demo = systemActor(agencyId, 'demo');
  // statistics only of years that have requests: an empty year is no evidence
  const withData = new Set(await yearsWithRequests(p.db, agencyId));
  for (const year of await listYears(p.db, agencyId)) {
    for (const item of await listItems(p.db, agencyId, year)) {
      const t = item.title_th.replace(/[–—]/g, '-');
      const statsYear = item.recency === 'previous_fy' ? year - 1 : year;
      // 2567–2568 name the item 'E-Service'; 2569 'ระบบการให้บริการผ่านช่องทางออนไลน์ (E-Service)'
      const refs = t.includes('E-Service') ? ['system', 'guide', `statistics/${statsYear}`]
        : t.includes('สถิติการให้บริการ') ? [`statistics/${statsYear}`]
        : t.includes('ความพึงพอใจการให้บริการ') ? [`satisfaction/${item.recency === 'current_or_previous_fy' ? year - 1 : statsYear}`]
        : t.includes('คู่มือหรือมาตรฐานการให้บริการ') || t.includes('คู่มือหรือแนวทางการขอรับบริการ') ? ['manuals']
        : [];
      for (const ref of refs.filter((r) => !/^(statistics|satisfaction)\//.test(r) || withData.has(Number(r.split('/')[1])))) await addBinding(p, demo, year, item.code, { provider: 'eservice', ref });
    }
  }
}
