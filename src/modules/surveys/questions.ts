// The internal pre-assessment: the five IIT indicators of the NACC's ITA (FRAMEWORK.md §1 and §6) with questions
// on the topics §6 lists for each, written for this platform (not the NACC's own wording), and the scales §6
// describes: four levels (น้อยที่สุดหรือไม่มีเลย 0, น้อย 33.33, มาก 66.67, มากที่สุด 100) and, for misconduct seen,
// มี (0) or ไม่มี (100), reverse-scored. Item score = mean of the answers; indicator = mean of its items.
// Scores are kept in hundredths (0–10000). A round keeps the key of its question set: a later set never changes the
// meaning of an earlier round's counts.
import type { Lang } from '../../platform/i18n/index.ts';

export type QuestionKind = 'level' | 'yesno';

export interface Question {
  key: string;
  kind: QuestionKind;
  th: string;
  en: string;
}

export interface Topic {
  /** the indicator's number in the ITA (1–5 are the IIT's) */
  no: number;
  th: string;
  en: string;
  questions: Question[];
}

/** Answers a question takes, best first as the form lists them, with their score in hundredths. */
export const SCALES: Record<QuestionKind, Array<{ score: number; th: string; en: string }>> = {
  level: [
    { score: 10000, th: 'มากที่สุด', en: 'Very much' },
    { score: 6667, th: 'มาก', en: 'Much' },
    { score: 3333, th: 'น้อย', en: 'A little' },
    { score: 0, th: 'น้อยที่สุดหรือไม่มีเลย', en: 'Very little or not at all' },
  ],
  yesno: [
    { score: 10000, th: 'ไม่มี', en: 'No' },
    { score: 0, th: 'มี', en: 'Yes' },
  ],
};

const level = (key: string, th: string, en: string): Question => ({ key, kind: 'level', th, en });
const yesno = (key: string, th: string, en: string): Question => ({ key, kind: 'yesno', th, en });

/** The question set of 2570 (key 'iit-v1'): 30 questions, as many as the national IIT of 2567. */
const IIT_V1: Topic[] = [
  {
    no: 1, th: 'การปฏิบัติหน้าที่', en: 'Performance of duty',
    questions: [
      level('i1', 'บุคลากรในหน่วยงานของท่านปฏิบัติงานตามขั้นตอนและระยะเวลาที่กำหนด มากน้อยเพียงใด', 'To what extent do the staff of your agency follow the set steps and timeframes?'),
      level('i2', 'บุคลากรในหน่วยงานของท่านให้บริการผู้มาติดต่อทั่วไปและผู้ที่รู้จักเป็นการส่วนตัวอย่างเท่าเทียมกัน มากน้อยเพียงใด', 'To what extent do the staff of your agency serve strangers and people they know personally equally?'),
      level('i3', 'บุคลากรในหน่วยงานของท่านมุ่งผลสำเร็จของงาน ให้ความสำคัญกับงานมากกว่าธุระส่วนตัว และพร้อมรับผิดชอบเมื่อเกิดความผิดพลาด มากน้อยเพียงใด', 'To what extent do the staff of your agency put results first, put work before private business and own their mistakes?'),
      yesno('i4', 'ในปีที่ผ่านมา ท่านเคยพบเห็นบุคลากรในหน่วยงานเรียกรับเงิน ทรัพย์สิน หรือประโยชน์อื่นใด เพื่อแลกกับการปฏิบัติหน้าที่หรือการให้บริการ หรือไม่', 'In the past year, have you seen staff of your agency ask for money, property or any other benefit in exchange for doing their duty or giving a service?'),
      yesno('i5', 'ในปีที่ผ่านมา ท่านเคยพบเห็นบุคลากรในหน่วยงานรับของขวัญหรือประโยชน์อื่นใดเกินกว่าธรรมเนียมปฏิบัติจากผู้มาติดต่อ หรือไม่', 'In the past year, have you seen staff of your agency accept gifts or benefits beyond custom from people they deal with?'),
      yesno('i6', 'ในปีที่ผ่านมา ท่านเคยพบเห็นหน่วยงานหรือบุคลากรให้ของขวัญหรือประโยชน์แก่บุคคลภายนอกเพื่อสร้างความสัมพันธ์โดยหวังประโยชน์ หรือไม่', 'In the past year, have you seen your agency or its staff give gifts or benefits to outsiders to build ties in the hope of a favour?'),
    ],
  },
  {
    no: 2, th: 'การใช้งบประมาณ', en: 'Use of budget',
    questions: [
      level('i7', 'ท่านรู้เกี่ยวกับแผนการใช้จ่ายงบประมาณประจำปีของหน่วยงาน มากน้อยเพียงใด', 'How much do you know about your agency’s annual spending plan?'),
      level('i8', 'หน่วยงานของท่านใช้จ่ายงบประมาณอย่างคุ้มค่า ตรงตามวัตถุประสงค์ และไม่ใช้เพื่อประโยชน์ส่วนตัวหรือพวกพ้อง มากน้อยเพียงใด', 'To what extent does your agency spend its budget for value, for its purpose, and not for private or group benefit?'),
      yesno('i9', 'ในปีที่ผ่านมา ท่านเคยพบเห็นการเบิกจ่ายที่เป็นเท็จ เช่น ค่าทำงานล่วงเวลา ค่าวัสดุ หรือค่าเดินทาง หรือไม่', 'In the past year, have you seen false claims, for example for overtime, materials or travel?'),
      level('i10', 'การจัดซื้อจัดจ้างของหน่วยงานของท่านโปร่งใส ตรวจสอบได้ และไม่เอื้อประโยชน์ให้ผู้ประกอบการรายใดรายหนึ่ง มากน้อยเพียงใด', 'To what extent is your agency’s procurement transparent, open to checks, and free of favour to any one vendor?'),
      level('i11', 'ท่านสามารถสอบถาม ทักท้วง หรือร้องเรียนเกี่ยวกับการใช้จ่ายงบประมาณของหน่วยงานได้ มากน้อยเพียงใด', 'To what extent can you ask about, question or complain about your agency’s spending?'),
      level('i12', 'หน่วยงานของท่านเปิดโอกาสให้บุคลากรมีส่วนร่วมในการติดตามตรวจสอบการใช้จ่ายงบประมาณ มากน้อยเพียงใด', 'To what extent does your agency let staff take part in monitoring its spending?'),
    ],
  },
  {
    no: 3, th: 'การใช้อำนาจ', en: 'Use of power',
    questions: [
      level('i13', 'ผู้บังคับบัญชาของท่านมอบหมายงานอย่างเป็นธรรม มากน้อยเพียงใด', 'To what extent does your superior assign work fairly?'),
      level('i14', 'ผู้บังคับบัญชาของท่านประเมินผลการปฏิบัติงานอย่างเป็นธรรมตามผลงาน มากน้อยเพียงใด', 'To what extent does your superior appraise performance fairly, by results?'),
      level('i15', 'ผู้บังคับบัญชาของท่านคัดเลือกบุคลากรเข้ารับการฝึกอบรม ศึกษาดูงาน หรือรับทุน อย่างเป็นธรรม มากน้อยเพียงใด', 'To what extent does your superior select staff for training, study visits or grants fairly?'),
      yesno('i16', 'ในปีที่ผ่านมา ท่านเคยถูกผู้บังคับบัญชาสั่งให้ทำธุระส่วนตัวของผู้บังคับบัญชา หรือไม่', 'In the past year, has a superior ordered you to run their private errands?'),
      yesno('i17', 'ในปีที่ผ่านมา ท่านเคยถูกผู้บังคับบัญชาสั่งให้ทำในสิ่งที่ไม่ถูกต้องหรือขัดต่อระเบียบ หรือไม่', 'In the past year, has a superior ordered you to do something wrong or against the rules?'),
      yesno('i18', 'ในปีที่ผ่านมา ท่านเคยพบเห็นการซื้อขายตำแหน่ง หรือการเอื้อประโยชน์ให้พวกพ้องในการแต่งตั้ง โยกย้าย หรือเลื่อนตำแหน่ง หรือไม่', 'In the past year, have you seen positions bought, or favouritism in appointments, transfers or promotions?'),
    ],
  },
  {
    no: 4, th: 'การใช้ทรัพย์สินของราชการ', en: 'Use of state property',
    questions: [
      yesno('i19', 'ในปีที่ผ่านมา ท่านเคยพบเห็นบุคลากรนำทรัพย์สินของราชการไปใช้ประโยชน์ส่วนตัว หรือไม่', 'In the past year, have you seen staff take state property for private use?'),
      level('i20', 'การขอยืมทรัพย์สินของราชการไปใช้ปฏิบัติงานอย่างถูกต้องตามขั้นตอนทำได้สะดวก มากน้อยเพียงใด', 'How easy is it to borrow state property for work, properly and by the rules?'),
      yesno('i21', 'ในปีที่ผ่านมา ท่านเคยพบเห็นบุคคลภายนอกนำทรัพย์สินของราชการไปใช้โดยไม่ได้รับอนุญาต หรือไม่', 'In the past year, have you seen outsiders use state property without permission?'),
      level('i22', 'ท่านรู้แนวปฏิบัติการใช้ทรัพย์สินของราชการที่ถูกต้อง มากน้อยเพียงใด', 'How well do you know the rules for using state property properly?'),
      level('i23', 'หน่วยงานของท่านกำกับดูแลและตรวจสอบการใช้ทรัพย์สินของราชการเพื่อป้องกันการนำไปใช้ส่วนตัว มากน้อยเพียงใด', 'To what extent does your agency supervise and check the use of state property to prevent private use?'),
    ],
  },
  {
    no: 5, th: 'การแก้ไขปัญหาการทุจริต', en: 'Anti-corruption',
    questions: [
      level('i24', 'ผู้บริหารสูงสุดของหน่วยงานของท่านให้ความสำคัญกับการต่อต้านการทุจริต มากน้อยเพียงใด', 'To what extent does the head of your agency take anti-corruption seriously?'),
      level('i25', 'หน่วยงานของท่านปรับปรุงกระบวนการทำงานเพื่อป้องกันการทุจริต มากน้อยเพียงใด', 'To what extent has your agency improved its ways of working to prevent corruption?'),
      yesno('i26', 'ในปีที่ผ่านมา ท่านเคยพบเห็นปัญหาการทุจริตในหน่วยงานของท่าน หรือไม่', 'In the past year, have you seen corruption in your agency?'),
      level('i27', 'หน่วยงานของท่านเฝ้าระวัง ตรวจสอบ และลงโทษเมื่อพบการทุจริต มากน้อยเพียงใด', 'To what extent does your agency watch for, investigate and punish corruption?'),
      level('i28', 'หน่วยงานของท่านนำผลการตรวจสอบของหน่วยตรวจสอบภายในและภายนอกไปปรับปรุงการทำงาน มากน้อยเพียงใด', 'To what extent does your agency act on the findings of internal and external audits?'),
      level('i29', 'หากพบเห็นการทุจริต ท่านมั่นใจที่จะร้องเรียนหรือแจ้งเบาะแส มากน้อยเพียงใด', 'If you saw corruption, how confident would you be to report it?'),
      level('i30', 'ท่านมั่นใจว่าผู้ร้องเรียนหรือผู้แจ้งเบาะแสจะได้รับการคุ้มครองและไม่ได้รับผลกระทบ มากน้อยเพียงใด', 'How confident are you that people who report corruption are protected and suffer no harm?'),
    ],
  },
];

export const QUESTION_SETS: Record<string, Topic[]> = { 'iit-v1': IIT_V1 };
/** The set new rounds use. */
export const CURRENT_SET = 'iit-v1';

export function topicsOf(set: string): Topic[] {
  const topics = QUESTION_SETS[set];
  if (!topics) throw new Error(`unknown question set ${set}`);
  return topics;
}

export const questionsOf = (set: string): Question[] => topicsOf(set).flatMap((t) => t.questions);

/** The form field of a question. */
export const fieldOf = (q: Pick<Question, 'key'>): string => `q_${q.key}`;

export const pickLang = (lang: Lang, b: { th: string; en: string }): string => (lang === 'en' ? b.en : b.th);
