// The complaint-handling guideline the agency publishes (OIT: แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ),
// written from how this system handles a case, so that what is promised is what happens.
import type { ComplaintSettings } from '../../platform/config.ts';

export interface GuidelineSection {
  heading: string;
  items: string[];
}

export function guideline(lang: 'th' | 'en', agency: string, s: ComplaintSettings): GuidelineSection[] {
  if (lang === 'en') {
    return [
      { heading: '1. Channels', items: [`${agency} takes complaints on its website (24 hours, anonymous allowed), by phone, by letter, in person and by email.`, 'Every case gets a 16-digit receipt; the complainant follows the case and writes to the officers with it.'] },
      { heading: '2. Receiving and recording', items: ['Cases received by phone, letter or in person are recorded by the complaint officer in the same system and the complainant is given the receipt.', `A case is taken up within ${s.ackDays} days and concluded within ${s.concludeDays} days; the system alerts the officers to cases past either time.`] },
      { heading: '3. Confidentiality and protection', items: ['What is written, who wrote it and the files are encrypted; only the officers in charge can open them. No IP address is recorded.', 'Seeing a complainant’s identity needs a stated reason and is recorded in the audit log. Staff with a conflict of interest are excluded from the case.', 'Complainants and witnesses are protected from any harm for having complained.'] },
      { heading: '4. Consideration', items: ['The officer reviews the case, investigates the facts, and decides: resolved, dismissed with reasons, or forwarded to the competent body (NACC, PACC, Damrongtham Centre, Ombudsman, police).', 'The complainant is told of each step on the follow-up page.'] },
      { heading: '5. Reporting', items: ['Statistics of cases (received, finished, in progress, by kind, topic and channel) are published each fiscal year and half year, without anything that could identify a person, and reported to the head of the agency.', `The content and files of a closed case are deleted ${s.retentionDays} days after it is closed; its statistics remain.`] },
    ];
  }
  return [
    { heading: '1. ช่องทางการร้องเรียน', items: [`${agency}รับเรื่องร้องเรียนทางเว็บไซต์ (ตลอด 24 ชั่วโมง ไม่ต้องเปิดเผยตัวตนได้) ทางโทรศัพท์ หนังสือ ด้วยตนเอง และอีเมล`, 'ทุกเรื่องได้รับรหัสรับเรื่อง 16 หลัก ผู้ร้องเรียนใช้รหัสนี้ติดตามผลและส่งข้อความถึงเจ้าหน้าที่'] },
    { heading: '2. การรับและลงทะเบียนเรื่อง', items: ['เรื่องที่รับทางโทรศัพท์ หนังสือ หรือด้วยตนเอง เจ้าหน้าที่บันทึกเข้าระบบเดียวกันและมอบรหัสรับเรื่องแก่ผู้ร้องเรียน', `รับเรื่องภายใน ${s.ackDays} วัน และพิจารณาให้ได้ข้อยุติภายใน ${s.concludeDays} วัน ระบบแจ้งเตือนเจ้าหน้าที่เมื่อเรื่องใดเลยกำหนด`] },
    { heading: '3. การรักษาความลับและการคุ้มครองผู้ร้องเรียน', items: ['เนื้อหา ตัวตนของผู้ร้องเรียน และไฟล์หลักฐานถูกเข้ารหัส เปิดอ่านได้เฉพาะเจ้าหน้าที่ผู้รับผิดชอบ ระบบไม่บันทึกที่อยู่ IP', 'การดูข้อมูลผู้ร้องเรียนต้องระบุเหตุผลและถูกบันทึกในบันทึกการตรวจสอบ บุคลากรที่มีส่วนได้เสียถูกกันออกจากเรื่อง', 'ผู้ร้องเรียนและพยานได้รับความคุ้มครองไม่ให้ได้รับผลกระทบจากการร้องเรียน'] },
    { heading: '4. การพิจารณาเรื่อง', items: ['เจ้าหน้าที่พิจารณาเรื่อง ตรวจสอบข้อเท็จจริง และมีข้อยุติ: ดำเนินการแล้ว ยุติเรื่องพร้อมเหตุผล หรือส่งต่อหน่วยงานที่มีอำนาจ (สำนักงาน ป.ป.ช. สำนักงาน ป.ป.ท. ศูนย์ดำรงธรรม ผู้ตรวจการแผ่นดิน สถานีตำรวจ)', 'ผู้ร้องเรียนทราบความคืบหน้าทุกขั้นตอนทางหน้าติดตามเรื่อง'] },
    { heading: '5. การรายงานผล', items: ['เผยแพร่สถิติเรื่องร้องเรียน (จำนวนที่รับ ดำเนินการแล้วเสร็จ อยู่ระหว่างดำเนินการ แยกตามประเภท ลักษณะเรื่อง และช่องทาง) ทุกปีงบประมาณและทุกครึ่งปี โดยไม่มีข้อมูลที่ระบุตัวบุคคลได้ และรายงานให้ผู้บริหารทราบ', `เนื้อหาและไฟล์ของเรื่องที่ปิดแล้วจะถูกลบเมื่อครบ ${s.retentionDays} วันนับแต่วันปิดเรื่อง คงไว้เฉพาะข้อมูลสถิติ`] },
  ];
}
