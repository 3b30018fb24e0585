// Debian's chromium driven by playwright-core (never a downloaded browser), with axe-core for WCAG 2.1 A/AA.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { dbTargets } from './db.ts';
import { DEMO_PASSWORD, startApp, type TestApp } from './app.ts';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Collects every console error (CSP violations, failed loads) and page error, with the address it came from. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${m.text()} @ ${m.location().url}`);
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

/**
 * The problems left once the failed loads a test asked for are taken out: only a page's own status, at the
 * address the test visited for it (a 404 page, a 422 form), never every message that mentions a status.
 */
export function unexpected(problems: string[], base: string, expected: Array<[path: string | RegExp, status: number]>): string[] {
  const prefix = (status: number) => `Failed to load resource: the server responded with a status of ${status} (${STATUS_TEXT[status]}) @ ${base}`;
  return problems.filter((p) => !expected.some(([path, status]) => p.startsWith(prefix(status)) && (typeof path === 'string' ? p.slice(prefix(status).length) === path : path.test(p.slice(prefix(status).length)))));
}
const STATUS_TEXT: Record<number, string> = { 401: 'Unauthorized', 404: 'Not Found', 422: 'Unprocessable Entity' };

interface AxeResult {
  violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[]; failureSummary: string }> }>;
}

/** Runs axe on the current page: WCAG 2.0/2.1 A and AA must have no violations. */
export async function expectAccessible(page: Page): Promise<void> {
  // evaluated through the DevTools protocol: not an inline script, so the page's CSP stays strict
  await page.evaluate(AXE);
  const result = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })`)) as AxeResult;
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} — ${n.failureSummary}`).join('\n    ')}`).join('\n');
  assert.equal(result.violations.length, 0, `axe violations on ${page.url()}:\n${summary}`);
}

/** Types a date into a Thai date input (day, month, B.E. year boxes) found by its legend. */
export async function fillDate(scope: Page | Locator, legend: RegExp, parts: { day?: string; month: string; year: string; time?: string }): Promise<void> {
  const group = scope.getByRole('group', { name: legend });
  if (parts.day !== undefined) await group.getByLabel('วัน', { exact: true }).fill(parts.day);
  await group.getByLabel('เดือน', { exact: true }).fill(parts.month);
  await group.getByLabel('ปี (พ.ศ.)', { exact: true }).fill(parts.year);
  if (parts.time !== undefined) await group.getByLabel('เวลา (ชั่วโมง:นาที)', { exact: true }).fill(parts.time);
}

/** With SCREENSHOTS=1, saves the page as docs/screenshots/{name}.png (for the README); otherwise does nothing. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  const dir = path.resolve(import.meta.dirname, '../../docs/screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** The values shown in a date input's boxes, day first. */
export async function dateShown(scope: Page | Locator, legend: RegExp): Promise<string[]> {
  return scope.getByRole('group', { name: legend }).locator('input').evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value));
}

/** The demo app on SQLite (or PostgreSQL), listening on a free port, with a browser; hooks registered on the enclosing describe. */
export interface BrowserApp {
  t: TestApp;
  browser: Browser;
  base: string;
  /** a fresh browser context (no cookies) and its page, with console problems collected */
  newPage(viewport?: { width: number; height: number }): Promise<{ page: Page; problems: string[] }>;
  signIn(page: Page, username: string, password?: string): Promise<void>;
}

/** `env`: settings beyond the test defaults, read when the app starts (after the describe's earlier hooks, e.g. an SMTP server's port). */
export function browserApp(db: 'sqlite' | 'postgres' = 'sqlite', o: { env?: () => Record<string, string> } = {}): BrowserApp {
  const h = {
    async newPage(viewport = { width: 1280, height: 900 }) {
      const page = await (await h.browser.newContext({ viewport })).newPage();
      return { page, problems: watchConsole(page) };
    },
    async signIn(page: Page, username: string, password = DEMO_PASSWORD) {
      await page.goto(`${h.base}/login`);
      await page.getByLabel('ชื่อผู้ใช้').fill(username);
      await page.getByLabel('รหัสผ่าน').fill(password);
      await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    },
  } as BrowserApp;
  before(async () => {
    const target = (await dbTargets()).find((x) => x.name === db)!;
    if (target.skip) throw new Error(target.skip);
    h.t = await startApp(target, { env: o.env?.() });
    await h.t.app.listen({ port: 0, host: '127.0.0.1' });
    h.base = `http://127.0.0.1:${(h.t.app.server.address() as AddressInfo).port}`;
    h.browser = await launch();
  });
  after(async () => {
    await h.browser?.close();
    await h.t?.close();
  });
  return h;
}
