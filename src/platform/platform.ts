// The platform handed to every module: settings, database, keys, mail and files.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import type { Keys } from './crypto.ts';
import type { Db } from './db/index.ts';
import type { Mailer } from './mail/index.ts';
import type { FileStore } from './files/index.ts';

export interface Platform {
  config: Config;
  db: Db;
  keys: Keys;
  mail: Mailer;
  files: FileStore;
  log: FastifyBaseLogger;
}
