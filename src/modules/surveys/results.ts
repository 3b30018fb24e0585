// The results of a pre-assessment round, or why there are none. Counts are read only when they may be shown: the
// round's closing day, fixed when it opened, has passed (before, two looks a few answers apart would tell what those
// few answered; even the number of respondents is not said, so nobody can tell when someone answered) and at least
// its minimum group answered. Below that the only thing said is how many more answers would have been needed.
// No breakdown by unit, role or anything else exists: the counts know nothing but question and answer.
import type { DbLike } from '../../platform/db/index.ts';
import { can, requirePermission, type HasRoles } from '../../platform/auth/roles.ts';
import { topicsOf, type Question, type Topic } from './questions.ts';
import { pastClosing, RESULTS } from './rules.ts';
import { tallies, type Round } from './store.ts';

export interface QuestionResult {
  question: Question;
  /** mean score 0–100 */
  score: number;
  low: boolean;
}

export interface TopicResult {
  topic: Topic;
  /** the mean of its questions' scores, 0–100 */
  score: number;
  low: boolean;
  questions: QuestionResult[];
}

export type RoundResults =
  | { state: 'open'; closesOn: string }
  | { state: 'tooFew'; respondents: number; needed: number }
  | { state: 'shown'; respondents: number; topics: TopicResult[]; overall: number; lowCount: number };

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
/** Two decimals, as ITA scores are reported. */
const round2 = (x: number) => Math.round(x * 100) / 100;

export async function roundResults(db: DbLike, viewer: HasRoles, round: Round, today: string): Promise<RoundResults> {
  requirePermission(viewer, RESULTS);
  if (!pastClosing(round, today)) return { state: 'open', closesOn: round.closes_on };
  const needed = Math.max(0, round.min_group - round.respondents);
  if (needed > 0) return { state: 'tooFew', respondents: round.respondents, needed };
  const counts = await tallies(db, round.id);
  const threshold = round.threshold;
  const topics = topicsOf(round.question_set).map((topic) => {
    const questions = topic.questions.map((question) => {
      let n = 0;
      let sum = 0;
      for (const [score, k] of counts.get(question.key) ?? []) {
        n += k;
        sum += score * k;
      }
      const raw = n ? sum / n / 100 : 0;
      return { question, score: round2(raw), low: raw < threshold, raw };
    });
    const raw = mean(questions.map((q) => q.raw));
    return { topic, score: round2(raw), low: raw < threshold, questions: questions.map(({ raw: _, ...q }) => q), raw };
  });
  const overall = round2(mean(topics.map((t) => t.raw)));
  return { state: 'shown', respondents: round.respondents, topics: topics.map(({ raw: _, ...t }) => t), overall, lowCount: topics.filter((t) => t.low).length };
}

export const maySeeResults = (viewer: HasRoles | null | undefined): boolean => can(viewer, RESULTS);
