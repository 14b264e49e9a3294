import { z } from 'zod';

/**
 * No generated code: zod would otherwise compile object parsers with `new Function` (and probe for
 * it once). Impact Log runs no dynamic code, so zod runs in its interpreted mode (about 20% slower
 * on a 20,000-entry read, unnoticeable on the timeline's pages). Imported for its side effect by
 * every domain module that builds schemas, before it builds them.
 */
z.config({ jitless: true });
