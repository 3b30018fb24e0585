// The rules on accepting gifts, as the module applies them and as staff and the public read them: section 128 of the
// organic act on anti-corruption B.E. 2561 and the NACC announcement on accepting property or benefits on the basis of
// moral relationship B.E. 2563 (from relatives, what befits the relationship; from anyone else, at most 3,000 baht per
// person per occasion; what is given to people in general).
import type { Lang } from '../../platform/i18n/index.ts';

export const GIVER_TYPES = ['relative', 'private_person', 'company', 'government', 'other'] as const;
export type GiverType = (typeof GIVER_TYPES)[number];

export const DISPOSITIONS = ['returned', 'handed_over', 'kept_within_limit'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** At most this much (satang) from one person who is not a relative, on one occasion: 3,000 baht. */
export const LIMIT_SATANG = 300_000;
/** The largest value a declaration takes: 10 million baht. */
export const MAX_VALUE_SATANG = 1_000_000_000;

export const MANAGE = 'nogift.manage';
export const DECLARE = 'nogift.declare';

/** Only a gift within the rules may be kept: from a relative, or at most 3,000 baht from anyone else. */
export function mayKeep(giver: GiverType, valueSatang: number): boolean {
  return giver === 'relative' || valueSatang <= LIMIT_SATANG;
}

export interface RuleSection {
  id: string;
  heading: string;
  items: string[];
}

/** The rules explained for staff (and the public), in plain words; the act and the announcement are authoritative. */
export const RULES: Record<Lang, { intro: string; sections: RuleSection[]; note: string }> = {
  th: {
    intro: 'เจ้าหน้าที่ของรัฐรับของขวัญ ทรัพย์สิน หรือประโยชน์อื่นใดได้เฉพาะที่กฎหมายอนุญาต และตามนโยบายไม่รับของขวัญของหน่วยงาน ไม่ควรรับของขวัญจากการปฏิบัติหน้าที่เลย สรุปหลักเกณฑ์ที่ต้องรู้ได้ดังนี้',
    sections: [
      {
        id: 'law',
        heading: 'กฎหมายห้ามอะไร',
        items: [
          'มาตรา 128 แห่งพระราชบัญญัติประกอบรัฐธรรมนูญว่าด้วยการป้องกันและปราบปรามการทุจริต พ.ศ. 2561 ห้ามเจ้าหน้าที่ของรัฐรับทรัพย์สินหรือประโยชน์อื่นใดจากบุคคล นอกเหนือจากที่ควรได้ตามกฎหมาย กฎ หรือข้อบังคับ เว้นแต่เป็นการรับโดยธรรมจรรยาตามหลักเกณฑ์และจำนวนที่คณะกรรมการ ป.ป.ช. กำหนด',
          'ข้อห้ามนี้ใช้กับผู้ที่พ้นจากการเป็นเจ้าหน้าที่ของรัฐมาแล้วยังไม่ถึงสองปีด้วย',
          'ผู้ฝ่าฝืนมีโทษตามมาตรา 169 จำคุกไม่เกินสามปี หรือปรับไม่เกินหกหมื่นบาท หรือทั้งจำทั้งปรับ',
        ],
      },
      {
        id: 'allowed',
        heading: 'รับได้เฉพาะกรณีใด',
        items: [
          'ตามประกาศคณะกรรมการ ป.ป.ช. เรื่อง หลักเกณฑ์การรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยาของเจ้าหน้าที่ของรัฐ พ.ศ. 2563 รับได้เพียงสามกรณี',
          'จากญาติ ซึ่งให้โดยเสน่หาตามจำนวนที่เหมาะสมตามฐานานุรูป ไม่กำหนดมูลค่าสูงสุด ญาติ ได้แก่ ผู้บุพการี ผู้สืบสันดาน พี่น้องร่วมบิดามารดาหรือร่วมบิดาหรือมารดาเดียวกัน ลุง ป้า น้า อา คู่สมรส ผู้บุพการีหรือผู้สืบสันดานของคู่สมรส บุตรบุญธรรมหรือผู้รับบุตรบุญธรรม',
          'จากบุคคลอื่นที่ไม่ใช่ญาติ มีราคาหรือมูลค่าไม่เกิน 3,000 บาท ต่อบุคคล ต่อโอกาส',
          'ที่ให้ในลักษณะให้แก่บุคคลทั่วไป เช่น ของที่ระลึกที่แจกแก่ผู้ร่วมงานทุกคน',
        ],
      },
      {
        id: 'over',
        heading: 'เมื่อได้รับของที่เกินหลักเกณฑ์',
        items: [
          'ของขวัญหรือประโยชน์จากผู้ที่ไม่ใช่ญาติที่มีมูลค่าเกิน 3,000 บาท เก็บไว้เองไม่ได้',
          'หากจำเป็นอย่างยิ่งต้องรับไว้เพื่อรักษาไมตรี มิตรภาพ หรือความสัมพันธ์อันดี ให้รายงานผู้บังคับบัญชาโดยเร็ว',
          'หากผู้บังคับบัญชาเห็นว่าไม่สมควรรับ ให้ส่งคืนผู้ให้ทันที ถ้าคืนไม่ได้ ให้ส่งมอบเป็นสิทธิของหน่วยงานโดยเร็ว',
        ],
      },
      {
        id: 'policy',
        heading: 'นโยบายไม่รับของขวัญ (No Gift Policy) ของหน่วยงาน',
        items: [
          'ผู้บริหารและเจ้าหน้าที่ทุกคนไม่รับของขวัญและของกำนัลจากการปฏิบัติหน้าที่ ทั้งก่อน ระหว่าง และหลังการปฏิบัติหน้าที่ แม้มีมูลค่าไม่เกิน 3,000 บาท',
          'ไม่ให้ของขวัญแก่ผู้บังคับบัญชาหรือบุคคลในครอบครัวของผู้บังคับบัญชา แสดงความยินดีหรือขอบคุณด้วยการ์ด คำอวยพร หรือการลงนามในสมุดอวยพรแทน',
          'เมื่อได้รับของขวัญหรือประโยชน์ใด ให้แจ้งในระบบ (เมนู แจ้งการรับของขวัญ) ระบุวันที่ ประเภทผู้ให้ มูลค่า โอกาส และสิ่งที่ทำกับของนั้น: ส่งคืน ส่งมอบให้หน่วยงาน หรือเก็บไว้ภายในหลักเกณฑ์',
        ],
      },
      {
        id: 'report',
        heading: 'การรายงานต่อสาธารณะ',
        items: [
          'หน่วยงานเผยแพร่รายงานการรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยาทุกปีงบประมาณ แสดงวันที่ ประเภทผู้ให้ มูลค่า โอกาส และการดำเนินการ',
          'รายงานไม่แสดงชื่อผู้ให้ ชื่อเจ้าหน้าที่ผู้รับ และรายละเอียดที่อาจระบุตัวบุคคลได้',
        ],
      },
    ],
    note: 'ข้อความนี้เป็นสรุปเพื่อความเข้าใจ หากมีข้อสงสัย ให้ยึดตามพระราชบัญญัติและประกาศคณะกรรมการ ป.ป.ช. หรือสอบถามเจ้าหน้าที่ด้านคุณธรรมและความโปร่งใส',
  },
  en: {
    intro: 'Public officials may accept gifts, property or other benefits only as the law allows, and under the agency’s No Gift Policy should accept no gift for their official duties at all. The rules in short:',
    sections: [
      {
        id: 'law',
        heading: 'What the law forbids',
        items: [
          'Section 128 of the Organic Act on Anti-Corruption B.E. 2561 (2018) forbids public officials to accept property or any other benefit from anyone beyond what they are entitled to by law, rules or regulations, except on the basis of moral relationship under the criteria and amounts set by the National Anti-Corruption Commission (NACC).',
          'The prohibition also applies for two years after a person leaves office.',
          'Breaking it is punishable under section 169 with imprisonment of up to three years, a fine of up to 60,000 baht, or both.',
        ],
      },
      {
        id: 'allowed',
        heading: 'What may be accepted',
        items: [
          'Under the NACC Announcement on the criteria for public officials accepting property or other benefits on the basis of moral relationship B.E. 2563 (2020), only three cases are allowed:',
          'From relatives, given out of affection in an amount befitting the relationship; there is no fixed limit. Relatives are ascendants, descendants, full or half siblings, uncles and aunts, the spouse, the spouse’s ascendants and descendants, and adopted children or adoptive parents.',
          'From anyone else, worth no more than 3,000 baht per person per occasion.',
          'What is given to people in general, such as a souvenir given to everyone at an event.',
        ],
      },
      {
        id: 'over',
        heading: 'When a gift is beyond the rules',
        items: [
          'A gift or benefit worth more than 3,000 baht from someone who is not a relative may not be kept.',
          'If it truly has to be accepted to preserve goodwill, friendship or good relations, report it to your superior at once.',
          'If your superior finds it should not be accepted, return it to the giver at once; if it cannot be returned, hand it over to the agency as soon as possible.',
        ],
      },
      {
        id: 'policy',
        heading: 'The agency’s No Gift Policy',
        items: [
          'The executives and all staff accept no gifts or presents for their official duties, before, during or after performing them, even when worth no more than 3,000 baht.',
          'Give no gifts to superiors or their families; congratulate or thank them with a card, good wishes or by signing a book of wishes instead.',
          'Whenever you receive a gift or benefit, declare it in the system (menu: Declare a gift) with the date, the kind of giver, its value, the occasion and what you did with it: returned, handed over to the agency, or kept within the rules.',
        ],
      },
      {
        id: 'report',
        heading: 'Public reporting',
        items: [
          'The agency publishes a report on property and benefits received on the basis of moral relationship each fiscal year, showing the date, the kind of giver, the value, the occasion and what was done.',
          'The report never shows the giver’s name, the name of the official who received it, or any detail that could identify a person.',
        ],
      },
    ],
    note: 'This is a summary to help understanding. In case of doubt the Act and the NACC announcement prevail; ask the integrity officer.',
  },
};

/** A default declaration text for a fiscal year (the form starts from it; the head of the agency signs it). */
export function defaultDeclaration(agencyName: string, year: number): { th: string; en: string } {
  return {
    th: [
      `${agencyName} มุ่งมั่นบริหารงานด้วยความซื่อสัตย์สุจริต โปร่งใส และตรวจสอบได้ จึงประกาศเจตนารมณ์นโยบายไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift Policy) ประจำปีงบประมาณ พ.ศ. ${year}`,
      'ผู้บริหารและเจ้าหน้าที่ทุกคนจะไม่รับของขวัญ ของกำนัล หรือประโยชน์อื่นใดจากการปฏิบัติหน้าที่ ทั้งก่อน ระหว่าง และหลังการปฏิบัติหน้าที่ และจะไม่ให้ของขวัญแก่ผู้บังคับบัญชาหรือผู้อื่นเพื่อประโยชน์ในหน้าที่',
      'กรณีมีความจำเป็นต้องรับ จะปฏิบัติตามมาตรา 128 แห่งพระราชบัญญัติประกอบรัฐธรรมนูญว่าด้วยการป้องกันและปราบปรามการทุจริต พ.ศ. 2561 และประกาศคณะกรรมการ ป.ป.ช. เรื่อง หลักเกณฑ์การรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยาของเจ้าหน้าที่ของรัฐ พ.ศ. 2563 และรายงานทุกครั้ง',
    ].join('\n\n'),
    en: [
      `${agencyName} is committed to honest, transparent and accountable administration, and declares its policy of accepting no gifts or presents of any kind for official duties (No Gift Policy) for fiscal year B.E. ${year}.`,
      'The executives and all staff will accept no gifts, presents or other benefits for their official duties, before, during or after performing them, and will give no gifts to superiors or others for an official advantage.',
      'Where accepting is unavoidable, they will follow section 128 of the Organic Act on Anti-Corruption B.E. 2561 and the NACC Announcement on accepting property or other benefits on the basis of moral relationship B.E. 2563, and declare it every time.',
    ].join('\n\n'),
  };
}
