// Documents made from the one service definition, through the documents core (PDF and DOCX): the citizen's manual
// (คู่มือสำหรับประชาชน, the headings the Licensing Facilitation Act B.E. 2558 asks for), a one-page summary for
// leaflets, the blank request form for the counter, the A4 poster of service channels with QR codes, and the user
// guide of the E-Service system. All in Thai, the language of the agency's official documents.
import type { Block, DocModel } from '../../platform/documents/index.ts';
import { translate, type Lang } from '../../platform/i18n/index.ts';
import { formatDate, toThaiDigits } from '../../platform/thai/index.ts';
import type { SiteInfo } from '../../platform/views/ctx.ts';
import { totalMinutes, type ServiceDef } from './store.ts';
import { formatDuration, formatMinutes } from './timing.ts';

const th = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate('th', key, vars);
const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);

/** Where a unit is named: its division, or the agency when none is given. */
export type DivisionNames = Map<number, string>;
export const unitName = (names: DivisionNames, id: number | null, agency: string) => (id !== null && names.get(id)) || agency;

/** What the manual says under each heading; a heading is never left empty ("ไม่มี", "ไม่มีค่าธรรมเนียม"). */
export function manualTexts(def: ServiceDef, agency: string, names: DivisionNames, baseUrl: string) {
  const s = def.service;
  return {
    unit: unitName(names, s.division_id, agency),
    legal: lines(s.legal_basis),
    channels: [...lines(s.channels), th('eservice.manual.online', { url: `${baseUrl}/e-service/${s.slug}/request` })],
    conditions: lines(s.conditions),
    documents: lines(s.documents),
    fees: lines(s.fees),
    complaint: lines(s.complaint_channel).length ? lines(s.complaint_channel) : [th('eservice.manual.complainDefault', { url: `${baseUrl}/complaints`, agency })],
    samples: lines(s.sample_forms),
    formUrl: `${baseUrl}/e-service/${s.slug}/form.pdf`,
    total: formatMinutes('th', totalMinutes(def.steps)),
  };
}

const numbered = (items: string[], none: string): Block => (items.length ? { kind: 'list', items, ordered: items.length > 1 } : { kind: 'paragraph', content: none });

function stepsTable(def: ServiceDef, names: DivisionNames, agency: string, withDetail: boolean, size?: number): Block {
  return {
    kind: 'table',
    ...(size ? { size } : {}),
    columns: [
      { header: th('eservice.manual.no'), width: 0.5 },
      { header: th('eservice.manual.step'), width: withDetail ? 2.5 : 3 },
      ...(withDetail ? [{ header: th('eservice.manual.detail'), width: 3 }] : []),
      { header: th('eservice.manual.time'), width: 1.2 },
      { header: th('eservice.manual.responsible'), width: 2 },
    ],
    rows: def.steps.map((st, i) => [
      { text: toThaiDigits(String(i + 1)), align: 'center' as const },
      st.name_th,
      ...(withDetail ? [st.detail_th || '-'] : []),
      toThaiDigits(formatDuration('th', st.duration, st.unit)),
      unitName(names, st.division_id ?? def.service.division_id, agency),
    ]),
  };
}

/** The citizen's manual of one service. */
export function manualDoc(def: ServiceDef, agency: string, names: DivisionNames, baseUrl: string): DocModel {
  const s = def.service;
  const m = manualTexts(def, agency, names, baseUrl);
  const title = th('eservice.manual.title', { name: s.name_th });
  const h = (n: number, key: Parameters<typeof th>[0]): Block => ({ kind: 'heading', level: 2, text: `${toThaiDigits(String(n))}. ${th(key)}` });
  return {
    title, author: agency, lang: 'th', pageNumbers: true,
    blocks: [
      { kind: 'heading', level: 1, text: title, align: 'center' },
      { kind: 'paragraph', content: [{ text: `${th('eservice.manual.agency')}: `, bold: true }, agency], align: 'center' },
      ...(s.summary_th ? [{ kind: 'paragraph', content: s.summary_th } as Block] : []),
      h(1, 'eservice.manual.unit'), { kind: 'paragraph', content: m.unit },
      h(2, 'eservice.manual.legal'), numbered(m.legal, th('eservice.manual.none')),
      h(3, 'eservice.manual.channels'), numbered(m.channels, th('eservice.manual.none')),
      h(4, 'eservice.manual.conditions'), numbered(m.conditions, th('eservice.manual.none')),
      h(5, 'eservice.manual.steps'), stepsTable(def, names, agency, true),
      h(6, 'eservice.manual.total'), { kind: 'paragraph', content: toThaiDigits(m.total) },
      h(7, 'eservice.manual.documents'), numbered(m.documents, th('eservice.manual.noDocuments')),
      h(8, 'eservice.manual.fees'), numbered(m.fees, th('eservice.manual.noFee')),
      h(9, 'eservice.manual.complain'), numbered(m.complaint, th('eservice.manual.none')),
      h(10, 'eservice.manual.samples'), { kind: 'list', items: [...m.samples, th('eservice.manual.blankForm', { url: m.formUrl })] },
      { kind: 'spacer', height: 8 },
      { kind: 'keep', blocks: [{ kind: 'qr', value: `${baseUrl}/e-service/${s.slug}`, size: 80, caption: th('eservice.manual.qr', { url: `${baseUrl}/e-service/${s.slug}` }) }] },
      { kind: 'paragraph', content: th('eservice.manual.updated', { date: formatDate(s.updated_at, { thaiDigits: true }) }), size: 13 },
    ],
  };
}

/** One page for a leaflet: steps and times, documents, fees, where to go, a QR code to the service. */
export function summaryDoc(def: ServiceDef, agency: string, names: DivisionNames, baseUrl: string): DocModel {
  const s = def.service;
  const m = manualTexts(def, agency, names, baseUrl);
  const small = 12;
  const paragraphs = (items: string[], none: string): Block[] => (items.length ? items : [none]).map((content) => ({ kind: 'paragraph', content, size: small }));
  return {
    title: th('eservice.summary.title', { name: s.name_th }), author: agency, lang: 'th',
    blocks: [
      { kind: 'heading', level: 2, text: s.name_th, align: 'center' },
      { kind: 'paragraph', content: `${agency} · ${m.unit}`, align: 'center', size: small },
      { kind: 'heading', level: 3, text: th('eservice.summary.steps', { total: toThaiDigits(m.total) }) },
      stepsTable(def, names, agency, false, small),
      {
        kind: 'table', size: small,
        columns: [{ header: th('eservice.manual.documents'), width: 3 }, { header: th('eservice.manual.fees'), width: 2 }],
        rows: [[{ blocks: paragraphs(m.documents, th('eservice.manual.noDocuments')) }, { blocks: paragraphs(m.fees, th('eservice.manual.noFee')) }]],
      },
      {
        kind: 'table', size: small,
        columns: [{ header: th('eservice.manual.channels'), width: 3 }, { header: th('eservice.summary.online'), width: 1.4 }],
        rows: [[{ blocks: paragraphs(m.channels, th('eservice.manual.none')) }, { blocks: [{ kind: 'qr', value: `${baseUrl}/e-service/${s.slug}`, size: 64, caption: th('eservice.summary.qr', { url: `${baseUrl}/e-service/${s.slug}` }) }] }]],
      },
    ],
  };
}

/** The paper form for the counter, from the same fields as the online form. */
export function blankFormDoc(def: ServiceDef, agency: string): DocModel {
  const s = def.service;
  const blank = '.'.repeat(90);
  const field = (label: string, required: boolean, hint?: string): Block[] => [
    { kind: 'paragraph', content: [{ text: `${label}${required ? ' *' : ''}`, bold: true }, ...(hint ? [` (${hint})`] : [])] },
    { kind: 'paragraph', content: blank },
  ];
  return {
    title: th('eservice.form.paper', { name: s.name_th }), author: agency, lang: 'th', pageNumbers: true,
    blocks: [
      { kind: 'heading', level: 1, text: th('eservice.form.paper', { name: s.name_th }), align: 'center' },
      { kind: 'paragraph', content: agency, align: 'center' },
      { kind: 'paragraph', content: th('eservice.form.paperDate'), align: 'right' },
      ...field(th('eservice.field.name'), true),
      ...field(th('eservice.field.phone'), false),
      ...field(th('eservice.field.email'), false, th('eservice.field.emailHint')),
      ...def.fields.flatMap((f) =>
        f.kind === 'choice'
          ? [{ kind: 'paragraph', content: [{ text: `${f.label_th}${f.is_required ? ' *' : ''}`, bold: true }] } as Block, { kind: 'list', items: f.options.map((o) => `☐ ${o.th}`) } as Block]
          : f.kind === 'file'
            ? [{ kind: 'paragraph', content: [{ text: `${f.label_th}${f.is_required ? ' *' : ''}`, bold: true }, ` ${th('eservice.form.paperAttach')}`] } as Block]
            : field(f.label_th, f.is_required, f.hint_th || undefined),
      ),
      { kind: 'paragraph', content: th('eservice.form.paperRequired'), size: 13 },
      { kind: 'signature', lines: [blank.slice(0, 40), th('eservice.form.paperSign')] },
    ],
  };
}

/** The A4 poster for the counter and notice boards: the service channels and QR codes to the E-Service, tracking and complaints. */
export function posterDoc(site: SiteInfo, baseUrl: string, services: string[]): DocModel {
  const qr = (url: string, title: string): { blocks: Block[] } => ({ blocks: [{ kind: 'paragraph', content: [{ text: title, bold: true }], align: 'center' }, { kind: 'qr', value: url, size: 100, caption: url }] });
  return {
    title: th('eservice.poster.title'), author: site.name, lang: 'th',
    blocks: [
      { kind: 'heading', level: 1, text: th('eservice.poster.title'), align: 'center' },
      { kind: 'paragraph', content: [{ text: site.name, bold: true }], align: 'center' },
      { kind: 'paragraph', content: th('eservice.poster.lead'), align: 'center' },
      {
        kind: 'table', columns: [{ header: th('eservice.poster.online'), width: 1 }, { header: th('eservice.poster.track'), width: 1 }, { header: th('eservice.poster.complain'), width: 1 }],
        rows: [[qr(`${baseUrl}/e-service`, th('eservice.poster.onlineQr')), qr(`${baseUrl}/e-service/track`, th('eservice.poster.trackQr')), qr(`${baseUrl}/complaints`, th('eservice.poster.complainQr'))]],
      },
      {
        kind: 'table', size: 13,
        columns: [{ header: th('eservice.poster.services'), width: 1 }, { header: th('eservice.poster.other'), width: 1 }],
        rows: [[
          { blocks: (services.length ? services : [th('eservice.catalogue.none')]).map((content): Block => ({ kind: 'paragraph', content: `• ${content}`, size: 13 })) },
          {
            blocks: [
              ...(site.address ? [th('eservice.poster.counter', { address: site.address, hours: site.hours || '-' })] : []),
              ...(site.phone ? [th('eservice.poster.phone', { phone: site.phone })] : []),
              ...(site.email ? [th('eservice.poster.email', { email: site.email })] : []),
              ...site.channels.filter((c) => /^https?:/.test(c.url)).map((c) => `${c.label}: ${c.url}`),
            ].map((content): Block => ({ kind: 'paragraph', content, size: 13 })),
          },
        ]],
      },
    ],
  };
}

/** The user guide of the E-Service system (OIT from 2569 asks for it with the system and its usage statistics). */
export function guideSections(lang: Lang, agency: string, baseUrl: string, defs: ServiceDef[]): Array<{ heading: string; items: string[] }> {
  const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate(lang, key, vars);
  return [
    { heading: t('eservice.guide.what'), items: [t('eservice.guide.what.1', { agency, url: `${baseUrl}/e-service` }), t('eservice.guide.what.2')] },
    { heading: t('eservice.guide.request'), items: [t('eservice.guide.request.1'), t('eservice.guide.request.2'), t('eservice.guide.request.3'), t('eservice.guide.request.4')] },
    { heading: t('eservice.guide.track'), items: [t('eservice.guide.track.1', { url: `${baseUrl}/e-service/track` }), t('eservice.guide.track.2'), t('eservice.guide.track.3')] },
    { heading: t('eservice.guide.rate'), items: [t('eservice.guide.rate.1')] },
    { heading: t('eservice.guide.other'), items: [t('eservice.guide.other.1'), t('eservice.guide.other.2', { url: `${baseUrl}/complaints` }), t('eservice.guide.other.3', { url: `${baseUrl}/open311/v2/services.json` })] },
    { heading: t('eservice.guide.services'), items: defs.map((d) => `${(lang === 'en' && d.service.name_en) || d.service.name_th} (${formatMinutes(lang, totalMinutes(d.steps))}) ${baseUrl}/e-service/${d.service.slug}`) },
  ];
}

export function guideDoc(agency: string, baseUrl: string, defs: ServiceDef[]): DocModel {
  const title = th('eservice.guide.title');
  return {
    title, author: agency, lang: 'th', pageNumbers: true,
    blocks: [
      { kind: 'heading', level: 1, text: title, align: 'center' },
      { kind: 'paragraph', content: agency, align: 'center' },
      ...guideSections('th', agency, baseUrl, defs).flatMap((s): Block[] => [{ kind: 'heading', level: 2, text: s.heading }, { kind: 'list', items: s.items, ordered: true }]),
      { kind: 'qr', value: `${baseUrl}/e-service`, size: 80, caption: `${baseUrl}/e-service` },
    ],
  };
}
