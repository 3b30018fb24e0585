// The module's catalogue: Thai first; English must have every key (checked by its type).
export const th = {
  'faq.nav': 'ถาม–ตอบ',
  'faq.title': 'ถาม–ตอบ (Q&A)',
  'faq.empty': 'ยังไม่มีคำถาม',
  'faq.question': 'คำถาม',
  'faq.answer': 'คำตอบ',
  'faq.add': 'เพิ่มคำถาม',
  'faq.added': 'เพิ่มคำถามแล้ว',
  'faq.err.notAQuestion': 'คำถามต้องลงท้ายด้วย ? หรือ ไหม',
} as const;

export const en: Record<keyof typeof th, string> = {
  'faq.nav': 'Q&A',
  'faq.title': 'Questions and answers',
  'faq.empty': 'No questions yet',
  'faq.question': 'Question',
  'faq.answer': 'Answer',
  'faq.add': 'Add a question',
  'faq.added': 'The question was added',
  'faq.err.notAQuestion': 'A question ends with ? or ไหม',
};

declare module '../../src/platform/i18n/index.ts' {
  interface ModuleMessages extends Record<keyof typeof th, true> {}
}
