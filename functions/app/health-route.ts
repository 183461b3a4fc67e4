/** Building block: GET /healthz — mode, the index in use and turns waiting to be written. */
import type { KnowledgeSource } from '#core/ports.ts';
import type { KnowledgeIndex } from '#core/retrieval/knowledge-index.ts';
import { json } from '#adapters/http/http-types.ts';
import type { Router } from '#adapters/http/router.ts';
import type { Config } from './config.ts';

export function addHealthRoute(
  router: Router,
  deps: { config: Config; knowledge: KnowledgeSource<KnowledgeIndex>; unsavedTurns: () => number },
): Router {
  return router.on('GET', '/healthz', async () => {
    const index = await deps.knowledge.current();
    return json(200, {
      ok: true,
      mode: deps.config.mode,
      index: index.meta,
      unsavedTurns: deps.unsavedTurns(),
    });
  });
}
