// OIT evidence providers: any module offers its pages or records as evidence through its module declaration;
// the OIT module binds them to items and checks them.
import type { DbLike } from './db/index.ts';
import type { Bilingual, Lang, MessageKey, Vars } from './i18n/index.ts';

export interface EvidenceCandidate {
  ref: string;
  title: string;
  /** e.g. kind and fiscal year, shown beside the title in the picker */
  detail: string;
}

export interface EvidenceIssue {
  key: MessageKey;
  vars?: Vars;
}

export interface Evidence {
  title: Bilingual;
  url: string;
  /** visible to the public now */
  published: boolean;
  fiscalYear: number | null;
  /** 'YYYY-MM' for one month of a monthly series */
  period: string | null;
  publishedAt: string | null;
  attachments: Array<{ name: string; url: string; ext: string; size: number }>;
  /** what the provider knows is wrong, e.g. an executive without a photo */
  issues: EvidenceIssue[];
}

/** Narrows a picker's list; a provider that cannot apply a filter ignores it. */
export interface CandidateFilter {
  /** the language of `title` (where the provider has it) and `detail` (Thai when absent) */
  lang?: Lang;
  /** only what the public can see now */
  publishedOnly?: boolean;
  /** only evidence of one of these fiscal years (B.E.); absent or empty means any */
  fiscalYears?: number[];
  /** at most this many (the provider's own cap when absent) */
  limit?: number;
}

export interface EvidenceProvider {
  key: string;
  label: Bilingual;
  candidates(db: DbLike, agencyId: number, q: string, filter?: CandidateFilter): Promise<EvidenceCandidate[]>;
  resolve(db: DbLike, agencyId: number, ref: string): Promise<Evidence | null>;
}

const providers = new Map<string, EvidenceProvider>();

export function registerEvidenceProvider(p: EvidenceProvider): void {
  providers.set(p.key, p);
}

export function evidenceProvider(key: string): EvidenceProvider | undefined {
  return providers.get(key);
}

export function evidenceProviders(): EvidenceProvider[] {
  return [...providers.values()];
}
