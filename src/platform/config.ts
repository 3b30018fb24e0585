// Environment → typed settings. The one place for every setting and its default.
import { z } from 'zod';
import os from 'node:os';
import path from 'node:path';
import { isIP } from 'node:net';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** An address or network for TRUST_PROXY, as proxy-addr takes them (it throws on anything else, at start-up). */
function isProxyAddress(x: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(x)) return true;
  const [address, bits, more] = x.split('/');
  const v = isIP(address ?? '');
  return v !== 0 && more === undefined && (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) >= 1 && Number(bits) <= (v === 4 ? 32 : 128)));
}

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { error: 'must be development, production or test' }).default('development'),
  PORT: z.coerce.number({ error: 'must be a port number' }).int('must be a whole number').min(0).max(65535, 'must be at most 65535').default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  BASE_URL: z.url({ error: 'must be an absolute URL such as https://www.example.go.th' }).optional(),
  DEMO_MODE: bool.optional(),
  DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').max(200).optional(),
  SECRET_KEY: z.string().min(32, 'must be at least 32 characters (for example: openssl rand -hex 32)').optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number({ error: 'must be a port number' }).int().min(1).max(65535).default(587),
  SMTP_SECURE: bool.default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  MAIL_FROM: z.string().min(3).default('Prongsai <no-reply@localhost>'),
  UPLOAD_MAX_MB: z.coerce.number({ error: 'must be a number of megabytes' }).positive('must be more than 0').max(1024).default(20),
  UPLOAD_TOTAL_MB: z.coerce.number({ error: 'must be a number of megabytes' }).positive('must be more than 0').max(4096).default(50),
  UPLOAD_CONCURRENCY: z.coerce.number({ error: 'must be a whole number' }).int().min(1).max(64).default(4),
  UPLOAD_STALL_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(2, 'must be at least 2').max(600, 'must be at most 600').default(20),
  REQUEST_TIMEOUT_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(1).max(3600).default(300),
  IDLE_TIMEOUT_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(1).max(3600).default(60),
  SESSION_HOURS: z.coerce.number({ error: 'must be a number of hours' }).positive().max(24 * 30).default(8),
  SESSION_MAX_HOURS: z.coerce.number({ error: 'must be a number of hours' }).positive().max(24 * 90).default(24),
  // true means one reverse proxy: the address it adds last to X-Forwarded-For is the visitor's (trusting every hop
  // would let a visitor choose their address by sending the header themselves)
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, ctx): false | number | string[] => {
      const t = v.trim().toLowerCase();
      if (['false', '0', 'no', ''].includes(t)) return false;
      if (['true', 'yes'].includes(t)) return 1;
      if (/^\d+$/.test(t) && Number(t) <= 10) return Number(t);
      const list = t.split(',').map((x) => x.trim()).filter(Boolean);
      if (list.length && list.every(isProxyAddress)) return list;
      ctx.addIssue({ code: 'custom', message: 'must be false, true (one reverse proxy), the number of proxies (up to 10) or their addresses (for example 127.0.0.1,10.0.0.0/8 or loopback)' });
      return z.NEVER;
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be fatal, error, warn, info, debug, trace or silent' }).default('info'),
  STATIC_EXTRA_DIR: z.string().optional(),
  WEB_CONCURRENCY: z.coerce.number({ error: 'must be a whole number of processes' }).int('must be a whole number').min(1, 'must be at least 1').max(64, 'must be at most 64').optional(),
  PAGE_CACHE_MB: z.coerce.number({ error: 'must be a number of megabytes' }).min(0, 'must be 0 (off) or more').max(1024, 'must be at most 1024').default(32),
  PAGE_CACHE_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).int('must be a whole number').min(1, 'must be at least 1').max(86400, 'must be at most 86400').default(60),
  PUBLIC_QUERIES_PER_MINUTE: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must be 0 (off) or more').max(100000, 'must be at most 100000').default(120),
  COMPLAINT_ACK_DAYS: z.coerce.number({ error: 'must be a number of days' }).int().min(1).max(90).default(7),
  COMPLAINT_CONCLUDE_DAYS: z.coerce.number({ error: 'must be a number of days' }).int().min(1).max(365).default(30),
  COMPLAINT_RETENTION_DAYS: z.coerce.number({ error: 'must be a number of days' }).int().min(30).max(36500).default(1825),
  COMPLAINT_STATS_MIN: z.coerce.number({ error: 'must be a whole number' }).int().min(1).max(50).default(3),
  NACC_COMPLAINT_URL: z.url({ error: 'must be an absolute URL' }).default('https://www.nacc.go.th/'),
  PACC_COMPLAINT_URL: z.url({ error: 'must be an absolute URL' }).default('https://www.pacc.go.th/'),
  LINK_CHECK_ALLOW_HOSTS: z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\]):\d{1,5}$/, 'must be a comma-separated list of host:port (for example 127.0.0.1:8080)')).max(50, 'at most 50 entries'))
    .optional(),
});

export interface ComplaintSettings {
  /** days to acknowledge a new case, and to conclude it */
  ackDays: number;
  concludeDays: number;
  /** days a closed case's content and files are kept, then deleted */
  retentionDays: number;
  /** public statistics hide counts below this (they could point at someone) */
  statsMin: number;
  naccUrl: string;
  paccUrl: string;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  baseUrl: string;
  demoMode: boolean;
  demoPassword?: string;
  secretKey?: string;
  smtp?: { host: string; port: number; secure: boolean; user?: string; password?: string };
  mailFrom: string;
  uploadMaxBytes: number;
  /** all files of one request together */
  uploadTotalBytes: number;
  /** uploads read at once per process */
  uploadConcurrency: number;
  /** an upload that sends less than MIN_UPLOAD_BYTES_PER_SECOND over this long is cut (multipart.ts) */
  uploadStallMs: number;
  /** a request must arrive whole within this */
  requestTimeoutMs: number;
  /** a connection that sends nothing for this long is closed */
  idleTimeoutMs: number;
  sessionHours: number;
  /** a session ends this long after sign-in however busy it is */
  sessionMaxHours: number;
  /** Fastify's trustProxy: false, the number of proxies in front, or their addresses */
  trustProxy: false | number | string[];
  logLevel: string;
  staticExtraDir?: string;
  /** worker processes `serve` runs (node:cluster); 1 serves from one process, without a cluster */
  webConcurrency: number;
  /** searches and public API reads one address may make a minute (0: no limit) */
  publicQueriesPerMinute: number;
  /** the rendered-page cache of anonymous public pages, per worker: its size in bytes (0: off) and the longest an entry is kept */
  pageCache: { maxBytes: number; maxAgeMs: number };
  complaints: ComplaintSettings;
  /**
   * host:port pairs the OIT link check may fetch although they are in a private range (tests stand in for external
   * sites on 127.0.0.1); empty in production: links to private, loopback and link-local addresses are refused
   */
  linkCheckAllowHosts: string[];
}

export class ConfigError extends Error {}

/** Reads settings; a bad one throws ConfigError with one line naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const v = env[key];
    if (v !== undefined && v !== '') raw[key] = v;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'setting');
    const given = raw[name];
    const secret = /SECRET|PASSWORD|DATABASE_URL|SMTP_USER/.test(name);
    const shown = secret || given === undefined ? '' : ` (got "${given}")`;
    throw new ConfigError(`Configuration error: ${name} ${issue.message}${shown}`);
  }
  const c = parsed.data;
  const demoMode = c.DEMO_MODE ?? c.NODE_ENV !== 'production';
  if (!demoMode && !c.SECRET_KEY) throw new ConfigError('Configuration error: SECRET_KEY is required when DEMO_MODE is false (for example: openssl rand -hex 32)');
  return {
    env: c.NODE_ENV,
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(c.DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    baseUrl: (c.BASE_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, ''),
    demoMode,
    demoPassword: c.DEMO_PASSWORD,
    secretKey: c.SECRET_KEY,
    smtp: c.SMTP_HOST ? { host: c.SMTP_HOST, port: c.SMTP_PORT, secure: c.SMTP_SECURE, user: c.SMTP_USER, password: c.SMTP_PASSWORD } : undefined,
    mailFrom: c.MAIL_FROM,
    uploadMaxBytes: Math.round(c.UPLOAD_MAX_MB * 1024 * 1024),
    uploadTotalBytes: Math.round(Math.max(c.UPLOAD_TOTAL_MB, c.UPLOAD_MAX_MB) * 1024 * 1024),
    uploadConcurrency: c.UPLOAD_CONCURRENCY,
    uploadStallMs: c.UPLOAD_STALL_SECONDS * 1000,
    requestTimeoutMs: c.REQUEST_TIMEOUT_SECONDS * 1000,
    idleTimeoutMs: c.IDLE_TIMEOUT_SECONDS * 1000,
    sessionHours: c.SESSION_HOURS,
    sessionMaxHours: Math.max(c.SESSION_MAX_HOURS, c.SESSION_HOURS),
    trustProxy: c.TRUST_PROXY,
    logLevel: c.LOG_LEVEL,
    staticExtraDir: c.STATIC_EXTRA_DIR ? path.resolve(c.STATIC_EXTRA_DIR) : undefined,
    webConcurrency: c.WEB_CONCURRENCY ?? Math.max(1, Math.min(64, os.availableParallelism())),
    publicQueriesPerMinute: c.PUBLIC_QUERIES_PER_MINUTE,
    pageCache: { maxBytes: Math.round(c.PAGE_CACHE_MB * 1024 * 1024), maxAgeMs: c.PAGE_CACHE_SECONDS * 1000 },
    complaints: {
      ackDays: c.COMPLAINT_ACK_DAYS, concludeDays: c.COMPLAINT_CONCLUDE_DAYS, retentionDays: c.COMPLAINT_RETENTION_DAYS,
      statsMin: c.COMPLAINT_STATS_MIN, naccUrl: c.NACC_COMPLAINT_URL, paccUrl: c.PACC_COMPLAINT_URL,
    },
    linkCheckAllowHosts: c.LINK_CHECK_ALLOW_HOSTS ?? [],
  };
}
