// The demo's surveys: FY settings with ITAS links and codes (made up: the real ones come from the NACC each year) and
// a survey window around today, so the IIT and EIT blocks show on a fresh demo; and a closed pre-assessment round of
// the current fiscal year answered by six demo accounts, so its results (two topics likely to score low) show.
import type { Platform } from '../../platform/platform.ts';
import type { DemoContext } from '../../platform/module.ts';
import { systemActor } from '../../platform/auth/users.ts';
import { bangkokDay, fiscalYear, fiscalYearRange } from '../../platform/thai/index.ts';
import { CURRENT_SET, questionsOf } from './questions.ts';
import { addDays, DEFAULT_MIN_GROUP, DEFAULT_THRESHOLD, ROUND_MIN_DAYS } from './rules.ts';
import { closeRound, openRoundFor, saveSettings, submitAnswers } from './service.ts';

const clamp = (day: string, min: string, max: string) => (day < min ? min : day > max ? max : day);

/** Answers of the six demo accounts, per question: a level 0–3 (น้อยที่สุด … มากที่สุด) or, for yes/no, 1 = ไม่มี, 0 = มี. */
const ANSWERS: Record<string, number[]> = {
  // 1 performance of duty: high
  i1: [3, 3, 2, 3, 3, 3], i2: [3, 3, 3, 2, 3, 3], i3: [3, 2, 3, 3, 2, 3], i4: [1, 1, 1, 1, 1, 1], i5: [1, 1, 1, 1, 1, 1], i6: [1, 1, 0, 1, 1, 1],
  // 2 use of budget: staff know little of the spending plan and cannot follow it: likely low
  i7: [2, 1, 2, 2, 1, 3], i8: [3, 2, 2, 3, 2, 2], i9: [1, 1, 1, 1, 1, 1], i10: [2, 3, 2, 2, 3, 2], i11: [2, 1, 2, 2, 2, 3], i12: [1, 2, 1, 2, 2, 2],
  // 3 use of power: high
  i13: [3, 3, 2, 3, 3, 3], i14: [3, 2, 3, 3, 2, 3], i15: [2, 3, 3, 2, 3, 3], i16: [1, 1, 1, 1, 1, 1], i17: [1, 1, 1, 1, 1, 1], i18: [1, 1, 1, 1, 0, 1],
  // 4 use of state property: borrowing and supervision weak: likely low
  i19: [1, 0, 1, 1, 1, 1], i20: [2, 2, 1, 2, 3, 2], i21: [1, 1, 1, 1, 1, 1], i22: [2, 3, 2, 2, 2, 3], i23: [2, 2, 2, 1, 2, 3],
  // 5 anti-corruption: good
  i24: [3, 3, 3, 3, 2, 3], i25: [3, 2, 3, 2, 3, 3], i26: [1, 1, 1, 1, 1, 1], i27: [2, 3, 3, 2, 3, 3], i28: [3, 2, 2, 3, 3, 2], i29: [2, 3, 2, 3, 2, 3], i30: [2, 2, 3, 2, 3, 2],
};
const RESPONDENTS = ['publisher', 'service', 'complaint', 'asset', 'procurement', 'executive'];
const LEVEL = [0, 3333, 6667, 10000];

export async function seedDemoSurveys(p: Platform, ctx: DemoContext): Promise<void> {
  const demo = systemActor(ctx.agencyId, 'demo');
  const today = bangkokDay();
  const year = fiscalYear(today);
  const fy = fiscalYearRange(year);
  // a window around today within the fiscal year (the ITAS dates of a real year come from the NACC)
  const start = clamp(addDays(today, -30), fy.firstDay, fy.lastDay);
  const end = clamp(addDays(today, 90), addDays(start, 1), fy.lastDay);
  await saveSettings(p, demo, year, {
    iit_url: 'https://itas.nacc.go.th/go/iit/7QK4MD', iit_code: '7QK4MD',
    eit_url: 'https://itas.nacc.go.th/go/eit/7QK4MD', eit_code: '7QK4MD',
    window_start: start, window_end: end,
  });

  // opened 20 days ago, answers for ROUND_MIN_DAYS days, closed two days ago (a round cannot close before its
  // closing day: early in a fiscal year it opened in the year before)
  const opened = addDays(today, -20);
  const closesOn = addDays(opened, ROUND_MIN_DAYS);
  const roundId = await openRoundFor(p, demo, { fiscal_year: year, min_group: DEFAULT_MIN_GROUP, threshold: DEFAULT_THRESHOLD, closes_on: closesOn }, opened);
  const users = new Map((await p.db.k.selectFrom('app_user').select(['id', 'username']).where('agency_id', '=', ctx.agencyId).execute()).map((u) => [u.username, u.id]));
  const questions = questionsOf(CURRENT_SET);
  for (const [i, username] of RESPONDENTS.entries()) {
    const userId = users.get(username);
    if (userId === undefined) continue;
    const answers = Object.fromEntries(questions.map((q) => {
      const a = ANSWERS[q.key]![i]!;
      return [q.key, q.kind === 'level' ? LEVEL[a]! : a ? 10000 : 0];
    }));
    await submitAnswers(p, demo, roundId, answers, userId, addDays(opened, 1));
  }
  await closeRound(p, demo, roundId, addDays(today, -2));
}
