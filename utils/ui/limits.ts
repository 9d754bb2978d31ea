/** DevTools exports of a long session reach tens of MB; beyond this the panel would stall. */
export const MAX_HAR_BYTES = 50 * 1024 * 1024;
