/** A record the interchange loader rejects; its message becomes the load report's reason. */
export class RowError extends Error {}
