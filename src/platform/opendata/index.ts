// Datasets that modules publish at /open-data: CSV (UTF-8 with BOM, so Excel shows Thai), JSON and DCAT JSON-LD.
import { csvFromRecords } from '../csv.ts';
import type { DbLike } from '../db/index.ts';
import type { Bilingual } from '../i18n/index.ts';

export type Cell = string | number | null;

export interface Dataset {
  /** URL-safe name, stable once published */
  key: string;
  title: Bilingual;
  description: Bilingual;
  keywords: string[];
  columns: Array<{ key: string; title: Bilingual }>;
  rows(db: DbLike, agencyId: number): Promise<Array<Record<string, Cell>>>;
}

const datasets = new Map<string, Dataset>();

export function registerDataset(d: Dataset): void {
  if (!/^[a-z0-9-]+$/.test(d.key)) throw new Error(`bad dataset key ${d.key}`);
  datasets.set(d.key, d);
}

export function listDatasets(): Dataset[] {
  return [...datasets.values()].sort((a, b) => a.key.localeCompare(b.key));
}

export function getDataset(key: string): Dataset | undefined {
  return datasets.get(key);
}

export function toCsv(d: Dataset, rows: Array<Record<string, Cell>>): string {
  return csvFromRecords(d.columns.map((c) => c.key), rows);
}

export function toJson(d: Dataset, rows: Array<Record<string, Cell>>): unknown {
  return { dataset: d.key, title: d.title, columns: d.columns, rows };
}

export interface Publisher {
  name: Bilingual;
  baseUrl: string;
}

/** A DCAT description of one dataset. */
export function dcat(d: Dataset, pub: Publisher, rowCount: number, modified: string): Record<string, unknown> {
  const base = `${pub.baseUrl}/open-data/${d.key}`;
  return {
    '@context': { dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/', foaf: 'http://xmlns.com/foaf/0.1/', xsd: 'http://www.w3.org/2001/XMLSchema#' },
    '@id': base,
    '@type': 'dcat:Dataset',
    'dct:identifier': d.key,
    'dct:title': [{ '@language': 'th', '@value': d.title.th }, { '@language': 'en', '@value': d.title.en }],
    'dct:description': [{ '@language': 'th', '@value': d.description.th }, { '@language': 'en', '@value': d.description.en }],
    'dcat:keyword': d.keywords,
    'dct:language': ['th', 'en'],
    'dct:modified': { '@type': 'xsd:dateTime', '@value': modified },
    'dct:publisher': { '@type': 'foaf:Organization', 'foaf:name': [{ '@language': 'th', '@value': pub.name.th }, { '@language': 'en', '@value': pub.name.en }] },
    'dcat:landingPage': `${pub.baseUrl}/open-data#${d.key}`,
    'dct:extent': `${rowCount} rows`,
    'dcat:distribution': [
      { '@type': 'dcat:Distribution', 'dct:title': 'CSV', 'dcat:downloadURL': `${base}.csv`, 'dcat:mediaType': 'text/csv', 'dct:format': 'CSV' },
      { '@type': 'dcat:Distribution', 'dct:title': 'JSON', 'dcat:downloadURL': `${base}.json`, 'dcat:mediaType': 'application/json', 'dct:format': 'JSON' },
    ],
  };
}
