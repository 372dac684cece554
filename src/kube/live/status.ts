// No import of @kubernetes/client-node here: the namespace naming and the boundary use this too.

/** The Status an API error carries (its message, reason and field causes), whatever shape the client gave it. */
export function statusOf(err: unknown): { code?: number; message: string; reason?: string; causes: { field?: string; message?: string }[] } {
  const e = err as { code?: number; body?: unknown; message?: string };
  let body = e?.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      /* a plain-text body */
    }
  }
  const b = (body && typeof body === 'object' ? body : {}) as { message?: string; reason?: string; details?: { causes?: { field?: string; message?: string }[] } };
  return { code: typeof e?.code === 'number' ? e.code : undefined, message: b.message ?? (typeof body === 'string' && body ? body : e?.message ?? String(err)), reason: b.reason, causes: b.details?.causes ?? [] };
}
