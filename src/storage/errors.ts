/** Errors of the storage layer, worded for a person (the UI shows `message` as it is). */
export class StoreError extends Error {
  override readonly name: string = 'StoreError';
  constructor(
    message: string,
    readonly code: 'NOT_FOUND' | 'TOO_NEW' | 'CORRUPT' | 'IO' | 'PATH' | 'BUSY',
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}
