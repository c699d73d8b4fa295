/** The outcome of one of go's checks: the value go would use, or go's own error message verbatim. */
export type GoResult<T> = { ok: true; value: T } | { ok: false; error: string };
