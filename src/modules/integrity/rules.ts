// ITA scoring rules per assessment year, held as data: weights of the three tools, the ten indicators, the levels.
export interface Level {
  level_th: string;
  level_en: string;
  meaning_th: string;
  /** rules stored before English meanings existed have none: see withEnglish */
  meaning_en: string;
  /** hundredths: 8500 = 85.00 */
  min_total: number;
  /** every tool must reach this too (hundredths), or null */
  min_each: number | null;
}

export interface Rules {
  /** percent, summing to 100 */
  weights: { iit: number; eit: number; oit: number };
  indicators: Array<{ no: number; tool: 'iit' | 'eit' | 'oit'; name_th: string; name_en: string }>;
  /** from the highest level down; the first that holds applies */
  levels: Level[];
}

const MEANING = 'หน่วยงานสามารถดำเนินการได้สอดคล้องตามตัวชี้วัดและหลักเกณฑ์การประเมิน ITA';
const MEANING_EN = 'The agency works in line with the ITA indicators and criteria';

/** The 2567 rules (FRAMEWORK §2); later years start as a copy until NACC says otherwise. */
export const DEFAULT_RULES: Rules = {
  weights: { iit: 30, eit: 30, oit: 40 },
  indicators: [
    { no: 1, tool: 'iit', name_th: 'การปฏิบัติหน้าที่', name_en: 'Performance of duties' },
    { no: 2, tool: 'iit', name_th: 'การใช้งบประมาณ', name_en: 'Use of budget' },
    { no: 3, tool: 'iit', name_th: 'การใช้อำนาจ', name_en: 'Use of authority' },
    { no: 4, tool: 'iit', name_th: 'การใช้ทรัพย์สินของราชการ', name_en: 'Use of government property' },
    { no: 5, tool: 'iit', name_th: 'การแก้ไขปัญหาการทุจริต', name_en: 'Solving corruption problems' },
    { no: 6, tool: 'eit', name_th: 'คุณภาพการดำเนินงาน', name_en: 'Quality of operations' },
    { no: 7, tool: 'eit', name_th: 'ประสิทธิภาพการสื่อสาร', name_en: 'Effectiveness of communication' },
    { no: 8, tool: 'eit', name_th: 'การปรับปรุงระบบการทำงาน', name_en: 'Improvement of work systems' },
    { no: 9, tool: 'oit', name_th: 'การเปิดเผยข้อมูล', name_en: 'Disclosure of information' },
    { no: 10, tool: 'oit', name_th: 'การป้องกันการทุจริต', name_en: 'Prevention of corruption' },
  ],
  levels: [
    { level_th: 'ผ่านดีเยี่ยม', level_en: 'Pass, excellent', meaning_th: `${MEANING} มากที่สุด`, meaning_en: `${MEANING_EN} to the highest degree.`, min_total: 9500, min_each: 9500 },
    { level_th: 'ผ่านดี', level_en: 'Pass, good', meaning_th: `${MEANING} มาก`, meaning_en: `${MEANING_EN} to a high degree.`, min_total: 8500, min_each: 8500 },
    { level_th: 'ผ่าน', level_en: 'Pass', meaning_th: `${MEANING} ในระดับที่ผ่านเกณฑ์ แต่ยังมีเครื่องมือการประเมินที่ต้องพัฒนา`, meaning_en: `${MEANING_EN} at a passing level, but some assessment tools still need improving.`, min_total: 8500, min_each: null },
    { level_th: 'ต้องปรับปรุง', level_en: 'Needs improvement', meaning_th: 'หน่วยงานยังต้องปรับปรุงการดำเนินงานให้สอดคล้องตามตัวชี้วัดและหลักเกณฑ์การประเมิน ITA', meaning_en: 'The agency still needs to improve its work to be in line with the ITA indicators and criteria.', min_total: 7000, min_each: null },
    { level_th: 'ต้องปรับปรุงโดยด่วน', level_en: 'Needs urgent improvement', meaning_th: 'หน่วยงานต้องปรับปรุงการดำเนินงานให้สอดคล้องตามตัวชี้วัดและหลักเกณฑ์การประเมิน ITA โดยด่วน', meaning_en: 'The agency must urgently improve its work to be in line with the ITA indicators and criteria.', min_total: 0, min_each: null },
  ],
};

/**
 * Levels as stored, with the English they may lack (rules saved before meaning_en existed): taken from the default
 * level of the same Thai name, or left empty (pages then show the Thai).
 */
export function withEnglish(levels: Array<Omit<Level, 'meaning_en' | 'level_en'> & Partial<Pick<Level, 'meaning_en' | 'level_en'>>>): Level[] {
  return levels.map((l) => {
    const known = DEFAULT_RULES.levels.find((d) => d.level_th === l.level_th);
    return { ...l, level_en: l.level_en || known?.level_en || '', meaning_en: l.meaning_en || (known && known.meaning_th === l.meaning_th ? known.meaning_en : '') };
  });
}

/** A level's name and meaning in a language; English falls back to the Thai where it has none. */
export function levelIn(level: Level, lang: 'th' | 'en'): { name: string; meaning: string } {
  return lang === 'en' ? { name: level.level_en || level.level_th, meaning: level.meaning_en || level.meaning_th } : { name: level.level_th, meaning: level.meaning_th };
}

export interface Scores {
  iit: number;
  eit: number;
  oit: number;
}

/** Weighted total in hundredths, rounded half up: IIT 97.03, EIT 92.00, OIT 96.50 → 9531. */
export function totalOf(rules: Rules, s: Scores): number {
  const sum = s.iit * rules.weights.iit + s.eit * rules.weights.eit + s.oit * rules.weights.oit;
  return Math.floor((sum + 50) / 100);
}

export function levelOf(rules: Rules, total: number, s: Scores): Level {
  const each = Math.min(s.iit, s.eit, s.oit);
  return rules.levels.find((l) => total >= l.min_total && (l.min_each === null || each >= l.min_each)) ?? rules.levels[rules.levels.length - 1]!;
}

/** A tool's score as the mean of its indicators (hundredths), when all its indicators are given. */
export function toolFromIndicators(rules: Rules, tool: 'iit' | 'eit' | 'oit', indicators: Record<string, number>): number | null {
  const nos = rules.indicators.filter((i) => i.tool === tool).map((i) => i.no);
  if (!nos.every((n) => typeof indicators[n] === 'number')) return null;
  return Math.round(nos.reduce((a, n) => a + indicators[n]!, 0) / nos.length);
}

export const fmtScore = (x100: number) => (x100 / 100).toFixed(2);

/** '95.31' → 9531; null when not a score between 0 and 100 with at most two decimals. */
export function parseScore(text: string): number | null {
  const t = text.trim().replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(t)) return null;
  const [whole, frac = ''] = t.split('.');
  const v = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return v <= 10000 ? v : null;
}

/** A measure still open after its due date (days 'YYYY-MM-DD', Bangkok). */
export const isOverdue = (m: { due_date: string | null; status: string }, today: string): boolean =>
  !!m.due_date && m.due_date < today && (m.status === 'planned' || m.status === 'in_progress');
