// Other modules add sections to the home page (latest news, services, …) through addHomeBlock.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ViewCtx } from '../../platform/views/ctx.ts';

export type HomeBlock = (ctx: ViewCtx, req: FastifyRequest) => Promise<string> | string;
// keyed by the HTTP server: every plugin context of one app shares it
const blocks = new WeakMap<object, HomeBlock[]>();

export function addHomeBlock(app: FastifyInstance, block: HomeBlock): void {
  const list = blocks.get(app.server) ?? [];
  list.push(block);
  blocks.set(app.server, list);
}

export function homeBlocks(app: FastifyInstance): HomeBlock[] {
  return blocks.get(app.server) ?? [];
}
