// The analysis of last year's ITA result, drafted from the scores and the recommendations; edited, signed
// off by the head of agency and published through the publishing workflow.
import type { Platform } from '../../platform/platform.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import type { CurrentUser } from '../../platform/auth/users.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { createContent } from '../publishing/index.ts';
import { listExecutives } from '../agency/index.ts';
import { formatDate } from '../../platform/thai/index.ts';
import { fmtScore, levelOf } from './rules.ts';
import { getResult, rulesFor, yearPlan } from './store.ts';

/** Indicators scoring under 85 count as weak (the benchmark used by NACC's reports). */
export const WEAK_BELOW = 8500;

export async function draftAnalysis(p: Platform, actor: CurrentUser, year: number): Promise<number> {
  requirePermission(actor, 'integrity.manage');
  const from = year - 1;
  const result = await getResult(p.db, actor.agencyId, from);
  if (!result) throw new ValidationError({ _form: { key: 'integrity.err.noSource', vars: { year: from } } });
  const rules = await rulesFor(p.db, actor.agencyId, from);
  const level = levelOf(rules, result.total, result);
  const plan = await yearPlan(p.db, actor.agencyId, from);
  const scored = rules.indicators.filter((i) => typeof result.indicators[i.no] === 'number');
  const weak = scored.filter((i) => result.indicators[i.no]! < WEAK_BELOW).sort((a, b) => result.indicators[a.no]! - result.indicators[b.no]!);
  const tools = (['iit', 'eit', 'oit'] as const).filter((t) => result[t] < WEAK_BELOW);
  const lines = [
    `## ผลการประเมิน ITA ประจำปี ${from}`,
    '',
    `คะแนนรวม ${fmtScore(result.total)} คะแนน ระดับ “${level.level_th}” (IIT ${fmtScore(result.iit)} · EIT ${fmtScore(result.eit)} · OIT ${fmtScore(result.oit)})`,
    '',
    ...(scored.length ? ['| ตัวชี้วัด | คะแนน |', '| --- | ---: |', ...scored.map((i) => `| ${i.no}. ${i.name_th} | ${fmtScore(result.indicators[i.no]!)} |`), ''] : []),
    '## จุดที่ต้องพัฒนาเร่งด่วน (คะแนนต่ำกว่า 85)',
    '',
    ...(weak.length || tools.length
      ? [...tools.map((t) => `- เครื่องมือ ${t.toUpperCase()} ได้ ${fmtScore(result[t])} คะแนน`), ...weak.map((i) => `- ตัวชี้วัดที่ ${i.no} ${i.name_th} ได้ ${fmtScore(result.indicators[i.no]!)} คะแนน`)]
      : ['- ไม่มีตัวชี้วัดที่ได้คะแนนต่ำกว่า 85 คะแนน ให้รักษามาตรฐานและพัฒนาตัวชี้วัดที่ได้คะแนนต่ำที่สุด']),
    '',
    '## ข้อเสนอแนะของผู้ประเมินและแนวทางการนำไปสู่การปฏิบัติ',
    '',
  ];
  for (const issue of plan.issues) {
    lines.push(`### ${issue.no}. ${issue.title_th}`, '');
    for (const r of plan.recommendations.filter((x) => x.issue_id === issue.id)) lines.push(`- ข้อเสนอแนะ: ${r.text_th}`);
    for (const m of plan.measures.filter((x) => x.issue_id === issue.id)) lines.push(`- มาตรการ: ${m.title_th} (ผู้รับผิดชอบ: ${m.division_name ?? m.owner_name}${m.due_date ? `, กำหนดเสร็จ ${formatDate(m.due_date)}` : ''})`);
    lines.push('');
  }
  lines.push('## การกำกับติดตาม', '', 'ผู้รับผิดชอบรายงานความก้าวหน้าในระบบทุกเดือน และจัดทำรายงานรอบ 6 เดือนและรายงานประจำปีเสนอผู้บริหาร');
  const head = (await listExecutives(p.db, actor.agencyId)).find((e) => e.side === 'political');
  return createContent(p, actor, {
    kind: 'document', slug: '', category: 'policy', fiscal_year: year, period: null, body_format: 'markdown', body_en: '', summary_en: '', title_en: '',
    title_th: `การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส ประจำปี ${from} และมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ${year}`,
    summary_th: `วิเคราะห์ผลการประเมิน ITA ปี ${from} จุดที่ต้องพัฒนา และแนวทางการนำไปสู่การปฏิบัติ`,
    body_th: lines.join('\n'),
    // the head of agency signs it off before it is published
    is_signoff_required: true, signoff_name: head?.name_th ?? '', signoff_position: head?.position_th ?? '', signoff_date: null,
  });
}
