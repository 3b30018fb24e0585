// The platform handed to every module: settings, database, keys, mail and files.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import type { Keys } from './crypto.ts';
import type { Db } from './db/index.ts';
import type { Mailer } from './mail/index.ts';
import type { FileStore } from './files/index.ts';
import type { ModuleDef } from './module.ts';

export interface Platform {
  /** the modules of this installation (src/modules/index.ts), in order */
  modules: readonly ModuleDef[];
  config: Config;
  db: Db;
  keys: Keys;
  mail: Mailer;
  files: FileStore;
  log: FastifyBaseLogger;
}
