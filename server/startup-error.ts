/** A problem that stops the app from starting; main.ts prints its message as one line and exits 1. */
export class StartupError extends Error {}
