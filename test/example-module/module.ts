// The example module, declared once: everything the platform needs to know about it is here.
import { defineModule } from '../../src/platform/module.ts';
import { systemActor } from '../../src/platform/auth/users.ts';
import { en, th } from './messages.ts';
import { registerFaqRoutes } from './routes.tsx';
import { addFaq } from './service.ts';
import { listFaq } from './store.ts';
import * as m900 from './migrations/900_example_faq.ts';

export const faqModule = defineModule({
  name: 'faq',
  tables: ['faq_entry'],
  migrations: { '900_example_faq': m900 },
  permissions: { 'faq.manage': ['admin', 'publisher'] },
  messages: { th, en },
  routes: registerFaqRoutes,
  nav: { public: [{ href: '/faq', label: 'faq.nav', order: 75 }] },
  searchKinds: { faq: { th: 'ถาม–ตอบ', en: 'Q&A' } },
  datasets: [{
    key: 'faq',
    title: { th: 'คำถามที่พบบ่อย', en: 'Frequently asked questions' },
    description: { th: 'คำถามและคำตอบ', en: 'Questions and answers' },
    keywords: ['Q&A'],
    columns: [{ key: 'question', title: { th: 'คำถาม', en: 'Question' } }, { key: 'answer', title: { th: 'คำตอบ', en: 'Answer' } }],
    rows: async (db, agencyId) => (await listFaq(db, agencyId)).map((e) => ({ question: e.question, answer: e.answer })),
  }],
  sitemap: async () => [{ path: '/faq' }],
  // the OIT Q&A item asks for a working channel: the page is the evidence
  evidence: [{
    key: 'faq',
    label: { th: 'หน้าถาม–ตอบ', en: 'Q&A page' },
    candidates: async () => [{ ref: 'page', title: 'ถาม–ตอบ (Q&A)', detail: '/faq' }],
    resolve: async (db, agencyId, ref) => (ref === 'page' ? { title: { th: 'ถาม–ตอบ (Q&A)', en: 'Q&A' }, url: '/faq', published: true, fiscalYear: null, period: null, publishedAt: null, attachments: [], issues: (await listFaq(db, agencyId)).length ? [] : [{ key: 'faq.empty' }] } : null),
  }],
  demo: [{ order: 50, run: async (p, ctx) => void (await addFaq(p, systemActor(ctx.agencyId, 'demo'), 'ติดต่อขอรับบริการได้ทางใดบ้าง?', 'ที่สำนักงาน ทางโทรศัพท์ และทางเว็บไซต์')) }],
});
